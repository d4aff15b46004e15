"""Assembling the weekly report from the analytics façade, and nothing else.

Every figure in the report is a value some analytics function returned: metrics with their
previous week and health status, the chart series, the churn explainer (through the chat's
``explain_churn`` tool, so the report and the chat word a finding the same way), segments, risk
flags and the week's question topics. This module only selects, groups and orders them.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from ..analytics import Analytics, content
from ..analytics.metrics import MetricsReport
from ..analytics.periods import Period, weeks_ending
from ..conversations.topics import KnowledgeSearch
from ..errors import InputError
from ..jobs.results import KEY_METRICS, metric_line
from ..jobs.tools import ToolBox
from ..i18n import LABELS, label, t
from ..i18n.labels import ALL_GROUPS
from .model import ChurnSummary, DriverSummary, Kpi, Segments, WeeklyReport
from .week_questions import week_questions

ALL = ALL_GROUPS
TREND_WEEKS = 10
OUTCOME_KEYS = ("gmv", "orders", "conversion_rate", "buyer_rate", "refund_rate")
DRIVER_LABELS = {key: label("driver", key) for key in LABELS["driver"]}  # the report is written in Chinese
CONFIDENCE = {key: label("confidence", key) for key in LABELS["confidence"]}


def choose_week(analytics: Analytics, group: str | None, week: str | None, language: str = "zh") -> Period:
    """The ISO week asked for, or the latest complete one. The week the data ends in may be asked
    for (the report marks it incomplete); weeks after it are refused (in ``language``)."""
    latest = analytics.latest_week(group)
    if not week:
        return latest
    period = analytics.period(week=week)
    if period.first > latest.first + timedelta(days=7):
        raise InputError(t("analytics.error.week_not_over", language, week=period.label, latest=latest.label))
    return period


def assemble(analytics: Analytics, period: Period, group: str | None = None,
             search: KnowledgeSearch | None = None, language: str = "zh") -> WeeklyReport:
    """The report's figures for ``group`` (all groups when ``None``) in ``period``; ``search`` (the
    knowledge base's) tells which recurring questions the playbooks and FAQs already answer. The
    figure lines the summary's model reads are in ``language``."""
    reports = analytics.metrics(period, group)
    per_group = [r for r in reports if r.group != ALL or len(reports) == 1]
    scope = reports[-1]  # the "all groups" report comes last when there are several
    tools = ToolBox(analytics, language=language)
    latest = analytics.latest_week(group)
    questions = week_questions(analytics, period, group, search)
    risks = _week_risks(analytics, period, latest, group)
    return WeeklyReport(
        scope=scope.group, groups=[r.group for r in per_group], week=period.label,
        first_day=period.first.isoformat(), last_day=period.last.isoformat(), previous_week=scope.previous.label,
        complete=period.first <= latest.first,
        kpis=[Kpi.of(scope.group, scope.get(k)) for k in KEY_METRICS],
        group_kpis=[Kpi.of(r.group, r.get(k)) for r in per_group for k in KEY_METRICS],
        outcomes=_outcomes(scope), trend=_trend(analytics, period, latest, group), content_mix=_content_mix(scope),
        churn=[_churn(tools, r.group, period) for r in per_group],
        questions=questions.top(), questions_total=questions.total, coverage_checked=search is not None,
        unanswered=questions.unanswered, unanswered_total=scope.get("unanswered_questions").value,
        risks=risks, risk_counts=dict(Counter(f["label"] for f in risks)), segments=_segments(tools, group),
        metric_lines=[metric_line(r, language) for r in reports],
    )


def _outcomes(report: MetricsReport) -> list[Kpi]:
    """Order figures, when orders were imported for the scope."""
    keys = {m.key for m in report.metrics}
    if report.get("gmv").status == "unsupported":
        return []
    return [Kpi.of(report.group, report.get(k)) for k in OUTCOME_KEYS if k in keys]


def _trend(analytics: Analytics, period: Period, latest: Period, group: str | None) -> list[dict]:
    """Members, joins, exits and messages per week for the ten weeks ending with ``period``."""
    labels = [p.label for p in weeks_ending(period.last, TREND_WEEKS)]
    back = (latest.first - period.first).days // 7 + 1  # the series ends with the newest data
    rows = [r for r in analytics.weekly(group, TREND_WEEKS + back) if r["week"] in labels]
    trend = []
    for week_label in labels:
        week = [r for r in rows if r["week"] == week_label]
        exits = [r["exits"] for r in week if r["exits"] is not None]
        trend.append({"week": week_label, "members": sum(r["members"] for r in week), "joins": sum(r["joins"] for r in week),
                      "exits": sum(exits) if exits else None, "messages": sum(r["messages"] for r in week)})
    return trend


def _content_mix(report: MetricsReport) -> list[dict]:
    shares = report.get("content_mix").breakdown
    recommended = {content.LABELS[k]: v for k, v in content.RECOMMENDED.items()}
    return [{"type": label, "share": share, "recommended": recommended.get(label)} for label, share in shares.items()]


def _churn(tools: ToolBox, group: str, period: Period) -> ChurnSummary:
    result = tools.churn(group=group, week=period.label)
    data = result.data
    drivers = [DriverSummary(d["id"], DRIVER_LABELS.get(d["id"], d["id"]), CONFIDENCE.get(d["confidence"], d["confidence"]),
                             d["explanation"], d["confirm"], d["evidence"], d["explanation_en"], d["confirm_en"])
               for d in data["drivers"]]
    return ChurnSummary(group, data["exits"], data["members_start"], data["exit_rate"], data["baseline_rate"],
                        data["significant"], data["verdict"], drivers, data["segments"][:3], result.lines, data["note"],
                        data["finding"], data["not_judged"], data["verdict_en"], data["note_en"], data["finding_en"])


def _week_risks(analytics: Analytics, period: Period, latest: Period, group: str | None) -> list[dict]:
    """Risk flags raised during ``period`` (the flags look back from each group's last data)."""
    days = (latest.last - period.first).days + 14
    first, last = period.first.isoformat(), period.last.isoformat()
    flags = [f.to_dict() for f in analytics.risks(group, days)]
    return sorted((f for f in flags if first <= f["ts"][:10] <= last), key=lambda f: (f["group"], f["ts"]))


def _segments(tools: ToolBox, group: str | None) -> Segments:
    result = tools.segments(group=group)
    counts = result.data["summary"]
    return Segments(counts["stage"], counts["tier"], counts["churn_risk"]["流失预警"],
                    result.data["churn_risk_examples"], result.lines)
