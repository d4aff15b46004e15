"""Is this week's exit count unusual? A Poisson test against a trailing baseline.

Exits are rare events, so week-to-week swings of a few people are normal in small groups. The
expected count is the baseline exit rate times this period's members at start; the rise counts
as significant only when the chance of seeing at least this many exits by luck is below 5% and
there are enough exits to say anything at all.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

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
        return Verdict(False, observed, 0.0, None, "没有足够的历史周数作为基线，无法判断是否异常。")
    expected = baseline_rate * members
    if observed < MIN_EXITS:
        return Verdict(False, observed, expected, None, f"本期只有 {observed} 人退群，人数太少，属于正常波动范围。")
    p = poisson_tail(observed, max(expected, 0.5))
    if p < ALPHA and observed > expected:
        return Verdict(True, observed, expected, p, f"按基线预计约 {expected:.1f} 人退群，实际 {observed} 人，偶然出现的概率约 {p:.1%}，属于异常上升。")
    return Verdict(False, observed, expected, p, f"按基线预计约 {expected:.1f} 人退群，实际 {observed} 人，在正常波动范围内（p≈{p:.2f}）。")
