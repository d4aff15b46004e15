"""The report's summary paragraph: composed from the prompt's offline template, or written by the
chat model from the same figures, fenced as data.

The model only narrates: every number it may use is in the fenced block, computed by the
analytics. If the endpoint fails (after its own retries), or returns nothing, the offline
paragraph is used with a visible notice; a half-written model summary is never kept.
"""

from __future__ import annotations

from ..errors import LLMError
from ..jobs.results import counts_line
from ..llm import OFFLINE, ChatModel, ChatResult
from ..prompts import PromptFile
from ..safety.fence import defuse
from .model import Narrative, WeeklyReport, fmt

HEADLINE = ("members_end", "joins", "exits", "exit_rate", "activity_rate")
FLAGGED = {"watch", "action"}


def write_summary(report: WeeklyReport, prompt: PromptFile, chat: ChatModel) -> Narrative:
    """The summary paragraph for ``report``, by the model when there is one."""
    values = summary_variables(report)
    offline = prompt.render("offline", **values)
    if chat.offline:
        return Narrative(offline, OFFLINE)
    result = ChatResult()
    messages = [("system", prompt.render("system", **values)), ("user", prompt.render("user", **values))]
    try:
        text = "".join(chat.stream(messages, result)).strip()
    except LLMError as exc:
        return Narrative(offline, OFFLINE, f"⚠️ 模型暂时不可用，摘要已改用离线模式生成。原因：{exc}")
    if not text:
        return Narrative(offline, OFFLINE, f"⚠️ 模型 {chat.model_name} 没有返回内容，摘要已改用离线模式生成。")
    return Narrative(text, chat.model_name)


def summary_variables(report: WeeklyReport) -> dict:
    """The prompt's variables: pre-formatted figures, so no template ever does arithmetic. Group
    names and questions come from chat exports, so nothing in them can close a fence."""
    values = {
        "scope": report.scope, "week": report.week, "previous_week": report.previous_week,
        "headline": _headline(report), "churn": _churn(report), "findings": findings(report),
        "actions": [a.title for a in report.actions], "facts": facts(report),
    }
    return {key: _defused(value) for key, value in values.items()}


def _defused(value: object) -> object:
    if isinstance(value, str):
        return defuse(value)
    if isinstance(value, list):
        return [_defused(v) for v in value]
    if isinstance(value, dict):
        return {k: _defused(v) for k, v in value.items()}
    return value


def _headline(report: WeeklyReport) -> list[dict]:
    return [{"label": k.label, "value": fmt(k.value, k.kind),
             "delta": "" if k.delta is None else fmt(k.delta, k.kind, signed=True),
             "status": k.status_label if k.status in FLAGGED else ""}
            for key in HEADLINE if (k := report.kpi(key)).value is not None]


def _churn(report: WeeklyReport) -> list[dict]:
    return [{"group": c.group, "verdict": c.verdict,
             "drivers": [f"{d.label}（可信度{d.confidence}）" for d in c.drivers]} for c in report.churn]


def findings(report: WeeklyReport) -> list[str]:
    """One sentence per finding beyond the KPIs."""
    lines = []
    if report.questions:
        top = "、".join(f"「{q.label}」（{q.count} 次，如“{q.text}”）" for q in report.questions[:3])
        lines.append(f"本周成员提问 {report.questions_total} 条，问得最多的话题是{top}。")
        gaps = [q.label for q in report.questions if report.coverage_checked and not q.covered]
        if gaps:
            lines.append(f"手册和 FAQ 还没有答案的高频话题：{'、'.join(gaps)}。")
    if report.unanswered_total:
        lines.append(f"有 {fmt(report.unanswered_total)} 个提问 24 小时内无人回复。")
    if report.risk_counts:
        lines.append(f"本周风险消息 {sum(report.risk_counts.values())} 条：{counts_line(report.risk_counts)}。")
    if report.outcomes:
        lines.append("订单：" + "，".join(f"{k.label} {fmt(k.value, k.kind)}（上周 {fmt(k.previous, k.kind)}）"
                                          for k in report.outcomes) + "。")
    if report.segments.churn_risk:
        lines.append(f"流失预警名单 {report.segments.churn_risk} 人，需要回访。")
    return lines


def facts(report: WeeklyReport) -> list[str]:
    """The figure lines the model may use: metrics, churn analysis, segments."""
    return [*report.metric_lines, *(line for c in report.churn for line in c.lines), *report.segments.lines]
