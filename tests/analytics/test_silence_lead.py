"""Silent admins or ignored complaints: when both answer-based drivers qualify, whose evidence leads.

Built by hand: four baseline weeks in which the admin quotes and answers every question and
complaint. In the analysed week either the admin answers nothing at all (silent: nearly every
ordinary question hangs, complaints with them) or answers the ordinary questions but leaves every
complaint (ignored). Askers and complainers leave in both. Both drivers may score 1.0; the one whose
own evidence is stronger — the rise in unanswered ordinary questions against how much more often
complaints were left than questions — must come first, and the other stays named.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from assistant.analytics.admins import Admin, AdminList
from assistant.analytics.chatlog import Message
from assistant.analytics.drivers import test_all as rank_drivers
from assistant.analytics.drivers.base import ChurnContext, Exit
from assistant.analytics.periods import parse_week
from assistant.analytics.population import Span

TZ = ZoneInfo("Asia/Shanghai")
WEEK = parse_week("2026-W10")
START = datetime(2026, 3, 2, tzinfo=TZ)
BEFORE = START - timedelta(days=28)
QUESTIONS = ["防晒霜什么时候发货？", "发票能开专票吗", "几点可以去自提？", "积分可以抵钱吗", "优惠券怎么用？"]
COMPLAINTS = ["收到的草莓坏了一半，要退款", "投诉！三天了还没发货", "少发了一盒，怎么回事"]


def _ask(key: str, at: datetime, text: str, answered: bool) -> list[Message]:
    asked = Message(key, "g", "Asia/Shanghai", at, f"u-{key}", f"成员{key}", text, None, (), False)
    answer = Message(f"a-{key}", "g", "Asia/Shanghai", at + timedelta(minutes=15), "admin", "小刘", "亲，已经安排了", key, (), True)
    return [asked, answer] if answered else [asked]


def _context(questions_answered: bool) -> ChurnContext:
    before = [m for i in range(100) for m in _ask(f"bq{i}", BEFORE + timedelta(hours=6.5 * i), QUESTIONS[i % 5], True)]
    before += [m for i in range(8) for m in _ask(f"bc{i}", BEFORE + timedelta(hours=80 * i + 3), COMPLAINTS[i % 3], True)]
    now = [m for i in range(30) for m in _ask(f"q{i}", START + timedelta(hours=5 * i), QUESTIONS[i % 5],
                                              questions_answered and i % 10 != 0)]
    now += [m for i in range(6) for m in _ask(f"c{i}", START + timedelta(hours=20 * i + 2), COMPLAINTS[i % 3], False)]
    now.sort(key=lambda m: m.sent_at)
    before.sort(key=lambda m: m.sent_at)
    leavers = [f"u-c{i}" for i in range(6)] + ([] if questions_answered else [f"u-q{i}" for i in range(1, 20, 2)])
    exits = [Exit("g", Span(member, None, "unknown", START + timedelta(hours=6 * n + 30), "left", False, None, None, None))
             for n, member in enumerate(leavers)]
    admins = {"g": AdminList("g", (Admin("admin", "小刘", "inferred"),))}
    end = START + timedelta(days=7)
    return ChurnContext([], WEEK, START, end, BEFORE, exits, now, before, {}, {}, admins=admins,
                        observed_until=end + timedelta(days=2))


def test_silent_admins_lead_when_every_question_hangs() -> None:
    drivers, _ = rank_drivers(_context(questions_answered=False), True, None)
    ids = [d.id for d in drivers]
    assert ids[:2] == ["admin_unresponsive", "unresolved_complaints"]
    assert drivers[0].score > drivers[1].score


def test_ignored_complaints_lead_when_ordinary_questions_are_answered() -> None:
    drivers, _ = rank_drivers(_context(questions_answered=True), True, None)
    assert drivers[0].id == "unresolved_complaints"
    assert drivers[0].numbers["unanswered_complaint_share"] == 1.0
