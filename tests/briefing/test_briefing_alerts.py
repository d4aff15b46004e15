"""Alerts: rules checked on every import (through the History façade), the queue with who and when,
built-in intents, per-group rules, admins never alerted, no duplicates on re-import, and the CLI."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from assistant.analytics.chatlog import Message
from assistant.briefing.rules import Rule, RuleDraft
from assistant.cli import cli
from assistant.errors import InputError
from tests.briefing.support import PASTED
from tests.support.demo_workspace import CALM, CAMPAIGN, demo_assistant


@pytest.fixture
def demo():
    return demo_assistant()


def test_a_refund_rule_fires_on_import_and_ack_records_who_and_when(demo) -> None:
    alerts = demo.briefing.alerts
    alerts.add_rule(RuleDraft("", "keyword", "退款"))
    assert alerts.list() == []  # a new rule watches what is imported from now on
    demo.history.import_text(PASTED, group=CALM)
    [alert] = alerts.list()
    assert alert.sender == "张三" and alert.matched == "退款" and alert.group == CALM and alert.status == "new"
    assert alerts.count_new() == 1
    context = demo.conversation_around(alert.message_id, alert.group)
    assert any(line["cited"] and "退款" in line["text"] for line in context.lines())
    [done] = alerts.ack([alert.alert_id], by="小林")
    assert done.status == "handled" and done.handled_by == "小林" and done.handled_at
    assert alerts.count_new() == 0 and alerts.list(status="handled")[0].handled_by == "小林"
    demo.history.import_text(PASTED, group=CALM)  # the same messages again: nothing new
    assert len(alerts.list(status=None)) == 1


def test_built_in_intents_and_group_scope(demo) -> None:
    alerts = demo.briefing.alerts
    for intent in ("refund", "private_transfer", "ad_lure", "complaint"):
        alerts.add_rule(RuleDraft("", "intent", intent))
    alerts.add_rule(RuleDraft("竞品", "intent", "competitor", ["叮咚买菜"], [CAMPAIGN]))
    demo.history.import_text(PASTED + "\n孙八 2026/12/2 11:00\n叮咚买菜更便宜\n", group=CALM)
    by_rule = {}
    for a in alerts.list():
        by_rule.setdefault(a.rule, set()).add(a.sender)
    assert by_rule["退款"] == {"张三"}
    assert "赵六" in by_rule["私下转账/冒充"] and "赵六" in by_rule["广告引流"]
    assert "张三" in by_rule["投诉"]
    assert "竞品" not in by_rule  # the competitor rule watches another group


def test_whole_history_check_and_admins_are_never_alerted(demo) -> None:
    alerts = demo.briefing.alerts
    alerts.add_rule(RuleDraft("", "regex", r"草莓.{0,3}坏"))
    report = alerts.check(everything=True)
    assert report.filed > 0 and report.checked > 5000
    assert all(a.sender != "团长小林" for a in alerts.list(limit=1000))
    admin = Message("k", CALM, "Asia/Shanghai", None, "o", "团长小林", "草莓坏了的找我退款", None, (), True)  # type: ignore[arg-type]
    assert Rule(1, "r", "keyword", "退款").match(admin) is None


@pytest.mark.parametrize("draft, problem", [
    (RuleDraft("", "regex", "(unclosed"), "无效"),
    (RuleDraft("", "regex", "a*"), "空文本"),
    (RuleDraft("", "keyword", " , "), "至少需要一个关键词"),
    (RuleDraft("", "intent", "weather"), "内置意图"),
    (RuleDraft("", "intent", "competitor"), "竞品名称"),
    (RuleDraft("", "sql", "x"), "规则类型"),
])
def test_bad_rules_are_refused_with_a_fix(draft: RuleDraft, problem: str) -> None:
    with pytest.raises(InputError, match=problem):
        draft.checked()


def test_cli_alerts(demo) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["alerts", "rules", "add", "--keywords", "退款,退货"])
    assert result.exit_code == 0 and "已添加规则 1" in result.output
    assert "退款、退货" in runner.invoke(cli, ["alerts", "rules", "list"]).output
    demo.history.import_text(PASTED, group=CALM)
    listed = runner.invoke(cli, ["alerts", "list"]).output
    assert "张三" in listed and "history context" in listed
    [row] = json.loads(runner.invoke(cli, ["alerts", "list", "--json"]).output)
    result = runner.invoke(cli, ["alerts", "ack", str(row["alert_id"]), "--by", "小林"])
    assert result.exit_code == 0 and "已处理（小林" in result.output
    assert "没有提醒" in runner.invoke(cli, ["alerts", "list"]).output
    result = runner.invoke(cli, ["alerts", "ack", "999", "--by", "x"])
    assert result.exit_code == 1 and "999" in result.output
    assert runner.invoke(cli, ["alerts", "rules", "add", "--regex", "("]).exit_code == 1


def test_a_failing_listener_never_undoes_an_import(demo) -> None:
    from assistant.errors import AssistantError

    def broken(reports) -> None:  # noqa: ANN001
        raise AssistantError("提醒库坏了")

    demo.history.listeners.append(broken)
    report = demo.history.import_text(PASTED, group=CALM)
    assert report.status == "ok" and any("提醒库坏了" in w for w in report.warnings)
    assert demo.briefing.digests.digest(CALM, on="2026-12-02").groups[0].volume.messages == 5
