"""admin_unresponsive in a busy group whose usual share of missed questions is already high.

Built by hand: a third of the questions usually go unanswered; this week more than half do, and
the askers left. The gap (22 points) is under a quarter of all questions, but far beyond chance,
so the driver is named when the askers left; not at the usual share, nor when others left.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from assistant.analytics.admins import Admin, AdminList
from assistant.analytics.chatlog import Message
from assistant.analytics.drivers.activity_signals import admin_unresponsive
from assistant.analytics.drivers.base import ChurnContext, Exit
from assistant.analytics.periods import parse_week
from assistant.analytics.population import Span

TZ = ZoneInfo("Asia/Shanghai")
WEEK = parse_week("2026-W10")
START = datetime(2026, 3, 2, tzinfo=TZ)
BEFORE = START - timedelta(days=28)
QUESTIONS = ["防晒霜什么时候发货？", "发票能开专票吗", "几点可以去自提？", "积分可以抵钱吗", "优惠券怎么用？"]


def _pair(n: int, at: datetime, answered: bool) -> list[Message]:
    asker = f"u{n}"
    q = Message(f"q{n}", "g", "Asia/Shanghai", at, asker, f"成员{n}", QUESTIONS[n % 5], None, (), False)
    a = Message(f"a{n}", "g", "Asia/Shanghai", at + timedelta(minutes=20), "admin", "小刘", "亲，已经安排了", f"q{n}", (), True)
    return [q, a] if answered else [q]


def _context(missed_now: int) -> ChurnContext:
    before = [m for i in range(140) for m in _pair(i, BEFORE + timedelta(hours=4.8 * i), answered=i % 3 != 0)]
    now = [m for i in range(40) for m in _pair(1000 + i, START + timedelta(hours=4 * i), answered=i >= missed_now)]
    exits = [Exit("g", Span(f"u{1000 + i}", None, "unknown", START + timedelta(hours=4 * i + 30), "left", False,
                            None, None, None)) for i in range(0, missed_now, 2)]
    admins = {"g": AdminList("g", (Admin("admin", "小刘", "inferred"),))}
    end = START + timedelta(days=7)
    return ChurnContext([], WEEK, START, end, BEFORE, exits, now, before, {}, {}, admins=admins,
                        observed_until=end + timedelta(days=2))


def test_a_rise_beyond_chance_is_named_even_under_a_quarter() -> None:
    driver = admin_unresponsive(_context(missed_now=22), significant=True)
    assert driver is not None and driver.id == "admin_unresponsive"
    assert driver.numbers["unanswered_share"] == 0.55


def test_the_usual_share_is_not_unresponsive() -> None:
    assert admin_unresponsive(_context(missed_now=13), significant=True) is None


def test_a_rise_under_a_quarter_needs_the_askers_to_have_left() -> None:
    ctx = _context(missed_now=22)
    ctx.exits = [Exit("g", Span(f"other{i}", None, "unknown", START + timedelta(hours=10 * i + 5), "left", False,
                                None, None, None)) for i in range(11)]
    assert admin_unresponsive(ctx, significant=True) is None
