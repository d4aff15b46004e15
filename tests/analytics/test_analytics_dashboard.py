"""The dashboard on the demo workspace, through AppTest: tiles match ``metrics --json``, the
explainer names the planted causes, the calm group stays calm, segments download as CSV."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from streamlit.testing.v1 import AppTest

from assistant import Assistant
from assistant.cli import cli
from tests.conftest import ROOT
from tests.support.demo_workspace import demo_assistant

CALM, CAMPAIGN, SPAM = "幸福里团购群（示例）", "品牌福利群（示例）", "摄影爱好者交流群（示例）"


@pytest.fixture
def demo() -> Assistant:
    return demo_assistant()


def test_explainer_names_the_planted_causes_and_leaves_the_calm_group_alone(demo) -> None:
    period = demo.analytics.latest_week()
    campaign = demo.analytics.churn(period, CAMPAIGN)
    assert campaign.significant and campaign.drivers[0].id == "low_quality_influx"
    assert "双11裂变海报" in campaign.drivers[0].explanation and campaign.drivers[0].evidence
    spam = demo.analytics.churn(period, SPAM)
    assert spam.significant and spam.drivers[0].id == "spam_ads"
    assert all("兼职" in e.text or "私聊" in e.text or "加" in e.text for e in spam.drivers[0].evidence)
    calm = demo.analytics.churn(period, CALM)
    assert not calm.significant and calm.drivers == []


def test_dashboard_tiles_match_metrics_json(demo) -> None:
    payload = json.loads(CliRunner().invoke(cli, ["metrics", "--group", CAMPAIGN, "--json"]).output)
    expected = payload[0]["metrics"]
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    app.run()
    app.switch_page("app_pages/groups.py").run()
    app.selectbox(key="dash-group").set_value(CAMPAIGN).run()
    assert not app.exception, app.exception
    tiles = {m.label: m.value for m in list(app.metric)[:10]}  # the import tab has metrics of its own
    assert tiles["期末人数"] == f"{expected['members_end']['value']:,.0f}"
    assert tiles["退群"] == f"{expected['exits']['value']:,.0f}"
    assert tiles["退群率"] == f"{expected['exit_rate']['value']:.1%}"
    assert tiles["活跃度"] == f"{expected['activity_rate']['value']:.1%}"
    assert tiles["转化率"] == f"{expected['conversion_rate']['value']:.1%}"
    assert any("低质量拉新" in e.label for e in app.expander) and not any("low_quality_influx" in e.label for e in app.expander)
    assert any(b.label == "下载成员分层 CSV" for b in app.get("download_button"))


def test_churn_cli_json_shape_on_the_demo(demo) -> None:
    payload = json.loads(CliRunner().invoke(cli, ["churn", "--group", SPAM, "--json"]).output)
    assert payload["significant"] is True and payload["drivers"][0]["id"] == "spam_ads"
    evidence = payload["drivers"][0]["evidence"][0]
    assert set(evidence) == {"message_id", "ts", "sender", "text", "group"} and evidence["group"] == SPAM
    assert set(payload) >= {"group", "period", "exit_rate", "baseline_rate", "significant", "drivers"}


def test_segments_and_risks_cli(demo, tmp_path) -> None:
    out = tmp_path / "m.csv"
    result = CliRunner().invoke(cli, ["segments", "--group", CALM, "--csv", str(out), "--json"])
    summary = json.loads(result.output)["summary"]
    assert sum(summary["stage"].values()) > 200 and out.read_text(encoding="utf-8").startswith("\ufeff群,")
    flags = json.loads(CliRunner().invoke(cli, ["risks", "--group", SPAM, "--json"]).output)
    assert any(f["kind"] == "spam" for f in flags)


def test_analytics_before_any_import_says_what_to_do() -> None:
    result = CliRunner().invoke(cli, ["metrics"])
    assert result.exit_code == 1 and "demo" in result.output


def test_the_dashboard_tables_and_download_cite_messages_by_group_time_and_sender(demo) -> None:
    import io

    import openpyxl

    from assistant.reports import dashboard as board

    period = demo.analytics.latest_week()
    driver = demo.analytics.churn(period, SPAM).drivers[0]
    flags = demo.analytics.risks(SPAM)
    tables = [board.evidence_table([e.to_dict() for e in driver.evidence], "zh"), board.risk_table(flags, "zh")]
    assert tables[0].headers == ("群", "时间", "发送者", "内容") and tables[0].rows[0][0] == SPAM
    ids = {e.message_id for e in driver.evidence} | {f.message_id for f in flags}
    book = openpyxl.load_workbook(io.BytesIO(board.workbook(tables, "zh")))
    cells = "\n".join(str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row)
    assert ids and not [i for i in ids if i in cells or i[:10] in cells]
