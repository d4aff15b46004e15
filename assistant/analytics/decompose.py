"""Which kinds of members left: exits split by group, tenure, join source, cohort and activity.

Each segment is ranked by its *excess* exits: how many more left from it than if it had left at
the period's overall exit rate. A segment that is 10% of the members but 60% of the exits ranks
first, whatever its absolute size.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from datetime import datetime

from .drivers.base import ChurnContext
from .periods import week_of
from .population import Span

DIMENSIONS = {"group": "群", "tenure": "入群时长", "source": "入群来源", "cohort": "入群周", "activity": "退群前活跃度"}


@dataclass(frozen=True)
class Segment:
    dimension: str
    value: str
    exits: int
    members: int
    exit_rate: float
    excess: float  # exits beyond what the overall exit rate predicts for this many members

    def to_dict(self) -> dict:
        return {**asdict(self), "dimension_label": DIMENSIONS[self.dimension]}


def decompose(ctx: ChurnContext, limit: int = 8) -> list[Segment]:
    """The segments with the most excess exits, largest first."""
    # Everyone who could leave in the period: members at its start and those who joined during it
    # (a cohort that joined this week has no one "at the start" yet can have exits).
    members = [(group, s) for group, spans in ctx.spans.items() for s in spans
               if s.member_at(ctx.now_start) or s.joined_in(ctx.now_start, ctx.now_end)]
    total_members = len(members) or 1
    rate = len(ctx.exits) / total_members
    spoke = ctx.activity
    segments = []
    for dimension in DIMENSIONS:
        key = _key(dimension, ctx.now_start, spoke)
        population = Counter(key(group, s) for group, s in members)
        exits = Counter(key(e.group, e.span) for e in ctx.exits)
        for value, count in exits.items():
            base = max(population.get(value, 0), count)  # an exit was a member, whatever the lists say
            segments.append(Segment(dimension, value, count, base, round(count / base, 4),
                                    round(count - rate * base, 2)))
    segments.sort(key=lambda s: s.excess, reverse=True)
    return [s for s in segments if s.excess > 0][:limit]


def _key(dimension: str, at: datetime, spoke: dict[str, int]):  # noqa: ANN202
    if dimension == "group":
        return lambda group, span: group
    if dimension == "tenure":
        return lambda group, span: _tenure(span, at)
    if dimension == "source":
        return lambda group, span: span.campaign or (f"{span.inviter} 邀请" if span.inviter else span.via or "入群方式不明")
    if dimension == "cohort":
        return lambda group, span: week_of(span.started_at.date()).label if span.joined else "记录开始前"
    return lambda group, span: _activity(spoke.get(f"{group}/{span.member_id}", 0))


def _tenure(span: Span, at: datetime) -> str:
    if not span.joined:
        return "入群时间未知（记录前已在群）"
    days = ((span.ended_at or at) - span.started_at).days  # type: ignore[operator]
    return "0-7天" if days <= 7 else "8-30天" if days <= 30 else "31-90天" if days <= 90 else "90天以上"


def _activity(count: int) -> str:
    return "沉默（0条）" if count == 0 else "偶尔发言（1-5条）" if count <= 5 else "活跃（5条以上）"
