"""Is this period's exit count unusual? A negative-binomial test against the group's own past periods.

Exits are rare events, and week-to-week they vary more than a Poisson count would (a holiday, a
group-buy that ended, one removed spam wave): testing against Poisson calls too many ordinary
weeks "significant". So the spread is measured from the baseline periods themselves (quasi-Poisson
dispersion: how far each period's exits fell from what its size predicts), widened by the
uncertainty of a rate estimated from a few periods, and the tail probability is read from the
negative binomial with that mean and variance. The result carries the expected range (the 5–95 %
band), so a reader sees what "normal" would have been. A rise counts as significant only when the
chance of at least this many exits is below 5 % and there are enough exits to say anything.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..i18n import t

ALPHA = 0.05
MIN_EXITS = 3
MIN_MEAN = 0.5  # a baseline with no exits at all still allows some


@dataclass(frozen=True)
class Verdict:
    """The test's outcome, with the numbers behind it and a plain sentence."""

    significant: bool
    observed: float
    expected: float
    p_value: float | None
    reason: str
    expected_range: tuple[int, int] | None = None
    dispersion: float = 1.0
    kind: str = "rise"  # rise | normal | few | no_baseline | custom (reason said it all): which sentence :meth:`text` says
    reason_en: str = ""  # a custom verdict's English sentence

    def text(self, language: str = "zh") -> str:
        """The verdict as a sentence in ``language`` (``reason`` is the Chinese one, with the expected range)."""
        if language == "zh":
            return self.reason
        if self.kind == "custom":
            return self.reason_en or self.reason
        low, high = self.expected_range or (0, 0)
        return t(f"verdict.{self.kind}", language, observed=round(self.observed), expected=f"{self.expected:.1f}",
                 chance=chance(self.p_value, language), low=low, high=high)


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


def nb_pmf(k: int, mean: float, variance: float) -> float:
    """P(X = k) for the negative binomial with ``mean`` and ``variance`` (Poisson when not over-dispersed)."""
    if variance <= mean * (1 + 1e-9):
        return math.exp(k * math.log(mean) - mean - math.lgamma(k + 1))
    r = mean * mean / (variance - mean)
    p = r / (r + mean)
    return math.exp(math.lgamma(k + r) - math.lgamma(r) - math.lgamma(k + 1) + r * math.log(p) + k * math.log1p(-p))


def nb_tail(observed: int, mean: float, variance: float) -> float:
    """P(X >= observed)."""
    if observed <= 0:
        return 1.0
    return max(0.0, 1.0 - sum(nb_pmf(k, mean, variance) for k in range(observed)))


def nb_range(mean: float, variance: float, low: float = 0.05, high: float = 0.95) -> tuple[int, int]:
    """The ``low``–``high`` quantiles."""
    total, k, lower = 0.0, 0, None
    while k < 100000:
        total += nb_pmf(k, mean, variance)
        if lower is None and total >= low:
            lower = k
        if total >= high:
            return lower or 0, k
        k += 1
    return lower or 0, k


def dispersion(history: list[tuple[float, int]], rate: float) -> float:
    """Pearson's quasi-Poisson dispersion of past ``(exits, members)`` periods around ``rate`` (≥ 1)."""
    terms = [(x - rate * m) ** 2 / max(rate * m, MIN_MEAN) for x, m in history if m]
    if len(terms) < 2:
        return 1.0
    return max(1.0, sum(terms) / (len(terms) - 1))


def exit_rise(observed: float, members: int, history: list[tuple[float, int]]) -> Verdict:
    """Judge ``observed`` exits among ``members`` against past ``(exits, members)`` periods."""
    used = [(x, m) for x, m in history if m]
    if len(used) < 2:
        return Verdict(False, observed, 0.0, None, t("verdict.no_baseline", "zh"), kind="no_baseline")
    rate = sum(x for x, _ in used) / sum(m for _, m in used)
    expected = rate * members
    phi = dispersion(used, rate)
    mean = max(expected, MIN_MEAN)
    # over-dispersion, plus the uncertainty of a rate estimated from a few periods
    variance = phi * mean + phi * mean * mean / max(sum(x for x, _ in used), 1.0)
    band = nb_range(mean, variance)
    count = round(observed)
    if count < MIN_EXITS:
        return Verdict(False, observed, expected, None, t("verdict.few", "zh", observed=count), band, phi, "few")
    p = nb_tail(count, mean, variance)
    shown = f"按过去 {len(used)} 期的基线预计约 {expected:.1f} 人退群（正常范围 {band[0]}–{band[1]} 人），实际 {count} 人"
    if p < ALPHA and count > expected:
        return Verdict(True, observed, expected, p, f"{shown}；这么多人退群偶然出现的概率{chance(p)}，属于异常上升。",
                       band, phi, "rise")
    return Verdict(False, observed, expected, p, f"{shown}；这么多人退群偶然出现的概率{chance(p)}，在正常波动范围内。",
                   band, phi, "normal")
