"""Pure analytics rules: periods, health thresholds, the exit-rise test, content types, risk words."""

from __future__ import annotations

from datetime import date

import pytest

from assistant import InputError
from assistant.analytics import content, health, periods, risk_rules, significance


def test_iso_weeks_and_their_predecessors() -> None:
    week = periods.parse_week("2026-W07")
    assert (week.first, week.last, week.label) == (date(2026, 2, 9), date(2026, 2, 15), "2026-W07")
    assert week.previous().label == "2026-W06"
    assert periods.week_of(date(2026, 1, 1)).label == "2026-W01"
    assert [p.label for p in periods.weeks_ending(date(2026, 2, 11), 3)] == ["2026-W05", "2026-W06", "2026-W07"]
    assert str(week.start("Asia/Shanghai")) == "2026-02-09 00:00:00+08:00"


@pytest.mark.parametrize("text", ["2026-7", "W07", "2026-W54"])
def test_bad_week_names_are_explained(text) -> None:
    with pytest.raises(InputError):
        periods.parse_week(text)


def test_ranges_are_checked() -> None:
    assert periods.parse_range("2026-03-01", "2026-03-10").previous().label == "2026-02-19~2026-02-28"
    with pytest.raises(InputError, match="早于"):
        periods.parse_range("2026-03-10", "2026-03-01")


@pytest.mark.parametrize(
    ("metric", "value", "status"),
    [
        ("activity_rate", 0.16, "healthy"), ("activity_rate", 0.12, "watch"), ("activity_rate", 0.08, "action"),
        ("conversion_rate", 0.06, "healthy"), ("conversion_rate", 0.04, "watch"), ("conversion_rate", 0.02, "action"),
        ("exit_rate", 0.005, "healthy"), ("exit_rate", 0.015, "watch"), ("exit_rate", 0.03, "action"),
        ("exit_rate", None, "insufficient"), ("gmv", 100.0, "info"),
    ],
)
def test_health_follows_the_playbook_thresholds(metric, value, status) -> None:
    assert health.status_of(metric, value) == status


def test_message_volume_out_of_proportion_to_group_size() -> None:
    assert health.message_volume_status(100, 500) == "healthy"  # the playbook's A group
    assert health.message_volume_status(250, 500) == "action"  # its B group
    assert health.message_volume_status(None, 500) == "unsupported"


def test_poisson_tail_matches_hand_computation() -> None:
    # P(X >= 2 | 1) = 1 - e^-1 (1 + 1) = 0.2642
    assert significance.poisson_tail(2, 1.0) == pytest.approx(0.26424, abs=1e-4)


def test_a_few_exits_are_never_called_a_rise() -> None:
    verdict = significance.exit_rise(2, 100, [(0, 100)] * 6)
    assert not verdict.significant and "太少" in verdict.reason


def test_a_clear_rise_is_significant_and_noise_is_not() -> None:
    steady = [(3, 500)] * 6  # 0.6 % a week, exactly as Poisson would have it
    assert significance.exit_rise(15, 500, steady).significant  # expected 3
    quiet = significance.exit_rise(5, 500, steady)  # expected 3, p ≈ 0.2
    assert not quiet.significant and "正常波动" in quiet.reason and quiet.expected_range[0] <= 3 <= quiet.expected_range[1]
    assert not significance.exit_rise(9, 500, [(3, 500)]).significant  # one past week is no baseline


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("今晚8点秒杀，领券再减10元，限时福利！", "promotion"),
        ("新品上新：赣南脐橙现货，39元一箱包邮，接龙下单", "product"),
        ("小知识：柑橘怎么保存？放阴凉通风处，注意事项看这里", "information"),
        ("大家觉得这周选哪款？来投票聊聊", "interaction"),
        ("好的", "chatter"),
        ("+1", "logistics"),
        ("3号楼 2份，明天自提", "logistics"),
        ("请问发票开好了吗", "service"),
        (None, "media"),
        ("加我vx：abc12345 进群领取", "ads"),
        ("哈哈哈哈哈哈哈", "other"),
    ],
)
def test_content_types(text, kind) -> None:
    assert content.classify(text) == kind


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("兼职日赚300，加我vx: abc12345", {"spam"}),
        ("点这个 https://t.cn/abc 领取", {"spam"}),
        ("我是管理员，这次统一由我代收款，私下转给我", {"scam"}),
        ("全网最低价，绝对正品", {"ad_law"}),
        ("吃了拉肚子，我要去12315举报", {"sensitive", "complaint"}),
        ("水果烂了一半，要退款", {"complaint"}),
        ("今天天气不错", set()),
    ],
)
def test_risk_rules(text, kinds) -> None:
    assert {rule.kind for rule in risk_rules.matches(text)} == kinds


@pytest.mark.parametrize(("text", "question"), [("几点截单？", True), ("这个多少钱", True), ("收到了", False)])
def test_questions_are_recognised(text, question) -> None:
    assert risk_rules.is_question(text) is question
