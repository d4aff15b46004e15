"""The groups' numbers as the front ends ask for them: metrics over recent weeks, churn, segments,
risks, admins and the dashboard's series.

Pages and CLI commands call :class:`Numbers` instead of reaching into ``Assistant.analytics``: the
analytics package stays free to change its shape as long as it offers :class:`NumberSource`. The
results are the analytics' own plain records (reports, rows, flags), read-only to the caller.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..analytics.admins import AdminList
    from ..analytics.churn import ChurnReport
    from ..analytics.metrics import MetricsReport
    from ..analytics.periods import Period
    from ..analytics.risks import Flag
    from ..analytics.segments import MemberSegment


class NumberSource(Protocol):
    """What the analytics offer (``assistant.analytics.Analytics``)."""

    def group_names(self) -> list[str]: ...
    def period(self, week: str | None = None, since: str | None = None, until: str | None = None,
               group: str | None = None) -> Period: ...
    def recent_weeks(self, count: int, week: str | None = None, group: str | None = None) -> list[Period]: ...
    def latest_week(self, group: str | None = None) -> Period: ...
    def metrics(self, period: Period, group: str | None = None) -> list[MetricsReport]: ...
    def churn(self, period: Period, group: str | None = None) -> ChurnReport: ...
    def segments(self, group: str | None = None) -> list[MemberSegment]: ...
    def risks(self, group: str | None = None, days: int = 28) -> list[Flag]: ...
    def admins(self, group: str | None = None) -> list[AdminList]: ...
    def set_admin(self, group: str, member: str, is_admin: bool) -> AdminList: ...


class Numbers:
    """The numbers of the imported groups (one group, or all when ``group`` is None)."""

    def __init__(self, source: NumberSource) -> None:
        self.source = source

    @classmethod
    def at(cls, history_db: Path | str, language: str = "zh") -> Numbers:
        """The numbers of the history file at ``history_db`` (the dashboard caches by this path), its
        fix-it errors in ``language``."""
        from ..analytics import Analytics

        return cls(Analytics(history_db, language))

    def group_names(self) -> list[str]:
        return self.source.group_names()

    def recent_weeks(self, count: int, group: str | None = None) -> list[Period]:
        """The last ``count`` complete weeks, oldest first."""
        return self.source.recent_weeks(count, group=group)

    def weekly_metrics(self, weeks: int = 1, week: str | None = None, group: str | None = None) -> list[MetricsReport]:
        """Each group's metrics (and the total) for the ``weeks`` weeks ending at ``week``, oldest first."""
        return [r for p in self.source.recent_weeks(weeks, week=week, group=group) for r in self.source.metrics(p, group)]

    def churn(self, group: str | None = None, week: str | None = None, since: str | None = None,
              until: str | None = None) -> ChurnReport:
        """Why members left in a week or a date range (default: the latest complete week)."""
        return self.source.churn(self.source.period(week, since, until, group), group)

    def segments(self, group: str | None = None) -> list[MemberSegment]:
        return self.source.segments(group)

    def risks(self, group: str | None = None, days: int = 28) -> list[Flag]:
        return self.source.risks(group, days)

    def admins(self, group: str | None = None) -> list[AdminList]:
        return self.source.admins(group)

    def set_admin(self, group: str, member: str, is_admin: bool) -> AdminList:
        """Confirm (``is_admin``) or reject ``member`` as an admin of ``group``; the group's list after it."""
        return self.source.set_admin(group, member, is_admin)

    def figure(self, name: str, *args: object) -> object:
        """One of the dashboard's figures by name (``metrics``, ``weekly``, ``heatmap``…): the page
        caches them by the history's version, so it asks for them by a name it can hash."""
        if name not in FIGURES:
            raise ValueError(f"not a dashboard figure: {name}")
        return getattr(self.source, name)(*args)


# what the dashboard draws, each an analytics method of the same name
FIGURES = frozenset({"group_names", "owners", "metrics", "churn", "segments", "risks", "weekly", "daily", "span",
                     "latest_week", "heatmap", "cohorts"})
