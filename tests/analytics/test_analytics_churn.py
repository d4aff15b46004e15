"""The churn explainer on generated communities: one planted cause each, and a quiet control."""

from __future__ import annotations

import pytest

from assistant.analytics import churn
from assistant.analytics.drivers import DRIVER_IDS
from assistant.analytics.periods import parse_week
from tests.analytics.builder import at
from tests.analytics.scenarios import Community

WEEK = parse_week("2026-W10")


def explain(community: Community):
    return churn.explain(community.con, WEEK)


def test_quiet_week_raises_no_alarm_and_invents_no_cause(tmp_path) -> None:
    c = Community(tmp_path / "q.duckdb")
    days = c.target_week()
    c.leave(at(days[3], 20), 4)  # a little above the usual 3, well within noise
    report = explain(c)
    assert report.exits == 4 and not report.significant
    assert "正常波动" in report.verdict.reason
    assert report.drivers == []
    assert report.baseline_rate == pytest.approx(18 / 1800, rel=0.05)  # W04–W09: 4+3+2+3+4+2 of ~300


def test_spam_wave(tmp_path) -> None:
    c = Community(tmp_path / "s.duckdb")
    days = c.target_week()
    spam = [c.messages.add(c.g, f"spam{i % 3}", at(days[0], 14 + i // 3, i * 4), "兼职日赚300，加我vx: abc1234 详情 https://t.cn/x")
            for i in range(12)]
    c.leave(at(days[1], 20), 12)
    report = explain(c)
    assert report.significant
    top = report.drivers[0]
    assert top.id == "spam_ads" and top.confidence == "high"
    assert {e.message_id for e in top.evidence} <= set(spam) and len(top.evidence) == 5
    assert top.numbers["messages"] == 12


def test_scam_incident_with_an_impersonated_admin(tmp_path) -> None:
    c = Community(tmp_path / "c.duckdb")
    days = c.target_week()
    scam = [c.messages.add(c.g, "fake", at(days[1], 11 + i), "我是群主，今天统一代收款，私下转给我", name="小美（群主）")
            for i in range(2)]
    c.leave(at(days[2], 20), 10)
    report = explain(c)
    assert report.drivers[0].id == "scam_incident"
    assert [e.message_id for e in report.drivers[0].evidence] == scam
    assert report.drivers[0].evidence[0].sender == "小美（群主）"


def test_unresolved_complaints(tmp_path) -> None:
    c = Community(tmp_path / "u.duckdb")
    days = c.target_week()
    complaints = [c.messages.add(c.g, c.members[50 + i], at(days[i % 3], 15), "水果烂了一半，要退款，怎么没人管")
                  for i in range(8)]
    c.leave(at(days[3], 20), 10, pool=c.members[40:120])
    report = explain(c)
    assert report.drivers[0].id == "unresolved_complaints"
    assert {e.message_id for e in report.drivers[0].evidence} <= set(complaints)


def test_admin_stops_answering(tmp_path) -> None:
    c = Community(tmp_path / "a.duckdb")
    days = c.target_week(admin=False)
    c.leave(at(days[4], 20), 10)
    report = explain(c)
    ids = [d.id for d in report.drivers]
    assert ids[0] == "admin_unresponsive"
    assert report.drivers[0].numbers["unanswered"] == 7 and report.drivers[0].numbers["baseline_unanswered_share"] == 0


def test_promotion_fatigue(tmp_path) -> None:
    c = Community(tmp_path / "p.duckdb")
    days = c.target_week()
    for day in days[:4]:
        for hour in (11, 13, 15, 17, 20, 21):
            c.messages.add(c.g, c.admin, at(day, hour), "限时秒杀！领券再减10元，福利只有今天", name="小美")
    c.leave(at(days[4], 20), 11)
    report = explain(c)
    assert report.drivers[0].id == "promo_fatigue"
    assert report.drivers[0].numbers["per_day"] > 2 * report.drivers[0].numbers["baseline_per_day"]


def test_message_overload(tmp_path) -> None:
    c = Community(tmp_path / "o.duckdb")
    days = c.target_week(speakers=200)
    for day in days[:4]:
        for member in c.present()[:150]:
            c.messages.add(c.g, member, at(day, 22), "哈哈哈+1")
    c.leave(at(days[4], 20), 12)
    report = explain(c)
    assert report.drivers[0].id == "message_overload"
    assert report.drivers[0].numbers["messages_per_member_day"] > 0.4


def test_low_quality_influx(tmp_path) -> None:
    c = Community(tmp_path / "l.duckdb")
    for i in range(40):
        c.join(at("2026-02-24", 10 + i % 8), f"camp{i}", via="qr", campaign="扫码领赠品")
    days = c.target_week()
    c.leave(at(days[2], 20), 25, pool=[f"camp{i}" for i in range(40)])
    report = explain(c)
    top = report.drivers[0]
    assert top.id == "low_quality_influx" and "扫码领赠品" in top.explanation
    assert top.numbers["joined"] == 40 and top.numbers["share_of_exits"] == 1.0
    assert all("入群" in e.text for e in top.evidence)
    segment = report.segments[0]
    assert (segment.dimension, segment.exits) in {("source", 25), ("cohort", 25), ("tenure", 25)}


def test_every_driver_id_is_covered_here() -> None:
    tested = {"spam_ads", "scam_incident", "unresolved_complaints", "admin_unresponsive", "promo_fatigue",
              "message_overload", "low_quality_influx"}
    assert tested == set(DRIVER_IDS)


def test_report_shape_for_json(tmp_path) -> None:
    c = Community(tmp_path / "j.duckdb")
    days = c.target_week()
    c.messages.add(c.g, "spam0", at(days[0], 14), "加我vx: abc1234 兼职日赚")
    data = explain(c).to_dict()
    assert set(data) >= {"group", "period", "exit_rate", "baseline_rate", "significant", "drivers"}
    assert data["period"] == "2026-W10" and data["group"] == "测试社群"
