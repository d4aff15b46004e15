"""The report's summary paragraph: composed from the prompt's offline template, or written by the
chat model from the same figures, fenced as data.

The model only narrates: every number it may use is in the fenced block, computed by the
analytics. If the endpoint fails (after its own retries), or returns nothing, the offline
paragraph is used with a visible notice; a half-written model summary is never kept.
"""

from __future__ import annotations

from ..errors import LLMError
from ..i18n import label, relabel, t
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
        return Narrative(offline, OFFLINE, t("report.notice.down", report.language, error=exc))
    if not text:
        return Narrative(offline, OFFLINE, t("report.notice.empty", report.language, model=chat.model_name))
    return Narrative(text, chat.model_name)


def summary_variables(report: WeeklyReport) -> dict:
    """The prompt's variables: pre-formatted figures, so no template ever does arithmetic. Group
    names and questions come from chat exports, so nothing in them can close a fence."""
    values = {
        "language": report.language, "scope": report.scope_name, "week": report.week, "previous_week": report.previous_week,
        "headline": _headline(report), "churn": _churn(report), "findings": findings(report),
        "actions": [a.title for a in report.actions], "facts": facts(report),
    }
    return {key: value if key == "language" else _defused(value) for key, value in values.items()}


def _defused(value: object) -> object:
    if isinstance(value, str):
        return defuse(value)
    if isinstance(value, list):
        return [_defused(v) for v in value]
    if isinstance(value, dict):
        return {k: _defused(v) for k, v in value.items()}
    return value


def _headline(report: WeeklyReport) -> list[dict]:
    lang = report.language
    return [{"label": label("metric", k.key, lang), "value": fmt(k.value, k.kind),
             "delta": "" if k.delta is None else fmt(k.delta, k.kind, signed=True),
             "status": label("health", k.status, lang) if k.status in FLAGGED else ""}
            for key in HEADLINE if (k := report.kpi(key)).value is not None]


def _churn(report: WeeklyReport) -> list[dict]:
    lang = report.language
    return [{"group": c.group, "verdict": c.verdict_in(lang),
             "drivers": [t("report.f.driver", lang, label=label("driver", d.id, lang),
                           confidence=relabel("confidence", d.confidence, lang)) for d in c.drivers]}
            for c in report.churn]


def findings(report: WeeklyReport) -> list[str]:
    """One sentence per finding beyond the KPIs."""
    lang = report.language
    sep = "、" if lang == "zh" else ", "
    lines = []
    if report.questions:
        top = sep.join(t("report.f.topic", lang, label=q.label, count=q.count, text=q.text) for q in report.questions[:3])
        lines.append(t("report.f.questions", lang, n=report.questions_total, top=top))
        gaps = [q.label for q in report.questions if report.coverage_checked and not q.covered]
        if gaps:
            lines.append(t("report.f.gaps", lang, topics=sep.join(gaps)))
    if report.unanswered_total:
        lines.append(t("report.f.unanswered", lang, n=fmt(report.unanswered_total)))
    if report.risk_counts:
        counts = {relabel("risk", k, lang): v for k, v in report.risk_counts.items()}
        lines.append(t("report.f.risks", lang, n=sum(counts.values()),
                       counts=counts_line(counts, lang)))
    if report.outcomes:
        items = [t("report.f.order", lang, label=label("metric", k.key, lang), value=fmt(k.value, k.kind),
                   previous=fmt(k.previous, k.kind)) for k in report.outcomes]
        lines.append(t("report.f.orders", lang, items=("，" if lang == "zh" else "; ").join(items)))
    if report.segments.churn_risk:
        lines.append(t("report.f.at_risk", lang, n=report.segments.churn_risk))
    return lines


def facts(report: WeeklyReport) -> list[str]:
    """The figure lines the model may use: metrics, churn analysis, segments."""
    return [*report.metric_lines, *(line for c in report.churn for line in c.lines), *report.segments.lines]
