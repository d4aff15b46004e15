"""Series for the dashboard's charts: members, joins and exits per week or per day; an activity
heatmap by weekday and hour; and cohort retention by join week (newest cohort first).

A week or day the data stops inside is not over: its row says ``complete: False`` so a chart can
mark it instead of drawing an unfinished week as a collapse."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import duckdb

from .groups import data_end, select_groups
from .periods import Period, day, week_of, weeks_ending
from .population import load_spans, members_at

COMPLETE_SLACK = timedelta(hours=18)  # data ending on the last evening still counts as the whole period
HEATMAP_SQL = """
SELECT isodow(sent_at AT TIME ZONE $tz) AS weekday, hour(sent_at AT TIME ZONE $tz) AS hour, count(*) AS messages
FROM messages WHERE group_id = $g AND sent_at >= $start GROUP BY weekday, hour
"""


def weekly(con: duckdb.DuckDBPyConnection, group: str | None = None, weeks: int = 10) -> list[dict]:
    """One row per group and ISO week: members at week end, joins, exits, messages."""
    return trend(con, group, lambda end: weeks_ending(end, weeks))


def daily(con: duckdb.DuckDBPyConnection, group: str | None = None, days: int = 28,
          last: date | None = None) -> list[dict]:
    """One row per group and local day (the ``days`` days up to ``last`` or the data's end)."""
    return trend(con, group, lambda end: [day((last or end) - timedelta(days=i)) for i in reversed(range(days))])


def trend(con: duckdb.DuckDBPyConnection, group: str | None, periods: Callable[[date], list[Period]]) -> list[dict]:
    """One row per group and period (``periods(last day of data)``): members at the period's end,
    joins, exits, messages, and whether the data covers the whole period."""
    rows = []
    for g in select_groups(con, group):
        end = data_end(con, g.id)
        if end is None:
            continue
        spans = load_spans(con, g.id)
        for period in periods(end.date()):
            start, stop = period.start(g.tz), period.end(g.tz)
            messages = con.execute("SELECT count(*) FROM messages WHERE group_id = ? AND sent_at >= ? AND sent_at < ?",
                                   [g.id, start, stop]).fetchone()[0]
            rows.append({"group": g.name, "week": period.label, "members": members_at(spans, min(stop, end)),
                         "joins": sum(s.joined_in(start, stop) for s in spans),
                         "exits": sum(s.ended_in(start, stop) for s in spans) if g.sees_exits else None,
                         "messages": messages, "complete": end >= stop - COMPLETE_SLACK})
    return rows


def heatmap(con: duckdb.DuckDBPyConnection, group: str | None = None, weeks: int = 4) -> list[dict]:
    """Messages per (weekday 1–7, hour 0–23) over the last ``weeks`` weeks of data."""
    totals: dict[tuple[int, int], int] = {}
    for g in select_groups(con, group):
        end = data_end(con, g.id)
        if end is None:
            continue
        for weekday, hour, count in con.execute(
                HEATMAP_SQL, {"tz": g.tz, "g": g.id, "start": end - timedelta(weeks=weeks)}).fetchall():
            totals[(weekday, hour)] = totals.get((weekday, hour), 0) + count
    return [{"weekday": d, "hour": h, "messages": totals.get((d, h), 0)} for d in range(1, 8) for h in range(24)]


def cohorts(con: duckdb.DuckDBPyConnection, group: str | None = None, horizon_weeks: int = 6) -> list[dict]:
    """For each join week: how many joined, and the share still in the group 1..N weeks later."""
    table: dict[str, dict] = {}
    for g in select_groups(con, group):
        end = data_end(con, g.id)
        if end is None:
            continue
        for span in load_spans(con, g.id):
            if not span.joined:
                continue
            label = week_of(span.started_at.date()).label  # type: ignore[union-attr]
            row = table.setdefault(label, {"cohort": label, "joined": 0, **{f"w{k}": [0, 0] for k in range(1, horizon_weeks + 1)}})
            row["joined"] += 1
            for k in range(1, horizon_weeks + 1):
                mark = span.started_at + timedelta(weeks=k)  # type: ignore[operator]
                if mark <= end:
                    row[f"w{k}"][1] += 1
                    row[f"w{k}"][0] += span.ended_at is None or span.ended_at > mark
    return [{key: (round(v[0] / v[1], 3) if v[1] else None) if isinstance(v, list) else v for key, v in row.items()}
            for _, row in sorted(table.items(), reverse=True)]
