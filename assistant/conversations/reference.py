"""A cited message as people name it — group, local minute, sender — and the way back from that name.

Plain-text output never shows raw message ids (they are for ``--json`` and scripts): a person reads
``摄影群 · 11-03 20:15 · 小王`` and types ``history context --group 摄影群 --at "2026-11-03 20:15"``.
The minute is the group's local time, as every evidence line prints it, so a reference copied from
any output finds its message again; :func:`locate` turns it back into the message's key.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from ..errors import InputError
from ..i18n import t

if TYPE_CHECKING:
    import duckdb

    from ..analytics.groups import Group

MINUTE = "%Y-%m-%d %H:%M"  # how evidence, alerts and search results print a message's local time
_FORMATS = (MINUTE, "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y/%m/%d %H:%M")
_SHELL = re.compile(r"[\s!\"#$&'()*;<>?\[\\\]^`{|}~]|^-")  # what a POSIX shell would read as more than a word
_UNNAMED = {"", "?"}  # a sender we cannot name matches nothing: leave --sender out


@dataclass(frozen=True)
class MessageRef:
    """A message as group, local time (``YYYY-MM-DD HH:MM``) and sender."""

    group: str
    ts: str
    sender: str = ""

    @classmethod
    def of(cls, item: object) -> MessageRef:
        """The reference of an evidence dict or record with ``group``, ``ts`` and ``sender``."""
        get = item.get if isinstance(item, dict) else lambda name, default="": getattr(item, name, default)
        return cls(str(get("group", "") or ""), str(get("ts", "") or ""), str(get("sender", "") or ""))

    @property
    def openable(self) -> bool:
        """Does it name a chat message of a group (not a recorded join or exit, which has no group)?"""
        return bool(self.group and self.ts)

    def text(self) -> str:
        """``摄影群 · 11-03 20:15 · 小王`` (the year is in the command)."""
        parts = [self.group, self.ts[5:] if len(self.ts) == len("2026-11-03 20:15") else self.ts]
        return " · ".join([*parts, *([self.sender] if self.sender not in _UNNAMED else [])])

    def command(self) -> str:
        """The command that opens the message's conversation, ready to copy."""
        words = ["python -m assistant history context --group", _quoted(self.group), f'--at "{self.ts}"']
        if self.sender not in _UNNAMED:
            words += ["--sender", _quoted(self.sender)]
        return " ".join(words)


def _quoted(value: str) -> str:
    return value if value and not _SHELL.search(value) else shlex.quote(value)


def parse_minute(at: str, language: str = "zh") -> datetime:
    """``2026-11-03 20:15`` as a naive local minute (seconds dropped); a clear error otherwise."""
    text = " ".join((at or "").split())
    for shape in _FORMATS:
        try:
            return datetime.strptime(text, shape).replace(second=0)
        except ValueError:
            continue
    raise InputError(t("context.error.at", language, at=at))


def locate(con: duckdb.DuckDBPyConnection, group: Group, at: str, sender: str | None = None,
           language: str = "zh") -> tuple[str, int]:
    """``(key, others)``: the first message of ``group`` sent in the local minute ``at`` (by ``sender``,
    if given), and how many more match. Raises :class:`InputError`, saying how to fix it, when none does."""
    start = parse_minute(at, language).replace(tzinfo=ZoneInfo(group.tz))
    params = {"g": group.id, "start": start, "end": start + timedelta(minutes=1)}
    where = "group_id = $g AND sent_at >= $start AND sent_at < $end"
    who = " AND (coalesce(nullif(sender_name, ''), sender_id) = $s OR sender_id = $s)" if sender else ""
    keys = [row[0] for row in con.execute(f"SELECT msg_key FROM messages WHERE {where}{who} ORDER BY sent_at, msg_key",
                                          params | ({"s": sender} if sender else {})).fetchall()]
    if keys:
        return keys[0], len(keys) - 1
    minute = start.strftime(MINUTE)
    if sender:
        total = con.execute(f"SELECT count(*) FROM messages WHERE {where}", params).fetchone()[0]
        if total:
            raise InputError(t("context.error.not_sender", language, group=group.name, at=minute, sender=sender,
                               n=total))
    raise InputError(t("context.error.no_minute", language, group=group.name, at=minute, tz=group.tz))
