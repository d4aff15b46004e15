"""The weekly report's content on the demo workspace: the spam incident is named with evidence and
actions, the calm group stays calm, every figure is the analytics' own, actions cite real playbook
sections."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from assistant import InputError
from assistant.analytics.periods import week_of
from assistant.analytics.risk_rules import is_question
from assistant.reports import WeeklyReport, export
from assistant.reports.actions import ADVICE, DRIVER_ADVICE, METRIC_ADVICE, RISK_ADVICE
from tests.conftest import ROOT
from assistant.reports.narrative import findings
from tests.support.demo_workspace import CALM, CAMPAIGN, SPAM, demo_assistant, offline_report, template_assistant


def _ids(report: WeeklyReport) -> list[str]:
    return [a.id for a in report.actions]


def _md_row(markdown: str, label: str) -> list[str]:
    """The cells of the first Markdown table row whose first cell is ``label``."""
    line = next(line for line in markdown.splitlines() if line.startswith(f"| {label} |"))
    return [cell.strip() for cell in line.strip("|").split(" | ")]


def test_spam_hit_group_report_names_the_incident_with_evidence_and_actions() -> None:
    report = offline_report(SPAM)
    [churn] = report.churn
    assert churn.significant and churn.drivers[0].id == "spam_ads"
    assert churn.drivers[0].evidence and all("兼职" in e["text"] for e in churn.drivers[0].evidence)
    assert _ids(report)[0] == "verify_joins"
    verify = report.actions[0]
    assert "knowledge/07-safe-trading.md › 新成员入群验证" in verify.sources
    assert any("广告刷屏" in reason and "spam_ads" not in reason for reason in verify.reasons)
    assert "广告刷屏" in report.summary.text and "异常上升" in report.summary.text
    markdown = export(report, ".md").decode()
    evidence = churn.drivers[0].evidence[0]
    assert "广告刷屏" in markdown and "收紧入群验证" in markdown
    # the evidence is cited by group, time and sender (what ``history context`` finds it by), not by its raw id
    cited = f"| {evidence['ts']} | {evidence['sender']} |"
    assert any(line.startswith(f"| {SPAM} |") and cited in line for line in markdown.splitlines())
    assert evidence["message_id"] not in markdown
    assert any(f["kind"] == "spam" for f in report.risks)


def test_campaign_group_gets_the_incentive_advice() -> None:
    report = offline_report(CAMPAIGN)
    assert report.churn[0].drivers[0].id == "low_quality_influx"
    [action] = [a for a in report.actions if a.id == "campaign_incentive"]
    assert "knowledge/04-activities.md › 裂变海报的风险与控制" in action.sources


def test_calm_group_report_says_the_exit_change_is_within_normal_variation() -> None:
    report = offline_report(CALM)
    [churn] = report.churn
    assert not churn.significant and churn.drivers == []
    assert "在正常波动范围内" in churn.verdict and "在正常波动范围内" in report.summary.text
    assert "在正常波动范围内" in export(report, ".md").decode()
    assert not {"verify_joins", "campaign_incentive", "scam_response"} & set(_ids(report))
    # Its questions go unanswered: a duty roster per the 1-3-5 rule, citing the complaints playbook.
    [roster] = [a for a in report.actions if a.id == "duty_roster"]
    assert "knowledge/09-complaints.md › 客诉响应的1-3-5规则" in roster.sources


def test_markdown_figures_equal_the_analytics_values() -> None:
    analytics = template_assistant().analytics
    report = offline_report(CALM)
    period = analytics.latest_week(CALM)
    [metrics] = analytics.metrics(period, CALM)
    markdown = export(report, ".md").decode()
    for key in ("exit_rate", "activity_rate", "conversion_rate", "activation_rate"):
        m = metrics.get(key)
        assert _md_row(markdown, m.label)[1:4] == [f"{m.value:.1%}", f"{m.previous:.1%}", f"{m.delta:+.1%}"], key
    for key in ("members_end", "joins", "exits", "unanswered_questions"):
        m = metrics.get(key)
        assert _md_row(markdown, m.label)[1:3] == [f"{m.value:,.0f}", f"{m.previous:,.0f}"], key
    gmv = metrics.get("gmv")
    assert _md_row(markdown, gmv.label)[1] == f"{gmv.value:,.1f}".removesuffix(".0")
    week = next(r for r in analytics.weekly(CALM) if r["week"] == period.label)
    assert _md_row(markdown, period.label)[1:] == [str(week["members"]), str(week["joins"]), str(week["exits"]),
                                                   str(week["messages"])]
    churn = analytics.churn(period, CALM)
    assert f"退群 {churn.exits} 人，期初 {churn.members_start} 人，退群率 {churn.exit_rate:.1%}" in markdown
    at_risk = sum(s.churn_risk for s in analytics.segments(CALM))
    assert _md_row(markdown, "流失预警")[2] == str(at_risk)


def test_question_lists_agree_with_the_metrics_and_the_messages() -> None:
    report = offline_report(CALM)
    [metrics] = template_assistant().analytics.metrics(template_assistant().analytics.latest_week(CALM), CALM)
    assert report.unanswered_total == metrics.get("unanswered_questions").value == len(report.unanswered)
    assert report.questions_total >= metrics.get("unanswered_questions").breakdown["questions"]
    top = report.questions[0]
    assert top.count >= report.questions[1].count >= 2 and is_question(top.text) and top.groups == [CALM]


def test_all_groups_report_covers_each_group_and_merges_actions() -> None:
    report = offline_report()
    analytics = template_assistant().analytics
    overall = analytics.metrics(analytics.latest_week(), None)[-1]
    assert report.scope == "全部群" and report.multi and set(report.groups) == {CALM, CAMPAIGN, SPAM}
    assert report.kpi("exits").value == overall.get("exits").value
    assert {c.group: c.significant for c in report.churn} == {CALM: False, CAMPAIGN: True, SPAM: True}
    actions = {a.id: a for a in report.actions}
    assert actions["verify_joins"].groups == [SPAM] and CAMPAIGN in actions["campaign_incentive"].groups
    assert "| 群 | 期末人数 |" in export(report, ".md").decode()


def test_every_cited_playbook_section_exists_and_quotes_are_verbatim() -> None:
    for key, advice in ADVICE.items():
        for file, section in advice.sources:
            text = (ROOT / "knowledge" / file).read_text(encoding="utf-8")
            assert re.search(rf"^#+ {re.escape(section)}$", text, re.MULTILINE), (key, file, section)
        if advice.quoted:
            text = (ROOT / "knowledge" / advice.sources[0][0]).read_text(encoding="utf-8")
            for sentence in filter(None, advice.detail.split("。")):
                assert sentence in text, (key, sentence)
        assert all(advice.english), key  # every advice reads in English too


def test_every_rule_points_at_an_advice_that_exists() -> None:
    pointed = {*DRIVER_ADVICE.values(), *RISK_ADVICE.values(), *METRIC_ADVICE.values(), "duty_roster", "faq_gaps", "win_back"}
    assert pointed <= set(ADVICE)


def test_an_earlier_week_can_be_chosen_and_a_week_not_over_is_refused() -> None:
    latest = template_assistant().analytics.latest_week()
    earlier = offline_report(SPAM, latest.previous().label)
    assert earlier.week == latest.previous().label and earlier.trend[-1]["week"] == earlier.week
    assert not earlier.churn[0].significant  # the incident is in the latest week only
    with pytest.raises(InputError, match="还没有结束"):
        offline_report(SPAM, week_of(latest.last + (latest.last - latest.first) * 2).label)
    with pytest.raises(InputError, match="YYYY-Www"):
        offline_report(SPAM, "上周")


def test_recurring_questions_become_topics_checked_against_the_playbooks() -> None:
    assistant = demo_assistant()
    week = template_assistant().analytics.latest_week()

    def on(days: int, who: str, line: str) -> str:
        return f"{who} {(week.first + timedelta(days=days)).strftime('%Y/%-m/%-d')} 20:{30 + days:02d}\n{line}"

    asked = [on(-5, "甲", "请问能开发票吗？"), on(1, "乙", "发票怎么开？需要提供什么"), on(2, "丙", "公司报销要发票，可以开吗？"),
             on(3, "丁", "有没有电子发票？"), on(1, "戊", "收到的桃子坏了，签收后多久内可以申请退款？"),
             on(2, "己", "质量问题签收后多久还能退款？"), on(3, "庚", "坏果退款有时间限制吗？")]
    assistant.history.import_text("\n\n".join(asked), group="测试群")
    report = assistant.weekly_report(group="测试群", week=week.label)
    invoice = next(q for q in report.questions if "发票" in q.label)
    refund = next(q for q in report.questions if "退款" in q.label)
    assert (invoice.count, invoice.askers, invoice.recent) == (3, 3, 4)  # one asking was the week before
    assert not invoice.covered and refund.count == 3 and refund.playbook.startswith("knowledge/08-disputes.md")
    faq = next(a for a in report.actions if a.id == "faq_gaps")
    assert any("发票" in reason for reason in faq.reasons) and not any("退款" in reason for reason in faq.reasons)
    markdown = export(report, ".md").decode()
    row = _md_row(markdown, invoice.label)
    assert row[2:4] == ["3", "4"] and row[-1] == "✗ 还没有答案"
    assert _md_row(markdown, refund.label)[-1] == refund.playbook
    assert "发票" in " ".join(findings(report))

def test_content_mix_leaves_at_most_30_percent_as_other_on_the_demo() -> None:
    mix = {m["type"]: m["share"] for m in offline_report().content_mix}
    assert mix.get("其他", 0) <= 0.30 and {"咨询与售后", "简短回应"} <= set(mix)


def test_a_tile_shows_money_from_ten_thousand_on_without_cents() -> None:
    from assistant.reports.dashboard import value_text

    assert [value_text("gmv", v) for v in (13378.1, 1719.4, 59.0)] == ["¥13,378", "¥1,719.40", "¥59"]
    assert value_text("gmv", 1719.4, signed=True) == "+¥1,719.40"
