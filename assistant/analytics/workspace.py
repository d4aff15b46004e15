"""The analytics façade over the history file: metrics, churn, segments, risks and chart series.

Each call opens the DuckDB file, reads, and closes it again, like the history façade, so that an
import in one browser session and a dashboard in another take turns with one file. Asking before
anything was imported gives a fix-it message, and never creates an empty database. The fix-it
messages (no data, an unknown group, a malformed week) are in the workspace language.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import duckdb

from ..errors import InputError
from ..history.database import close_db, open_db
from ..i18n import t
from . import admins, chatlog, churn, metrics, risks, segments, series
from .evidence import evidence
from .groups import data_end, select_groups
from .periods import Period, parse_range, parse_week, week_of, weeks_ending


class Analytics:
    """Numbers and explanations about the imported groups."""

    def __init__(self, db_path: Path, language: str = "zh") -> None:
        self.db_path = Path(db_path)
        self.language = language

    @contextmanager
    def _con(self, group: str | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        """The open history file, once it holds some group and ``group`` (when named) is one of them."""
        if not self.db_path.exists():
            raise InputError(t("analytics.error.no_data", self.language))
        con = open_db(self.db_path, language=self.language)
        try:
            migrated = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'groups'")
            if not migrated.fetchone()[0]:
                raise InputError(t("analytics.error.no_data", self.language))  # the first import is still creating it
            select_groups(con, group, self.language)  # the functions below refuse an unknown group in Chinese
            yield con
        finally:
            close_db(con)

    def period(self, week: str | None = None, since: str | None = None, until: str | None = None,
               group: str | None = None) -> Period:
        """The period named by the options, or the latest complete week of data."""
        if week:
            return parse_week(week, self.language)
        if since or until:
            if not (since and until):
                raise InputError(t("analytics.error.since_until", self.language))
            return parse_range(since, until, self.language)
        return self.latest_week(group)

    def recent_weeks(self, count: int, week: str | None = None, group: str | None = None) -> list[Period]:
        """The last ``count`` weeks up to ``week`` (default: the latest complete one), oldest first."""
        return weeks_ending(self.period(week=week, group=group).last, count)

    def latest_week(self, group: str | None = None) -> Period:
        with self._con(group) as con:
            ends = [e for g in select_groups(con, group) if (e := data_end(con, g.id)) is not None]
        if not ends:
            raise InputError(t("analytics.error.no_data", self.language))
        last = max(ends)
        week = week_of(last.date())
        # A week whose data stops before its Sunday evening is not over yet: use the one before.
        return week if last >= week.end("UTC") - timedelta(hours=18) else week.previous()

    def metrics(self, period: Period, group: str | None = None) -> list[metrics.MetricsReport]:
        with self._con(group) as con:
            return metrics.compute(con, period, group, self.language)

    def churn(self, period: Period, group: str | None = None) -> churn.ChurnReport:
        with self._con(group) as con:
            return churn.explain(con, period, group)

    def segments(self, group: str | None = None) -> list[segments.MemberSegment]:
        with self._con(group) as con:
            return segments.segment(con, group)

    def risks(self, group: str | None = None, days: int = 28) -> list[risks.Flag]:
        with self._con(group) as con:
            return risks.flags(con, group, days, self.language)

    def weekly(self, group: str | None = None, weeks: int = 10) -> list[dict]:
        with self._con(group) as con:
            return series.weekly(con, group, weeks)

    def daily(self, group: str | None = None, days: int = 28, last: str | None = None) -> list[dict]:
        """Members, joins, exits and messages per local day (``last`` = YYYY-MM-DD, else the data's end)."""
        with self._con(group) as con:
            return series.daily(con, group, days, date.fromisoformat(last) if last else None)

    def span(self, period: Period, group: str | None = None) -> list[dict]:
        """Per day inside ``period`` (a custom range), the same rows as :meth:`daily`."""
        return self.daily(group, period.days, period.last.isoformat())

    def owners(self) -> dict[str, list[str]]:
        """Owners and admins (by name; confirmed, stated or inferred), each with the groups they run."""
        runs: dict[str, set[str]] = {}
        for listed in self.admins():
            for admin in listed.admins:
                runs.setdefault(admin.name, set()).add(listed.group)
        return {name: sorted(groups) for name, groups in sorted(runs.items())}

    def heatmap(self, group: str | None = None) -> list[dict]:
        with self._con(group) as con:
            return series.heatmap(con, group)

    def cohorts(self, group: str | None = None) -> list[dict]:
        with self._con(group) as con:
            return series.cohorts(con, group)

    def messages(self, group: str, since: str, until: str) -> list[dict]:
        """The messages of ``group`` between two local dates (inclusive), oldest first."""
        period = parse_range(since, until, self.language)
        with self._con(group) as con:
            [g] = select_groups(con, group)
            admins = chatlog.admins_of(con, g)
            found = chatlog.load(con, g, period.start(g.tz), period.end(g.tz), admins)
        return [{"id": m.key, "ts": evidence(m.key, m.sent_at, m.sender_name, m.text, m.tz).ts,
                 "sender": m.sender_name or m.sender_id or "?", "text": m.text or ""} for m in found]

    def admins(self, group: str | None = None) -> list[admins.AdminList]:
        """Each selected group's admins (confirmed, stated or inferred, with reasons) and rejections."""
        with self._con(group) as con:
            return [admins.resolve(con, g) for g in select_groups(con, group)]

    def set_admin(self, group: str, member: str, is_admin: bool) -> admins.AdminList:
        """Confirm (``is_admin``) or reject ``member`` (id or name) as an admin of ``group``."""
        with self._con(group) as con:
            [g] = select_groups(con, group)
            admins.choose(con, g, member, is_admin, self.language)
            return admins.resolve(con, g)

    def group_names(self) -> list[str]:
        with self._con() as con:
            return [g.name for g in select_groups(con)]
