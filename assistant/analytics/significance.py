"""Is this week's exit count unusual? A Poisson test against a trailing baseline.

Exits are rare events, so week-to-week swings of a few people are normal in small groups. The
expected count is the baseline exit rate times this period's members at start; the rise counts
as significant only when the chance of seeing at least this many exits by luck is below 5% and
there are enough exits to say anything at all.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..i18n import t

ALPHA = 0.05
MIN_EXITS = 3


@dataclass(frozen=True)
class Verdict:
    """The test's outcome, with the numbers behind it and a plain sentence."""

    significant: bool
    observed: int
    expected: float
    p_value: float | None
    reason: str
    kind: str = "rise"  # rise | normal | few | no_baseline | custom (reason said it all): which sentence :meth:`text` says

    def text(self, language: str = "zh") -> str:
        """The verdict as a sentence in ``language`` (``reason`` is the Chinese one)."""
        if self.kind == "custom":
            return self.reason
        return t(f"verdict.{self.kind}", language, observed=self.observed, expected=f"{self.expected:.1f}",
                 chance=chance(self.p_value, language))


def chance(p: float | None, language: str = "zh") -> str:
    """The chance of a count at least this high by luck, worded the same everywhere: 约 12.3%, 不到 0.1%."""
    if p is None:
        return "—"
    if p < 0.001:
        return t("verdict.below", language)
    return t("verdict.about", language, p=f"{p:.1%}")


def poisson_tail(observed: int, expected: float) -> float:
    """P(X >= observed) for X ~ Poisson(expected)."""
    if observed <= 0:
        return 1.0
    if expected <= 0:
        return 0.0
    term = math.exp(-expected)
    below = term
    for k in range(1, observed):
        term *= expected / k
        below += term
    return max(0.0, 1.0 - below)


def exit_rise(observed: int, members: int, baseline_rate: float | None) -> Verdict:
    """Judge ``observed`` exits among ``members`` against ``baseline_rate`` per period."""
    if baseline_rate is None:
        return _verdict(False, observed, 0.0, None, "no_baseline")
    expected = baseline_rate * members
    if observed < MIN_EXITS:
        return _verdict(False, observed, expected, None, "few")
    p = poisson_tail(observed, max(expected, 0.5))
    if p < ALPHA and observed > expected:
        return _verdict(True, observed, expected, p, "rise")
    return _verdict(False, observed, expected, p, "normal")


def _verdict(significant: bool, observed: int, expected: float, p: float | None, kind: str) -> Verdict:
    reason = t(f"verdict.{kind}", "zh", observed=observed, expected=f"{expected:.1f}", chance=chance(p))
    return Verdict(significant, observed, expected, p, reason, kind)
