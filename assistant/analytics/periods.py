"""Periods the metrics are computed over: local days and ISO weeks, with the one before each.

Every boundary is a local midnight in the group's time zone (Asia/Shanghai by default), because an
operator's "yesterday" and "last week" are local. ISO weeks start on Monday; ``2026-W07`` names one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from ..errors import InputError
from ..i18n import t

_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.I)


@dataclass(frozen=True)
class Period:
    """A half-open span of local days ``[first, last]`` inclusive, with a display label."""

    first: date
    last: date
    label: str
    kind: str  # day | week | range

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        if self.kind == "week":
            return week_of(self.first - timedelta(days=7))
        if self.kind == "day":
            return day(self.first - timedelta(days=1))
        length = timedelta(days=self.days)
        return Period(self.first - length, self.last - length, f"{self.first - length}~{self.last - length}", "range")

    def back(self, steps: int) -> Period:
        """The period ``steps`` lengths before this one (0: this one)."""
        period = self
        for _ in range(steps):
            period = period.previous()
        return period

    def start(self, tz: str) -> datetime:
        """The first instant of the period in ``tz``."""
        return datetime.combine(self.first, datetime.min.time(), ZoneInfo(tz))

    def end(self, tz: str) -> datetime:
        """The first instant after the period in ``tz``."""
        return datetime.combine(self.last + timedelta(days=1), datetime.min.time(), ZoneInfo(tz))

    def each_day(self) -> list[date]:
        return [self.first + timedelta(days=i) for i in range(self.days)]


def day(value: date) -> Period:
    return Period(value, value, value.isoformat(), "day")


def week_of(value: date) -> Period:
    """The ISO week containing ``value``."""
    monday = value - timedelta(days=value.weekday())
    year, week, _ = monday.isocalendar()
    return Period(monday, monday + timedelta(days=6), f"{year}-W{week:02d}", "week")


def parse_week(text: str, language: str = "zh") -> Period:
    """``2026-W07`` → that ISO week (a malformed one is refused in ``language``)."""
    match = _WEEK.match(text.strip())
    if not match:
        raise InputError(t("analytics.error.week_format", language, text=text))
    year, week = int(match.group(1)), int(match.group(2))
    try:
        return week_of(date.fromisocalendar(year, week, 1))
    except ValueError as exc:
        raise InputError(t("analytics.error.no_week", language, year=year, week=week)) from exc


def parse_range(since: str, until: str, language: str = "zh") -> Period:
    """Inclusive local dates ``since``..``until`` (YYYY-MM-DD); a bad range is refused in ``language``."""
    try:
        first, last = date.fromisoformat(since), date.fromisoformat(until)
    except ValueError as exc:
        raise InputError(t("analytics.error.date_format", language, reason=exc)) from exc
    if last < first:
        raise InputError(t("analytics.error.range_order", language, first=first, last=last))
    if (last - first).days > 3660:
        raise InputError(t("analytics.error.range_long", language))
    return Period(first, last, f"{first}~{last}", "range")


def weeks_ending(last: date, count: int) -> list[Period]:
    """``count`` consecutive ISO weeks, the last one containing ``last``, oldest first."""
    newest = week_of(last)
    return [week_of(newest.first - timedelta(days=7 * i)) for i in reversed(range(count))]
