"""Metric formulas on a small hand-built history with answers computed by hand."""

from __future__ import annotations

import pytest

from assistant.analytics import metrics
from assistant.analytics.periods import parse_week
from tests.analytics.builder import HistoryBuilder, at, days

WEEK = parse_week("2026-W10")  # Mon 2026-03-02 .. Sun 2026-03-08


@pytest.fixture
def history(tmp_path):
    b = HistoryBuilder(tmp_path / "h.duckdb")
    g = b.group("测试群")
    members = b.members_before(g, 100)
    b.role(g, "m0", "admin")
    for n, day in enumerate(days("2026-03-02", 7)):
        for speaker in members[:20]:
            b.message(g, speaker, at(day, 9), "早上好大家")
    # Sunday night: 10 joins (6 by QR code, 4 invited), 2 voluntary leaves and 1 removal.
    for i in range(10):
        b.span(g, f"new{i}", at("2026-03-08", 23), via="qr" if i < 6 else "invite")
    for i, kind in enumerate(["leave", "leave", "removed"]):
        b.con.execute("DELETE FROM membership_spans WHERE member_id = ?", [members[90 + i]])
        b.span(g, members[90 + i], None, "snapshot", ended=at("2026-03-08", 22), end_kind=kind)
    for i in range(8):
        b.order(g, f"m{i % 6}", at("2026-03-04", 20), 100.0, refund=50.0 if i == 0 else 0.0)
    b.order(g, "m7", at("2026-03-04", 21), 999.0, status="cancelled")
    b.message(g, "m5", at("2026-03-02", 10), "请问几点截单？")
    b.message(g, "m0", at("2026-03-02", 10, 30), "晚上十点截单")
    b.message(g, "m6", at("2026-03-03", 11), "可以开发票吗？")
    b.message(g, "m0", at("2026-03-05", 12), "新品上新：脐橙39元一箱包邮，接龙下单")
    b.message(g, "m8", at("2026-03-09", 12), "下周见")  # data runs past the week
    return b.con


def week_report(con, group=None):
    return {r.group: r for r in metrics.compute(con, WEEK, group)}


def test_membership_counts_and_exit_rate(history) -> None:
    r = week_report(history)["测试群"]
    assert (r.get("members_start").value, r.get("members_end").value) == (100, 107)
    assert r.get("joins").value == 10 and r.get("joins").breakdown == {"qr": 6, "invite": 4}
    assert r.get("exits").breakdown == {"voluntary": 2, "removed": 1}
    assert r.get("exit_rate").value == pytest.approx(0.03)
    assert r.get("exit_rate").status == "action"  # above the playbook's 2% line
    assert r.get("net_growth").value == 7


def test_activity_rate_is_the_mean_of_daily_rates(history) -> None:
    r = week_report(history)["测试群"]
    # 20 speakers every day (the askers m5, m6 are among them); Sunday ends with 107 members.
    daily = [20 / 100] * 6 + [20 / 107]
    assert r.get("activity_rate").value == pytest.approx(sum(daily) / 7)
    assert r.get("activity_rate").status == "healthy"


def test_orders_conversion_gmv_and_refunds(history) -> None:
    r = week_report(history)["测试群"]
    assert r.get("conversion_rate").value == pytest.approx(8 / 100)  # the cancelled order does not count
    assert r.get("buyer_rate").value == pytest.approx(6 / 100)
    assert r.get("gmv").value == 800 and r.get("refund_rate").value == pytest.approx(50 / 800)


def test_admin_first_response_and_unanswered_questions(history) -> None:
    r = week_report(history)["测试群"]
    assert r.get("first_response_minutes").value == 30
    # m6's question was followed only by the admin's next-morning greeting: not an answer.
    assert r.get("unanswered_questions").value == 1
    assert r.get("unanswered_questions").breakdown == {"questions": 2, "answered": 1}


def test_content_mix_uses_admin_posts(history) -> None:
    mix = week_report(history)["测试群"].get("content_mix")
    assert mix.breakdown["产品推荐"] > 0 and "管理员" in mix.note


def test_previous_week_and_delta(history) -> None:
    r = week_report(history)["测试群"]
    assert r.previous.label == "2026-W09"
    assert r.get("exit_rate").previous == 0 and r.get("exit_rate").delta == pytest.approx(0.03)


def test_reach_rate_is_never_invented(history) -> None:
    reach = week_report(history)["测试群"].get("reach_rate")
    assert reach.value is None and reach.status == "unsupported" and "阅读" in reach.note


def test_wechat_without_snapshots_cannot_count_exits(tmp_path) -> None:
    b = HistoryBuilder(tmp_path / "w.duckdb")
    g = b.group("微信群", platform="wechat")
    b.members_before(g, 50)
    b.message(g, "m1", at("2026-03-03"))
    exit_rate = week_report(b.con)["微信群"].get("exit_rate")
    assert exit_rate.value is None and exit_rate.status == "unsupported" and "快照" in exit_rate.note


def test_all_groups_add_counts_not_ratios(history) -> None:
    b2 = HistoryBuilder.__new__(HistoryBuilder)
    b2.con = history
    g2 = b2.group("小群", group_id=2)
    b2.members_before(g2, 10, prefix="s")
    b2.span(g2, "s0", None, "snapshot", ended=at("2026-03-05", 12), end_kind="leave")
    b2.con.execute("DELETE FROM membership_spans WHERE group_id = 2 AND member_id = 's0' AND ended_at IS NULL")
    reports = week_report(history)
    total = reports["全部群"]
    assert total.get("members_start").value == 110
    assert total.get("exit_rate").value == pytest.approx(4 / 110)


def test_newcomer_activation_and_retention_judge_cohorts_whose_days_have_passed(tmp_path) -> None:
    b = HistoryBuilder(tmp_path / "n.duckdb")
    g = b.group("新人群")
    b.members_before(g, 50)
    # Four people join on Monday of W09: their 7th day falls in W10.
    for i in range(4):
        b.span(g, f"n{i}", at("2026-02-23", 10), via="qr")
    b.message(g, "n0", at("2026-02-24", 9), "大家好")  # spoke on day 2
    b.message(g, "n1", at("2026-03-03", 9), "我来了")  # spoke on day 8: too late to count as activated
    b.con.execute("UPDATE membership_spans SET ended_at = $t, ended_earliest = $t, end_kind = 'leave', "
                  "end_inferred = false WHERE member_id = 'n3'", {"t": at("2026-02-26")})
    b.message(g, "m1", at("2026-03-12"), "收到")  # data continues after W10
    r = week_report(b.con)["新人群"]
    assert r.get("activation_rate").value == pytest.approx(1 / 4)
    assert r.get("retention_7d").value == pytest.approx(3 / 4)
    assert r.get("retention_30d").value is None and r.get("retention_30d").status == "insufficient"


def test_groups_without_orders_do_not_claim_zero_conversion(tmp_path) -> None:
    b = HistoryBuilder(tmp_path / "o.duckdb")
    g = b.group("摄影群", platform="telegram")
    b.members_before(g, 10)
    b.message(g, "m1", at("2026-03-03"))
    conversion = week_report(b.con)["摄影群"].get("conversion_rate")
    assert conversion.value is None and conversion.status == "unsupported" and "订单" in conversion.note
