"""Hand-built cases for the words that tell a scam from an ad and a complaint from a lure.

A scammer borrows the words of complaints (需要退款的加我好友) and of ads (links, 微信号): the
message counts as the scam only, so the scam is not mistaken for unresolved complaints or spam.
"""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from assistant.analytics.chatlog import Message
from assistant.analytics.drivers import text_signals
from assistant.analytics.drivers.replies import is_complaint, needs_answer
from assistant.analytics.risk_rules import COMPLAINT, SCAM, SPAM, matches


def _kinds(text: str) -> set[str]:
    return {rule.kind for rule in matches(text)}


def _msg(text: str, name: str = "小王", admin: bool = False) -> Message:
    return Message("k1", "g", "Asia/Shanghai", datetime(2026, 3, 2, 12, tzinfo=UTC), "u1", name, text, None, (), admin)


@pytest.mark.parametrize("text", [
    "群主委托我统计退款，需要退款的加我好友，先转20元手续费",
    "本群系统升级，请添加客服微信完成会员认证",
    "恭喜中奖，请私聊我支付15元运费领取奖品",
    "退款链接要填银行卡密码，肯定是骗子",
    "被骗了，100块没了",
])
def test_scam_lures_and_victims_reports_are_scam(text) -> None:
    assert SCAM in _kinds(text)


def test_a_wechat_id_after_weixin_is_an_ad() -> None:
    assert SPAM in _kinds("请添加客服微信jzixm69697")
    assert SPAM not in _kinds("微信群里说过了")


@pytest.mark.parametrize("text", [
    "我买的面霜收到就坏了好几个，质量问题谁负责？", "+1，我也没收到", "等了一天了，能不能给个说法",
    "纸尿裤包装破了，漏了一箱", "和描述的完全不一样，我要投诉", "订单6天了还没发货，怎么回事",
])
def test_complaints_in_everyday_words(text) -> None:
    assert is_complaint(text)


def test_a_scam_lure_is_neither_a_complaint_nor_a_question_to_answer() -> None:
    lure = "群主委托我统计退款，需要退款的加我好友，先转29元手续费"
    assert COMPLAINT in _kinds(lure)  # it borrows the words …
    assert not is_complaint(lure) and not needs_answer(_msg(lure))  # … but is the scam


def test_a_non_admin_named_like_the_role_impersonates() -> None:
    ctx = SimpleNamespace(admin_names={"g": {"u9": {"郭姐"}}})
    assert text_signals._impersonates(ctx, _msg("大家好", name="群管理小助手"))
    assert text_signals._impersonates(ctx, _msg("大家好", name="郭姐2"))
    assert not text_signals._impersonates(ctx, _msg("大家好", name="小王"))
