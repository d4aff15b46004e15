"""The ``low_quality_influx`` driver: a join wave from one source whose members leave fast.

Joins are grouped by where they came from (campaign tag, else inviter, else QR code / link). A
cohort is suspicious when most of its members left within two weeks of joining while members who
joined other ways stayed, and when it accounts for a large part of this period's exits.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

import duckdb

from ..evidence import evidence
from ..population import Span
from .base import ChurnContext, Driver, NotJudged, blend, confidence

FAST = timedelta(days=14)
LOOKBACK = timedelta(weeks=6)
MIN_COHORT = 5


def low_quality_influx(ctx: ChurnContext, significant: bool,
                       con: duckdb.DuckDBPyConnection) -> Driver | NotJudged | None:
    cohorts: dict[tuple[str, str], list[Span]] = defaultdict(list)
    for group, spans in ctx.spans.items():
        for span in spans:
            if span.joined and ctx.now_start - LOOKBACK <= span.started_at < ctx.now_end:  # type: ignore[operator]
                cohorts[(group, _source(span))].append(span)
    if not cohorts and not any(s.joined for spans in ctx.spans.values() for s in spans):
        return NotJudged("low_quality_influx", "导出没有记录任何入群，无法判断新人批次是否很快离开。",
                         "The exports record no joins: join cohorts cannot be judged.")
    best = max(((key, _stats(ctx, spans)) for key, spans in cohorts.items() if len(spans) >= MIN_COHORT),
               key=lambda item: item[1]["exits_now"], default=None)
    if best is None:
        return None
    (group, source), numbers = best
    # Compared with the other joiners of the same group: another group's spam bots are no baseline.
    others = [s for key, spans in cohorts.items() if key[0] == group and key != (group, source) for s in spans]
    numbers["others_fast_exit_share"] = round(_fast_share(others), 2)
    group_exits = sum(e.weight for e in ctx.exits if e.group == group)
    share_of_exits = numbers["exits_now"] / group_exits if group_exits else 0.0
    numbers["share_of_exits"] = round(share_of_exits, 2)
    numbers["share_of_all_exits"] = round(numbers["exits_now"] / ctx.exit_count, 2) if ctx.exits else 0.0
    if numbers["fast_exit_share"] < 0.3 or numbers["fast_exit_share"] < 2 * numbers["others_fast_exit_share"] or share_of_exits < 0.3:
        return None
    cohort_ids = {id(s) for s in cohorts[(group, source)]}
    leavers = [e.span for e in ctx.exits if id(e.span) in cohort_ids]
    # Strength: how much of the group's exits this cohort is, and how fast the cohort left.
    score = blend(min(1.0, share_of_exits), numbers["fast_exit_share"])
    text = (f"{group} 的一批新人（来源：{source}）入群后很快离开：{numbers['joined']} 人中 "
            f"{numbers['fast_exit_share']:.0%} 在两周内退群（其他来源 {numbers['others_fast_exit_share']:.0%}），"
            f"占该群本期退群的 {share_of_exits:.0%}。")
    shown = _join_evidence(con, ctx, group, leavers[:5])
    confirm = "核对这批人的拉新渠道和激励规则（是否为领奖即退的薅羊毛用户），下次活动提高入群门槛或改为下单后发奖。"
    p = 0.001 if share_of_exits >= 0.5 else 0.03
    return Driver("low_quality_influx", score, confidence(p, numbers["fast_exit_share"], significant, share_of_exits),
                  text, numbers, shown, confirm)


def _source(span: Span) -> str:
    if span.campaign:
        return f"活动 {span.campaign}"
    if span.inviter:
        return f"{span.inviter} 邀请"
    return {"qr": "扫码入群", "link": "链接入群", "invite": "邀请入群"}.get(span.via or "", "来源不明")


def _fast_share(spans: list[Span]) -> float:
    # a snapshot exit counts at the middle of its interval: "left within two weeks" is judged with that uncertainty
    gone = [s for s in spans if s.left_around and s.started_at and s.left_around - s.started_at <= FAST]
    return len(gone) / len(spans) if spans else 0.0


def _stats(ctx: ChurnContext, spans: list[Span]) -> dict:
    ids = {id(s) for s in spans}
    exits_now = sum(e.weight for e in ctx.exits if id(e.span) in ids)  # exits of this period only
    return {"joined": len(spans), "fast_exit_share": round(_fast_share(spans), 2), "exits_now": round(exits_now, 2)}


def _join_evidence(con: duckdb.DuckDBPyConnection, ctx: ChurnContext, group: str, spans: list[Span]) -> list:
    shown = []
    group_id = next(g.id for g in ctx.groups if g.name == group)
    for span in spans:
        row = con.execute(
            "SELECT event_key, member_name, via, actor_name, campaign FROM member_events WHERE group_id = ? "
            "AND member_id = ? AND kind = 'join' ORDER BY happened_at DESC LIMIT 1", [group_id, span.member_id]
        ).fetchone()
        if row and span.started_at and span.exited:
            key, name, via, actor, campaign = row
            stay = (span.ended_at - span.started_at).days
            text = f"{name or span.member_id} 入群（{_source(span)}），{stay} 天后退群"
            shown.append(evidence(key, span.started_at, actor or via or "系统", text, ctx.tz))
    return shown
