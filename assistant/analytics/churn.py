"""The churn explainer: did exits really rise, who left, and what probably drove them out.

It automates the checklist an operator runs by hand: compare this period's exits with a trailing
baseline (honest with small counts), break the exits down by segment, then test each candidate
driver in the window before the exits against the baseline weeks. Every number comes from here;
an LLM may narrate the result but never computes it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import duckdb

from . import chatlog
from .decompose import Segment, decompose
from .drivers import ChurnContext, Driver, Exit, test_all
from .groups import Group, select_groups
from .periods import Period
from .population import Span, load_spans, members_at
from .significance import Verdict, exit_rise

BASELINE_PERIODS = 6
LEAD_IN = timedelta(days=3)  # causes show up a little before the people who leave because of them


@dataclass(frozen=True)
class ChurnReport:
    group: str
    period: Period
    exits: int
    members_start: int
    exit_rate: float | None
    baseline_rate: float | None
    verdict: Verdict
    drivers: list[Driver]
    segments: list[Segment] = field(default_factory=list)
    note: str = ""
    exit_types: dict[str, int] = field(default_factory=dict)

    @property
    def significant(self) -> bool:
        return self.verdict.significant

    def to_dict(self) -> dict:
        return {
            "group": self.group, "period": self.period.label, "exit_rate": self.exit_rate,
            "baseline_rate": self.baseline_rate, "significant": self.significant,
            "drivers": [d.to_dict() for d in self.drivers],
            "exits": self.exits, "members_start": self.members_start, "verdict": self.verdict.reason,
            "expected_exits": round(self.verdict.expected, 2), "p_value": self.verdict.p_value,
            "segments": [s.to_dict() for s in self.segments], "note": self.note,
            "exit_types": self.exit_types,
        }


def explain(con: duckdb.DuckDBPyConnection, period: Period, group: str | None = None) -> ChurnReport:
    """Explain the exits of ``period`` in ``group`` (all groups when ``None``)."""
    groups = select_groups(con, group)
    name = groups[0].name if group else ("全部群" if len(groups) > 1 else groups[0].name)
    unseen = [g.name for g in groups if not g.sees_exits]
    groups = [g for g in groups if g.sees_exits]
    if not groups:
        return _unsupported(name, period, unseen)
    spans = {g.name: load_spans(con, g.id) for g in groups}
    exits, members = _exits(groups, spans, period)
    baseline = _baseline(groups, spans, period)
    rate = len(exits) / members if members else None
    verdict = exit_rise(len(exits), members, baseline)
    ctx = _context(con, groups, spans, period, exits)
    drivers = test_all(ctx, verdict.significant, con) if exits else []
    note = f"{'、'.join(unseen)} 无法统计退群（缺少成员快照），未计入。" if unseen else ""
    types = dict(Counter(e.span.exit_type for e in exits))
    return ChurnReport(name, period, len(exits), members, rate, baseline, verdict, drivers, decompose(ctx), note, types)


def _exits(groups: list[Group], spans: dict[str, list[Span]], period: Period) -> tuple[list[Exit], int]:
    exits, members = [], 0
    for g in groups:
        start, end = period.start(g.tz), period.end(g.tz)
        members += members_at(spans[g.name], start)
        exits += [Exit(g.name, s) for s in spans[g.name] if s.ended_in(start, end)]
    return exits, members


def _baseline(groups: list[Group], spans: dict[str, list[Span]], period: Period) -> float | None:
    exits = members = used = 0
    earlier = period
    for _ in range(BASELINE_PERIODS):
        earlier = earlier.previous()
        found, count = _exits(groups, spans, earlier)
        if count:
            exits, members, used = exits + len(found), members + count, used + 1
    return exits / members if used >= 2 and members else None


def _context(con: duckdb.DuckDBPyConnection, groups: list[Group], spans: dict[str, list[Span]], period: Period,
             exits: list[Exit]) -> ChurnContext:
    tz = groups[0].tz
    now_start, now_end = period.start(tz) - LEAD_IN, period.end(tz)
    before_start = period.start(tz) - timedelta(days=period.days * BASELINE_PERIODS)
    ctx = ChurnContext(groups, period, now_start, now_end, before_start, exits, [], [], spans, {})
    for g in groups:
        admins = chatlog.admins_of(con, g)
        names = chatlog.admin_names(con, g, admins)
        every_name = {n for group_names in names.values() for n in group_names}
        ctx.now += chatlog.load(con, g, now_start, now_end, admins, True, every_name)
        ctx.before += chatlog.load(con, g, before_start, now_start, admins, True, every_name)
        ctx.admin_names[g.name] = names
        ctx.members[g.name] = members_at(spans[g.name], period.start(g.tz))
        _volume(con, ctx, g, admins)
    ctx.loudest = ctx.loudest[:3]
    return ctx


def _volume(con: duckdb.DuckDBPyConnection, ctx: ChurnContext, g: Group, admins: set[str]) -> None:
    """Counts that need every message (chatter included), computed in SQL."""
    window = {"g": g.id, "a": ctx.before_start, "b": ctx.now_start, "c": ctx.now_end}
    now, before = con.execute(
        "SELECT count(*) FILTER (WHERE sent_at >= $b), count(*) FILTER (WHERE sent_at < $b) FROM messages "
        "WHERE group_id = $g AND sent_at >= $a AND sent_at < $c", window).fetchone()
    ctx.volume_now += now
    ctx.volume_before += before
    recent = {"g": g.id, "since": ctx.now_end - timedelta(days=30), "c": ctx.now_end}
    for member, count in con.execute(
            "SELECT sender_id, count(*) FROM messages WHERE group_id = $g AND sent_at >= $since AND sent_at < $c "
            "AND sender_id IS NOT NULL GROUP BY sender_id", recent).fetchall():
        ctx.activity[f"{g.name}/{member}"] = count
    loud = con.execute(
        "SELECT coalesce(sender_name, sender_id), count(*) AS n FROM messages WHERE group_id = $g AND sent_at >= $b "
        "AND sent_at < $c GROUP BY 1 ORDER BY n DESC LIMIT 3", {"g": g.id, "b": ctx.now_start, "c": ctx.now_end}).fetchall()
    ctx.loudest = sorted([*ctx.loudest, *loud], key=lambda pair: pair[1], reverse=True)
    day = con.execute(
        "SELECT (sent_at AT TIME ZONE $tz)::DATE AS d FROM messages WHERE group_id = $g AND sent_at >= $b "
        "AND sent_at < $c GROUP BY d ORDER BY count(*) DESC LIMIT 1", {"tz": g.tz, "g": g.id, "b": ctx.now_start,
                                                                          "c": ctx.now_end}).fetchone()
    if day:
        start = datetime.combine(day[0], datetime.min.time(), ZoneInfo(g.tz))
        ctx.busiest += chatlog.load(con, g, start, start + timedelta(days=1), admins)[:200]


def _unsupported(name: str, period: Period, unseen: list[str]) -> ChurnReport:
    reason = f"{'、'.join(unseen)} 的导出不记录主动退群，也没有至少两次成员名单快照，无法统计退群。请导入成员名单后再分析。"
    return ChurnReport(name, period, 0, 0, None, None, Verdict(False, 0, 0.0, None, reason, "custom"), [], [], reason)
