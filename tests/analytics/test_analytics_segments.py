"""Segments (lifecycle, value tiers, churn risk, CSV export) and risk flags with message ids."""

from __future__ import annotations

import csv
import io

from assistant.analytics import risks, segments
from tests.analytics.builder import HistoryBuilder, at, days


def build(tmp_path):
    b = HistoryBuilder(tmp_path / "s.duckdb")
    g = b.group("社区团")
    b.members_before(g, 4)  # m0..m3
    b.role(g, "m0", "admin")
    b.con.execute("INSERT INTO member_names VALUES (1, 'm0', '团长阿花', 'display', NULL, NULL)")
    b.span(g, "fresh", at("2026-03-28"), via="qr")  # joined 3 days before the data ends
    for day in days("2026-03-01", 31):
        b.message(g, "m1", at(day, 9), "早")  # m1 talks every day
    for day in days("2026-03-10", 15):
        b.message(g, "m2", at(day, 9), "好的")  # m2 was regular, silent since 03-24
    for i in range(3):
        b.order(g, "m1", at(f"2026-03-1{i}"), 50)
    b.order(g, "m2", at("2026-03-12"), 30)
    b.message(g, "m3", at("2026-01-05"), "=HYPERLINK(\"http://evil\")")  # silent for 80 days
    b.message(g, "spam", at("2026-03-30", 14), "兼职日赚三百，加我vx: abc12345")
    b.message(g, "fake", at("2026-03-30", 15), "统一代收款，私下转给我", kind="text")
    b.con.execute("UPDATE messages SET sender_name = '团长阿花2号' WHERE sender_id = 'fake'")
    b.message(g, "m0", at("2026-03-30", 16), "全网最低价，绝对正品", is_self=True)
    b.message(g, "m3", at("2026-03-29", 10), "水果烂了要退款")
    b.message(g, "m1", at("2026-03-31", 18), "收到")
    return b.con


def test_lifecycle_tiers_and_churn_risk(tmp_path) -> None:
    rows = {r.member_id: r for r in segments.segment(build(tmp_path))}
    assert rows["fresh"].stage == "新用户"
    assert (rows["m1"].stage, rows["m1"].tier, rows["m1"].churn_risk) == ("核心", "高价值", False)
    assert rows["m2"].churn_risk and rows["m2"].tier == "普通"
    assert rows["m1"].orders_30d == 3 and rows["m1"].messages_30d == 31


def test_csv_export_neutralises_formulas(tmp_path) -> None:
    con = build(tmp_path)
    con.execute("UPDATE members SET display_name = '=cmd|calc' WHERE member_id = 'm1'")
    con.execute("INSERT INTO members VALUES (1, 'm1', '=cmd|calc', NULL, NULL, NULL, 1, true)")
    text = segments.to_csv(segments.segment(con))
    assert text.startswith("\ufeff群,成员ID")
    cells = [cell for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for cell in row]
    assert "'=cmd|calc" in cells and not any(c.startswith("=") for c in cells)


def test_risk_flags_point_at_messages(tmp_path) -> None:
    found = risks.flags(build(tmp_path))
    kinds = {(f.kind, f.sender) for f in found}
    assert ("spam", "spam") in kinds
    assert ("scam", "团长阿花2号") in kinds  # 代收款 and the borrowed admin name
    assert ("ad_law", "m0") in kinds  # the group's own post
    assert ("unanswered_complaint", "m3") in kinds
    assert all(f.message_id.startswith("k") for f in found)
