"""What every churn driver receives and returns, and how its signal is scored.

A driver compares the window before the exits (the period plus a short lead-in) with the
baseline weeks before it. Its score blends how unusual the signal is (a Poisson test, so that
small counts stay humble) with how closely the exits followed the evidence in time. Its confidence
(high/medium/low, shown as 高/中/低) comes from the strength of the evidence, not the score: how
unusual the signal is, whether the exits followed it, whether the very people it touched left, and
whether the admins it relies on are known or only inferred. A driver that cannot be judged (admins
unknown, nothing to compare with) returns :class:`NotJudged` with the reason, never silence.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ...i18n import label, t
from ..admins import AdminList
from ..chatlog import Message
from ..evidence import Evidence
from ..groups import Group
from ..periods import Period
from ..population import Span
from ..significance import poisson_tail

REPORT_SCORE = 0.5
QUIET_SCORE = 0.8
FOLLOW_WINDOW = timedelta(hours=72)




@dataclass(frozen=True)
class Exit:
    group: str
    span: Span
    weight: float = 1.0  # < 1 for an exit seen only between two snapshots, partly outside the period

    @property
    def at(self) -> datetime:
        moment = self.span.left_around
        assert moment is not None
        return moment


@dataclass(frozen=True)
class NotJudged:
    """A driver the data could not decide, and why (Chinese and English)."""

    id: str
    reason: str
    reason_en: str

    def text(self, language: str = "zh") -> str:
        """Why, in ``language``."""
        return self.reason_en or self.reason if language == "en" else self.reason

    def to_dict(self, language: str = "zh") -> dict:
        return {"id": self.id, "reason": self.text(language), "reason_en": self.reason_en}


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
    admins: dict[str, AdminList] = field(default_factory=dict)
    daily: dict[str, dict] = field(default_factory=dict)  # group -> local date -> member messages (chatter included)
    chatter: dict[str, float] = field(default_factory=dict)  # "now"/"before" -> share of short chatter
    after: list[Message] = field(default_factory=list)  # admin messages in the 24 hours after the window
    observed_until: datetime | None = None  # the last instant anything was recorded

    @property
    def answers_seen_until(self) -> datetime:
        """Questions asked until 24 hours before this are fully observed (their answers are loaded)."""
        return min(self.observed_until or self.now_end, self.now_end + timedelta(hours=24))

    @property
    def known_admins(self) -> set[str]:
        """The groups whose admins are known (confirmed, stated or inferred)."""
        return {group for group, found in self.admins.items() if found.admins}

    @property
    def exit_count(self) -> float:
        return sum(e.weight for e in self.exits)

    @property
    def now_days(self) -> float:
        return (self.now_end - self.now_start).total_seconds() / 86400

    @property
    def before_days(self) -> float:
        return max((self.now_start - self.before_start).total_seconds() / 86400, 1.0)

    @property
    def tz(self) -> str:
        return self.groups[0].tz


Said = tuple[tuple[str, dict], ...]  # sentences from the catalogue (i18n/catalog/drivers.toml) and their values


def say(said: Said, language: str) -> str:
    """The sentences in ``language``; a value given as ``{"zh": …, "en": …}`` is taken in that language."""
    return "".join(t(key, language, **{k: _pick(v, language) for k, v in values.items()}) for key, values in said)


def _pick(value: object, language: str) -> object:
    return value.get(language, value.get("zh")) if isinstance(value, dict) else value


@dataclass(frozen=True)
class Driver:
    """A driver that stands out. Its explanation is kept as catalogue sentences (``said``) so that it
    is told in the reader's language; ``explanation``/``confirm`` are the Chinese ones."""

    id: str
    score: float
    confidence: str
    said: Said
    numbers: dict
    evidence: list[Evidence]

    @property
    def explanation(self) -> str:
        return self.explain("zh")

    @property
    def confirm(self) -> str:
        return self.how_to_confirm("zh")

    def explain(self, language: str = "zh") -> str:
        return say(self.said, language)

    def how_to_confirm(self, language: str = "zh") -> str:
        return t(f"churn.{self.id}.confirm", language)

    def to_dict(self, language: str = "zh") -> dict:
        """The driver's data; in English the sentences of ours are English too (the ``_en`` twins stay)."""
        zh = language == "zh"
        return {"id": self.id, "score": self.score, "confidence": self.confidence,
                "explanation": self.explanation if zh else self.explain(language), "numbers": self.numbers,
                "evidence": [e.to_dict(language) for e in self.evidence],
                "confirm": self.confirm if zh else self.how_to_confirm(language),
                "confidence_label": label("confidence", self.confidence, language), "explanation_en": self.explain("en"),
                "confirm_en": self.how_to_confirm("en")}


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
    return strength(p), p


def strength(p: float) -> float:
    """How unusual a count with tail probability ``p`` is, 0–1: 0 above 5 %, 1 at 1 in 10,000 or
    less, on a log scale between (1 - p would call p = 2 % almost as strong as one in a million)."""
    if p >= 0.05:
        return 0.0
    return min(1.0, -math.log10(max(p, 1e-300)) / 4)


def followed(exits: list[Exit], moments: list[datetime]) -> float:
    """Share of exits (weighted) that came within 72 hours after one of ``moments``."""
    total = sum(e.weight for e in exits)
    if not total or not moments:
        return 0.0
    ordered = sorted(moments)
    hits = sum(e.weight for e in exits if _after_one(e.at, ordered))
    return hits / total


def _after_one(moment: datetime, ordered: list[datetime]) -> bool:
    index = bisect.bisect_right(ordered, moment) - 1
    return index >= 0 and moment - ordered[index] <= FOLLOW_WINDOW


def linked(exits: list[Exit], people: set[tuple[str, str]]) -> float:
    """Share of exits (weighted) by members in ``people`` (``(group, member)``): those the cause touched."""
    total = sum(e.weight for e in exits)
    return sum(e.weight for e in exits if (e.group, e.span.member_id) in people) / total if total else 0.0


def blend(signal: float, timing: float) -> float:
    return round(0.6 * signal + 0.4 * timing, 3) if signal else 0.0


def confidence(p: float, timing: float, significant: bool, touched: float = 0.0, inferred: bool = False) -> str:
    """high / medium / low from the strength of the evidence (see the module docstring)."""
    points = (2 if p < 0.01 else 1 if p < 0.05 else 0) + (timing >= 0.4) + (touched >= 0.25) + significant - inferred
    return "high" if points >= 4 else "medium" if points >= 2 else "low"
