"""How strong a driver's evidence is: on a log-p scale, and sized by the effect.

* ``strength``: 0 at p ≥ 5 %, 1 at one in 10,000 or less; a 2 % fluke is well under one in a million.
* admin_unresponsive on a hand-built week: a few more missed questions (10 points) while one asker
  among a dozen leavers left is not silence; the same rise with the askers leaving is, but weaker
  than a marked rise.
"""

from __future__ import annotations

from datetime import timedelta

from assistant.analytics.drivers.activity_signals import admin_unresponsive
from assistant.analytics.drivers.base import Exit, strength
from assistant.analytics.population import Span
from tests.analytics.test_unresponsive_share import START, _context


def test_strength_is_on_a_log_scale() -> None:
    assert strength(0.2) == 0.0 and strength(0.05) == 0.0
    assert 0.4 < strength(0.02) < 0.5
    assert strength(1e-4) == 1.0 and strength(1e-12) == 1.0
    assert strength(0.01) < strength(0.001) < strength(0.0001)


def _others_left(ctx, askers: int) -> None:  # noqa: ANN001
    ctx.exits = [Exit("g", Span(f"other{i}", None, "unknown", START + timedelta(hours=10 * i + 5), "left", False,
                                None, None, None)) for i in range(12 - askers)]
    ctx.exits += [Exit("g", Span(f"u{1000 + 2 * i}", None, "unknown", START + timedelta(hours=8 * i + 30), "left", False,
                                 None, None, None)) for i in range(askers)]


def test_a_small_rise_while_others_leave_is_not_silence() -> None:
    ctx = _context(missed_now=22)  # 55 % against the usual third: 22 points, beyond chance
    _others_left(ctx, askers=1)
    assert admin_unresponsive(ctx, significant=True) is None


def test_a_small_rise_with_the_askers_leaving_is_named_but_weaker_than_a_marked_one() -> None:
    small = _context(missed_now=22)
    _others_left(small, askers=6)
    marked = _context(missed_now=36)
    _others_left(marked, askers=6)
    weak, strong = admin_unresponsive(small, significant=True), admin_unresponsive(marked, significant=True)
    assert weak is not None and strong is not None
    assert weak.score < strong.score
