"""The one "answered" rule (drivers/replies.py) on hand-built pairs: which member messages need an
admin's answer, and which admin messages answer them.

* A question to the other members (有人用过X吗, 你们几点睡) or a bare "？" needs no admin answer.
* A question about the rules (不满意可以退吗) is a question, not a complaint; a report is a complaint.
* A short plain answer that names a promotion's words (优惠券, 积分) answers; a sales push does not.
* An admin's promotions count as promotions whatever their shape (link card, 限量 N 份).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from assistant.analytics.chatlog import Message
from assistant.analytics.content import is_sales_push
from assistant.analytics.drivers.replies import is_complaint, is_peer_question, needs_answer, responds

AT = datetime(2026, 3, 2, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


def _member(text: str) -> Message:
    return Message("q", "g", "Asia/Shanghai", AT, "u1", "成员", text, None, (), False)


def _admin(text: str, minutes: int = 20) -> Message:
    return Message("a", "g", "Asia/Shanghai", AT + timedelta(minutes=minutes), "admin", "小刘", text, None, (), True)


@pytest.mark.parametrize("text", ["有人用过防晒霜吗，怎么样", "你们几点睡", "昨晚那个剧你们看了吗。", "？", "大家觉得这个好用吗"])
def test_questions_to_the_other_members_need_no_admin_answer(text: str) -> None:
    assert is_peer_question(text) and not needs_answer(_member(text))


@pytest.mark.parametrize("text", ["请问周末发货吗", "积分可以抵钱吗", "优惠券怎么用？", "你们几点发货"])
def test_questions_for_the_admins_need_an_answer(text: str) -> None:
    assert not is_peer_question(text) and needs_answer(_member(text))


def test_a_question_about_the_rules_is_not_a_complaint() -> None:
    assert not is_complaint("不满意可以退吗") and not is_complaint("坏了的怎么赔？")
    assert needs_answer(_member("不满意可以退吗"))  # still a question for the admins
    assert is_complaint("我收到的草莓坏了一半，要退款") and is_complaint("投诉！三天了还没发货")


def test_a_short_answer_naming_a_promotion_answers() -> None:
    assert responds(_member("优惠券怎么用？"), _admin("亲，优惠券在结算页面会自动抵扣"))
    assert responds(_member("积分可以抵钱吗"), _admin("积分可以抵钱，100积分抵1元"))


@pytest.mark.parametrize("push", ["今晚8点直播间秒杀，氨基酸洗面奶1元抢", "限量100份！氨基酸洗面奶特惠价39，先到先得",
                                  "氨基酸洗面奶拼团 三人成团立减 https://shop.example.cn/x"])
def test_a_sales_push_answers_nobody(push: str) -> None:
    assert not responds(_member("氨基酸洗面奶油皮能用吗"), _admin(push))


@pytest.mark.parametrize("text", ["修护面霜限时秒杀 29.9元\nhttps://shop.example.cn/38IEf6", "限量100份！丝绒口红特惠价69，先到先得",
                                  "【爆款返场】气垫粉底原价139，现在只要49！", "会员日 全场8折 https://shop.example.cn/B"])
def test_every_shape_of_promotion_is_a_sales_push(text: str) -> None:
    assert is_sales_push(text)


@pytest.mark.parametrize("text", ["亲，已经给您登记退款了，1-3个工作日原路返回", "在南门菜鸟驿站，门口有我们的牌子", "先用精华，再用气垫粉底"])
def test_service_answers_are_not_sales_pushes(text: str) -> None:
    assert not is_sales_push(text)
