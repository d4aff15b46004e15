"""What every churn driver receives and returns, and how its signal is scored.

A driver compares the window before the exits (the period plus a short lead-in) with the
baseline weeks before it. Its score blends how unusual the signal is (a Poisson test, so that
small counts stay humble) with how closely the exits followed the evidence in time.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta

from ..chatlog import Message
from ..evidence import Evidence
from ..groups import Group
from ..periods import Period
from ..population import Span
from ..significance import poisson_tail

REPORT_SCORE = 0.5
FOLLOW_WINDOW = timedelta(hours=72)


@dataclass(frozen=True)
class Exit:
    group: str
    span: Span

    @property
    def at(self) -> datetime:
        assert self.span.ended_at is not None
        return self.span.ended_at


@dataclass
class ChurnContext:
    """Everything the drivers look at, loaded once."""

    groups: list[Group]
    period: Period
    now_start: datetime
    now_end: datetime
    before_start: datetime
    exits: list[Exit]
    now: list[Message]
    before: list[Message]
    spans: dict[str, list[Span]]
    members: dict[str, int]
    admin_names: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    volume_now: int = 0  # all messages, chatter included (``now``/``before`` hold only the telling ones)
    volume_before: int = 0
    busiest: list[Message] = field(default_factory=list)  # a sample of the busiest day
    loudest: list[tuple[str, int]] = field(default_factory=list)
    activity: dict[str, int] = field(default_factory=dict)  # "group/member" -> messages in the last 30 days

    @property
    def now_days(self) -> float:
        return (self.now_end - self.now_start).total_seconds() / 86400

    @property
    def before_days(self) -> float:
        return max((self.now_start - self.before_start).total_seconds() / 86400, 1.0)

    @property
    def tz(self) -> str:
        return self.groups[0].tz


@dataclass(frozen=True)
class Driver:
    id: str
    score: float
    confidence: str
    explanation: str
    numbers: dict
    evidence: list[Evidence]
    confirm: str

    def to_dict(self) -> dict:
        data = asdict(self)
        data["evidence"] = [e.to_dict() for e in self.evidence]
        return data


def anomaly(now: int, now_days: float, before: int, before_days: float, minimum: int,
            floor: float = 0.5) -> tuple[float, float]:
    """``(score, p)`` for ``now`` events against the baseline rate.

    The score is 0 below ``minimum`` events or when the count is within normal variation: a
    driver that is no more frequent than usual explains nothing, however close the exits.
    """
    if now < minimum:
        return 0.0, 1.0
    expected = max(before / before_days * now_days, floor)
    p = poisson_tail(now, expected)
    return (1 - p if p < 0.05 else 0.0), p


def followed(exits: list[Exit], moments: list[datetime]) -> float:
    """Share of exits that came within 72 hours after one of ``moments``."""
    if not exits or not moments:
        return 0.0
    ordered = sorted(moments)
    hits = sum(1 for e in exits if any(m <= e.at <= m + FOLLOW_WINDOW for m in ordered))
    return hits / len(exits)


def blend(signal: float, timing: float) -> float:
    return round(0.6 * signal + 0.4 * timing, 3) if signal else 0.0


def confidence(p: float, timing: float, significant: bool) -> str:
    if p < 0.01 and timing >= 0.4 and significant:
        return "high"
    return "medium" if p < 0.05 else "low"
