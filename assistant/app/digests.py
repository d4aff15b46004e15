"""Use case: the group digest (群日报) for one group or all, a day or a range, optionally one member.

Front ends (the ``digest`` command, the 日报 view, the chat, the scheduler) ask :class:`Digests`
and get a :class:`~assistant.briefing.digest.Digest` back; they never reach into the history.
Collaborators are small protocols, so tests can hand in fakes and the composition root the real
parts: a :class:`DayLogReader` over the history file and a :class:`Narrator` (offline or a model).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from ..analytics.daylog import DayLog
from ..analytics.periods import Period, day, parse_range
from ..briefing import exports
from ..briefing.compose import group_digest
from ..briefing.digest import Digest, Narrative
from ..briefing.layout import group_line
from ..briefing.texts import tr
from ..errors import InputError

DEFAULT_TZ = "Asia/Shanghai"


class DayLogReader(Protocol):
    def logs(self, group: str | None, period: Period) -> list[DayLog]: ...

    def last_message(self, group: str | None = None) -> datetime | None: ...


class Narrator(Protocol):
    def narrate(self, digest: Digest) -> Narrative: ...


class Digests:
    """Builds digests; ``now`` is the clock (tests and ``schedule run-due --now`` pass their own)."""

    def __init__(self, reader: DayLogReader, narrator: Narrator, language: str = "zh",
                 now: Callable[[], datetime] = lambda: datetime.now(ZoneInfo(DEFAULT_TZ))) -> None:
        self.reader = reader
        self.narrator = narrator
        self.language = language
        self.now = now

    def digest(self, group: str | None = None, on: str | date | None = None, since: str | None = None,
               until: str | None = None, member: str | None = None, narrate: bool = True) -> Digest:
        """The digest asked for; without a date, yesterday (or the latest day with messages when
        yesterday had none, with a notice saying so)."""
        period, notice = self.period(group, on, since, until)
        logs = self.reader.logs(group, period)
        member = (member or "").strip() or None
        parts = [group_digest(log, member) for log in logs]
        scope = group or (parts[0].group if len(parts) == 1 else tr("digest.all", self.language))
        digest = Digest(scope, period.label, period.first.isoformat(), period.last.isoformat(), parts,
                        [group_line(g, self.language) for g in parts], member=member, language=self.language,
                        notice=notice)
        if narrate:
            digest.narrative = self.narrator.narrate(digest)
        return digest

    def period(self, group: str | None, on: str | date | None, since: str | None,
               until: str | None) -> tuple[Period, str | None]:
        if on and (since or until):
            raise InputError(tr("digest.error.date_or_range", self.language))
        if since or until:
            if not (since and until):
                raise InputError(tr("digest.error.since_until", self.language))
            return parse_range(since, until, self.language), None
        if on:
            return day(_date(on, self.language)), None
        yesterday = self.now().date() - timedelta(days=1)
        last = self.reader.last_message(group)
        if last is None:
            return day(yesterday), None
        latest = last.astimezone(ZoneInfo(DEFAULT_TZ)).date()
        if latest >= yesterday:
            return day(yesterday), None
        return day(latest), tr("digest.fallback_day", self.language, asked=yesterday.isoformat(), day=latest.isoformat())

    @staticmethod
    def export(digest: Digest, extension: str) -> bytes:
        """``digest`` as ``.md``, ``.html`` or ``.png`` bytes."""
        return exports.render(digest, extension)


def _date(value: str | date, language: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(tr("digest.error.date", language, value=value)) from None
