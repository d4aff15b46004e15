"""Which kinds of members left: exits split by group, tenure, join source, cohort and activity.

Each segment is ranked by its *excess* exits: how many more left from it than if it had left at
the period's overall exit rate. A segment that is 10% of the members but 60% of the exits ranks
first, whatever its absolute size.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from datetime import datetime

from ..i18n import label, t
from .drivers.base import ChurnContext
from .periods import week_of
from .population import Span

_INVITED = t("churn.source.inviter", "zh", name="")
_OWN_VALUES = {t(key, "zh"): key for key in (
    "churn.segment.before_records", "churn.segment.tenure_unknown", "churn.segment.days_0_7", "churn.segment.days_8_30",
    "churn.segment.days_31_90", "churn.segment.days_90_plus", "churn.segment.silent", "churn.segment.occasional",
    "churn.segment.active", "churn.segment.source_unknown")}
DIMENSIONS = {"group": "群", "tenure": "入群时长", "source": "入群来源", "cohort": "入群周", "activity": "退群前活跃度"}


@dataclass(frozen=True)
class Segment:
    dimension: str
    value: str
    exits: int
    members: int
    exit_rate: float
    excess: float  # exits beyond what the overall exit rate predicts for this many members

    def to_dict(self, language: str = "zh") -> dict:
        value = self.value if language == "zh" else self.value_in(language)  # Chinese: the raw value, as it was
        return {**asdict(self), "value": value, "dimension_label": label("dimension", self.dimension, language),
                "value_en": self.value_in("en")}

    def value_in(self, language: str) -> str:
        """The value in ``language``: our own bucket names are translated, user data (group, campaign,
        inviter names) stays as it is."""
        key = _OWN_VALUES.get(self.value)
        if key:
            return t(key, language)
        if self.dimension == "source" and self.value.endswith(_INVITED):
            return t("churn.source.inviter", language, name=self.value.removesuffix(_INVITED))
        return label("via", self.value, language) if self.dimension == "source" else self.value

    def line(self, language: str) -> str:
        """``入群来源「扫码」3 人`` / ``Join source “QR code”: 3``."""
        return t("churn.segment.line", language, dimension=label("dimension", self.dimension, language),
                 value=self.value_in(language), exits=f"{self.exits:g}")


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
        return lambda group, span: span.campaign or (f"{span.inviter}{_INVITED}" if span.inviter else span.via or _zh("source_unknown"))
    if dimension == "cohort":
        return lambda group, span: week_of(span.started_at.date()).label if span.joined else _zh("before_records")
    return lambda group, span: _activity(spoke.get(f"{group}/{span.member_id}", 0))


def _tenure(span: Span, at: datetime) -> str:
    if not span.joined:
        return _zh("tenure_unknown")
    days = ((span.ended_at or at) - span.started_at).days  # type: ignore[operator]
    return _zh("days_0_7" if days <= 7 else "days_8_30" if days <= 30 else "days_31_90" if days <= 90 else "days_90_plus")


def _activity(count: int) -> str:
    return _zh("silent" if count == 0 else "occasional" if count <= 5 else "active")


def _zh(bucket: str) -> str:
    """A bucket's name: the Chinese one is the stored value (``value_in`` translates it)."""
    return t(f"churn.segment.{bucket}", "zh")
