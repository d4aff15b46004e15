"""The ``low_quality_influx`` driver: a join wave from one source whose members leave fast.

Joins are grouped by where they came from (campaign tag, else inviter, else QR code / link). A
cohort is suspicious when most of its members left within two weeks of joining while members who
joined other ways stayed, and when it accounts for a large part of this period's exits.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

import duckdb

from ...i18n import t
from ..evidence import evidence
from ..population import Span
from ..significance import poisson_tail
from .base import ChurnContext, Driver, NotJudged, blend, confidence, strength

FAST = timedelta(days=14)
LOOKBACK = timedelta(weeks=6)
MIN_COHORT = 5
OTHERS_FLOOR = 0.05  # the share of ordinary joiners taken to leave within two weeks, at least


def low_quality_influx(ctx: ChurnContext, significant: bool,
                       con: duckdb.DuckDBPyConnection) -> Driver | NotJudged | None:
    cohorts: dict[tuple[str, str], list[Span]] = defaultdict(list)
    for group, spans in ctx.spans.items():
        for span in spans:
            if span.joined and ctx.now_start - LOOKBACK <= span.started_at < ctx.now_end:  # type: ignore[operator]
                cohorts[(group, _source_key(span))].append(span)
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
    cohort_spans = cohorts[(group, source)]
    cohort_ids = {id(s) for s in cohort_spans}
    leavers = [e.span for e in ctx.exits if id(e.span) in cohort_ids]
    # Strength: how unusual it is that so many of the cohort left fast, given how the group's other
    # joiners stay (at least 5 % of them are taken to leave fast), and how much of the exits it is.
    fast = round(numbers["fast_exit_share"] * numbers["joined"])
    p = poisson_tail(fast, numbers["joined"] * max(numbers["others_fast_exit_share"], OTHERS_FLOOR))
    numbers["p_value"] = round(p, 6)
    score = blend(strength(p), min(1.0, share_of_exits))
    said = (("churn.low_quality_influx.cohort", {
        "group": group, "source": _source(cohort_spans[0]), "joined": numbers["joined"],
        "fast": f"{numbers['fast_exit_share']:.0%}", "others": f"{numbers['others_fast_exit_share']:.0%}",
        "share": f"{share_of_exits:.0%}"}),)
    shown = _join_evidence(con, ctx, group, leavers[:5])
    return Driver("low_quality_influx", score, confidence(p, numbers["fast_exit_share"], significant, share_of_exits),
                  said, numbers, shown)


def _source_key(span: Span) -> str:
    """Where a joiner came from (the cohort key): campaign tag, else inviter, else QR code / link."""
    if span.campaign:
        return f"campaign:{span.campaign}"
    if span.inviter:
        return f"inviter:{span.inviter}"
    return span.via if span.via in ("qr", "link", "invite") else "unknown"


def _source(span: Span) -> dict[str, str]:
    """The source in both languages (``{"zh": …, "en": …}``)."""
    kind, _, name = _source_key(span).partition(":")
    return {lang: t(f"churn.source.{kind}", lang, name=name) for lang in ("zh", "en")}


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
            source = _source(span)
            text = {lang: t("churn.low_quality_influx.joined", lang, name=name or span.member_id, source=source[lang], days=stay)
                    for lang in ("zh", "en")}
            shown.append(evidence(key, span.started_at, actor or via or "system", text["zh"], ctx.tz, text_en=text["en"]))
    return shown
