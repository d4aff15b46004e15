"""Next week's action list: rules from the week's findings to the advice of our playbooks.

Each finding (a churn driver, a kind of risk flag, unanswered questions, a recurring question the
playbooks do not answer, a metric in "action" status, members on the churn-risk list) points at
one piece of advice, and each advice names the playbook sections it comes from
(``knowledge/<file>.md › <heading>``), so the manager can read the reasoning. The same advice
triggered by several findings or groups becomes one action with all its reasons. A test checks
that every cited section exists and every quoted sentence is still in the playbook. In an English
report the advice is its translation (the playbooks themselves are Chinese). The advice itself is
data, in ``advice.toml``.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from dataclasses import dataclass
from importlib.resources import files

from ..i18n import label, relabel, t
from .model import Action, Kpi, WeeklyReport, fmt


@dataclass(frozen=True)
class Advice:
    title: str
    detail: str
    sources: tuple[tuple[str, str], ...]
    quoted: bool = False  # ``detail`` is verbatim playbook text
    english: tuple[str, str] = ("", "")  # title and detail, translated

    def cited(self) -> list[str]:
        return [f"knowledge/{file} › {section}" for file, section in self.sources]

    def words(self, language: str) -> tuple[str, str]:
        return self.english if language == "en" else (self.title, self.detail)


def _advice(entry: dict) -> Advice:
    zh, en = entry["zh"], entry["en"]
    sources = tuple((file, section) for file, section in entry["sources"])
    english = (en["title"], en["detail"])
    return Advice(zh["title"], zh["detail"], sources, entry.get("quoted", False), english)


# The texts are data a playbook editor maintains beside the playbooks, in both languages at once.
_TABLE = tomllib.loads(files(__package__).joinpath("advice.toml").read_text(encoding="utf-8"))
ADVICE: dict[str, Advice] = {key: _advice(entry) for key, entry in _TABLE.items()}

DRIVER_ADVICE = {"spam_ads": "verify_joins", "low_quality_influx": "campaign_incentive", "scam_incident": "scam_response",
                 "message_overload": "schedule_posts", "unresolved_complaints": "complaints_135",
                 "admin_unresponsive": "duty_roster", "promo_fatigue": "content_mix"}
RISK_ADVICE = {"spam": "verify_joins", "scam": "scam_response", "ad_law": "ad_law", "sensitive": "sensitive",
               "unanswered_complaint": "complaints_135"}
METRIC_ADVICE = {"exit_rate": "metric_exit_rate", "activity_rate": "metric_activity",
                 "conversion_rate": "metric_conversion", "messages_per_day": "schedule_posts"}


class _Plan:
    """Findings collected per advice, in the order they were first raised."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.found: dict[str, tuple[list[str], list[str]]] = {}

    def add(self, advice: str, group: str, reason: str) -> None:
        reasons, groups = self.found.setdefault(advice, ([], []))
        if reason not in reasons:
            reasons.append(reason)
        if group not in groups:
            groups.append(group)

    def actions(self) -> list[Action]:
        return [Action(key, *ADVICE[key].words(self.language), reasons, ADVICE[key].cited(), groups)
                for key, (reasons, groups) in self.found.items()]


def plan(report: WeeklyReport) -> list[Action]:
    """The action list for ``report``, incidents first, then risks, questions, metrics and follow-ups."""
    lang = report.language
    found = _Plan(lang)
    for churn in report.churn:
        for driver in (d for d in churn.drivers if d.id in DRIVER_ADVICE):
            found.add(DRIVER_ADVICE[driver.id], churn.group, t(
                "report.why.driver", lang, group=churn.group, driver=driver.label if lang == "zh" else label("driver", driver.id, lang),
                confidence=relabel("confidence", driver.confidence, lang)))
    flagged = Counter((f["kind"], f["group"], f["label"]) for f in report.risks)
    for (kind, group, name), count in flagged.items():
        if kind in RISK_ADVICE:
            shown = label("risk", kind, lang) if lang == "en" else name
            found.add(RISK_ADVICE[kind], group, t("report.why.risk", lang, group=group, risk=shown, n=count))
    for kpi in report.group_kpis:
        if kpi.key == "unanswered_questions" and kpi.value:
            found.add("duty_roster", kpi.group, t("report.why.unanswered", lang, group=kpi.group, n=fmt(kpi.value)))
    for question in report.questions:
        if report.coverage_checked and not question.covered:
            for group in question.groups:
                found.add("faq_gaps", group, t("report.why.gap", lang, group=group, topic=question.label, n=question.count))
    for kpi in report.group_kpis:
        if kpi.status == "action" and kpi.key in METRIC_ADVICE:
            found.add(METRIC_ADVICE[kpi.key], kpi.group, _metric_reason(report, kpi))
    if report.segments.churn_risk:
        found.add("win_back", report.scope, t("report.why.at_risk", lang, n=report.segments.churn_risk))
    return found.actions()


def _metric_reason(report: WeeklyReport, kpi: Kpi) -> str:
    lang = report.language
    reason = t("report.why.metric", lang, group=kpi.group, metric=kpi.label if lang == "zh" else label("metric", kpi.key, lang),
               value=fmt(kpi.value, kpi.kind), status=kpi.status_label if lang == "zh" else label("health", kpi.status, lang))
    if kpi.key == "exit_rate":
        churn = next((c for c in report.churn if c.group == kpi.group), None)
        if churn and not churn.significant:
            reason += t("report.why.verdict", lang, verdict=churn.verdict_in(lang))
    return reason
