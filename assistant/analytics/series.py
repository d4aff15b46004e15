"""Series for the dashboard's charts: weekly members, joins and exits; an activity heatmap by
weekday and hour; and cohort retention by join week."""

from __future__ import annotations

from datetime import timedelta

import duckdb

from .groups import data_end, select_groups
from .periods import week_of, weeks_ending
from .population import load_spans, members_at

HEATMAP_SQL = """
SELECT isodow(sent_at AT TIME ZONE $tz) AS weekday, hour(sent_at AT TIME ZONE $tz) AS hour, count(*) AS messages
FROM messages WHERE group_id = $g AND sent_at >= $start GROUP BY weekday, hour
"""


def weekly(con: duckdb.DuckDBPyConnection, group: str | None = None, weeks: int = 10) -> list[dict]:
    """One row per group and ISO week: members at week end, joins, exits, messages."""
    rows = []
    for g in select_groups(con, group):
        end = data_end(con, g.id)
        if end is None:
            continue
        spans = load_spans(con, g.id)
        for period in weeks_ending(end.date(), weeks):
            start, stop = period.start(g.tz), period.end(g.tz)
            messages = con.execute("SELECT count(*) FROM messages WHERE group_id = ? AND sent_at >= ? AND sent_at < ?",
                                   [g.id, start, stop]).fetchone()[0]
            rows.append({"group": g.name, "week": period.label, "members": members_at(spans, stop),
                         "joins": sum(s.joined_in(start, stop) for s in spans),
                         "exits": sum(s.ended_in(start, stop) for s in spans) if g.sees_exits else None,
                         "messages": messages})
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
            for _, row in sorted(table.items())]
