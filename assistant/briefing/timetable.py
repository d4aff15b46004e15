"""Schedules: which job runs at which local times on which weekdays, and when it is next due.

Fire times come from APScheduler's cron triggers (one per time of day, combined), the same
triggers the scheduler worker runs, so ``schedule run-due --now`` (for cron users and tests) and the
worker can never disagree about what is due. APScheduler 3.11 was chosen because it is maintained,
runs inside our own process without a broker (Celery beat and RQ need Redis; the ``schedule``
package knows no time zones and no missed runs), computes cron fire times in any IANA time zone
across daylight-saving changes, and has coalescing and misfire handling built in.

Missed runs: what was due while the machine slept runs once at the next start — every fire time
between the last one run and now collapses into one run for the latest of them (coalescing).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import InputError
from ..i18n import t

if TYPE_CHECKING:
    from apscheduler.triggers.base import BaseTrigger

DAILY_DIGEST, WEEKLY_REPORT, ALERT_CHECK, WEFLOW_SYNC = "daily_digest", "weekly_report", "alert_check", "weflow_sync"
JOBS = {
    DAILY_DIGEST: {"zh": "群日报", "en": "daily digest"},
    WEEKLY_REPORT: {"zh": "运营周报", "en": "weekly report"},
    ALERT_CHECK: {"zh": "提醒检查", "en": "alert check"},
    WEFLOW_SYNC: {"zh": "WeFlow 同步", "en": "WeFlow sync"},
}
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_LABELS = {"zh": "一二三四五六日", "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class Schedule:
    schedule_id: int
    name: str
    job: str
    times: tuple[str, ...]  # "08:00"
    days: tuple[int, ...]  # 0 = Monday
    tz: str
    options: dict = field(default_factory=dict)
    paused: bool = False
    created_at: str = ""  # ISO instant
    last_due: str | None = None  # ISO instant of the last fire time that was run

    def trigger(self) -> BaseTrigger:
        from apscheduler.triggers.combining import OrTrigger  # loaded when a schedule is evaluated, not by --help
        from apscheduler.triggers.cron import CronTrigger

        zone = ZoneInfo(self.tz)
        days = ",".join(WEEKDAYS[d] for d in sorted(self.days))
        crons = [CronTrigger(hour=int(t[:2]), minute=int(t[3:]), day_of_week=days, timezone=zone) for t in self.times]
        return crons[0] if len(crons) == 1 else OrTrigger(crons)

    def due(self, now: datetime) -> datetime | None:
        """The latest fire time in (last run, now], or None: several missed ones count as one."""
        previous = datetime.fromisoformat(self.last_due or self.created_at)
        trigger, latest = self.trigger(), None
        while (upcoming := trigger.get_next_fire_time(previous, now)) is not None and upcoming <= now:
            if upcoming <= previous:  # a trigger returns the previous time itself when it is "now"
                break
            latest = previous = upcoming
        return latest

    def next_run(self, now: datetime) -> datetime | None:
        return None if self.paused else self.trigger().get_next_fire_time(None, now)

    def when(self, language: str = "zh") -> str:
        labels = WEEKDAY_LABELS[language]
        if len(self.days) == 7:
            days = "每天" if language == "zh" else "daily"
        elif language == "zh":
            days = "每周" + "、".join(labels[d] for d in self.days)
        else:
            days = ", ".join(labels[d] for d in self.days)
        return f"{days} {'、'.join(self.times) if language == 'zh' else ', '.join(self.times)}"

    def to_dict(self) -> dict:
        return {**asdict(self), "times": list(self.times), "days": list(self.days)}


def parse_times(text: str, language: str = "zh") -> tuple[str, ...]:
    """``8:00,20:30`` → ``("08:00", "20:30")``."""
    times = []
    for part in re.split(r"[,，\s]+", text.strip()):
        if not part:
            continue
        match = _TIME.match(part)
        if not match:
            raise InputError(t("timetable.error.time", language, value=part))
        times.append(f"{int(match.group(1)):02d}:{match.group(2)}")
    if not times:
        raise InputError(t("timetable.error.no_time", language))
    return tuple(sorted(set(times)))


def parse_days(text: str | None, language: str = "zh") -> tuple[int, ...]:
    """``mon-fri`` / ``mon,wed`` / ``1-5`` / ``daily`` (default) → weekday numbers, 0 = Monday."""
    if not text or text.strip().lower() in ("daily", "every", "每天", "*"):
        return tuple(range(7))
    days: set[int] = set()
    for part in re.split(r"[,，\s]+", text.strip().lower()):
        if not part:
            continue
        low, _, high = part.partition("-")
        first, last = _day(low, language), _day(high, language) if high else _day(low, language)
        if last < first:
            raise InputError(t("timetable.error.reversed", language, value=part))
        days |= set(range(first, last + 1))
    return tuple(sorted(days))


def _day(text: str, language: str) -> int:
    if text in WEEKDAYS:
        return WEEKDAYS.index(text)
    if text.isdigit() and 1 <= int(text) <= 7:
        return int(text) - 1
    raise InputError(t("timetable.error.day", language, value=text))


def check_zone(tz: str, language: str = "zh") -> str:
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InputError(t("timetable.error.zone", language, value=tz)) from exc
    return tz


def schedule_from_row(row) -> Schedule:  # noqa: ANN001 - a sqlite3.Row
    return Schedule(row["schedule_id"], row["name"], row["job"], tuple(json.loads(row["times"])),
                    tuple(json.loads(row["days"])), row["tz"], json.loads(row["options"]), bool(row["paused"]),
                    row["created_at"], row["last_due"])
