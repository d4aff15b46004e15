"""Read-only tools over the analytics, offered to the chat model (and run directly offline).

A tool returns the data the model reads (JSON) and a section for people (title, lines, evidence).
None of them writes anything: whatever the text of a chat export says, calling a tool can only
read numbers. Names the model passes are checked against the imported groups.
"""

from __future__ import annotations

from collections import Counter
from inspect import signature

from ..analytics import Analytics
from ..i18n import label, t
from ..i18n.labels import ALL_GROUPS
from ..analytics.metrics import MetricsReport
from ..analytics.periods import Period
from ..analytics.admins import admins_text
from ..analytics.evidence import Evidence
from ..analytics.segments import summary
from ..conversations.answers import routed
from ..conversations.questions import NAME as HISTORY_TOOL
from ..conversations.questions import group_argument
from ..conversations.questions import spec as history_spec
from ..errors import AssistantError
from .results import KEY_METRICS, ToolResult, counts_line, metric_line

__all__ = ["KEY_METRICS", "ToolBox", "ToolResult", "specs"]


_ARGUMENTS = ("group", "week", "question")  # what a model may pass; anything else is dropped
_TOOLS = {"get_metrics": True, "explain_churn": True, "get_segments": False, "get_risks": False}  # name: takes a week


def specs(language: str = "zh") -> list[dict]:
    """The tools as the chat model is offered them, described in ``language``."""
    group, week = group_argument(language), {"type": "string", "description": t("tool.week", language)}
    return [{"type": "function", "function": {"name": name, "description": t(f"tool.{name}", language), "parameters": {
                "type": "object", "properties": {"group": group, **({"week": week} if weekly else {})}}}}
            for name, weekly in _TOOLS.items()] + [history_spec(language)]


class ToolBox:
    """Runs the tools against one :class:`Analytics`; titles, lines and errors are in ``language``
    (the data the model reads keeps its keys whatever the language)."""

    def __init__(self, analytics: Analytics, conversations=None, language: str = "zh") -> None:  # noqa: ANN001 - Conversations | None
        self.analytics = analytics
        self.conversations = conversations
        self.language = language

    def _t(self, key: str, **values: object) -> str:
        return t(f"tool.{key}", self.language, **values)

    def call(self, name: str, args: dict) -> ToolResult:
        """Run tool ``name``; a bad argument comes back as an error result, never an exception."""
        runners = {"get_metrics": self.metrics, "explain_churn": self.churn, "get_segments": self.segments,
                   "get_risks": self.risks, HISTORY_TOOL: self.history}
        if name not in runners:
            return ToolResult(name, {"error": self._t("error.unknown", name=name)}, self._t("error.title"))
        runner = runners[name]
        accepted = {k: v for k, v in args.items() if k in _ARGUMENTS and k in signature(runner).parameters and v}
        wrong = [k for k, v in accepted.items() if not isinstance(v, str)]
        if wrong:
            return ToolResult(name, {"error": self._t("error.not_text", names=", ".join(wrong))}, self._t("error.title"))
        try:
            return runner(**accepted)
        except AssistantError as exc:
            return ToolResult(name, {"error": str(exc)}, self._t("error.no_data"), [str(exc)])

    def _period(self, week: str | None, group: str | None, back: int = 0) -> Period:
        return self.analytics.period(week=week, group=group).back(back)

    def _group(self, name: str) -> str:
        return label("scope", name, self.language)  # "全部群" is every group's scope; a real name stays as it is

    def history(self, question: str = "", group: str | None = None, week: str | None = None, back: int = 0) -> ToolResult:
        """What was said or asked in the groups, with the messages (conversation index + store)."""

        if self.conversations is None or not question:
            return ToolResult(HISTORY_TOOL, {"error": self._t("error.no_history")}, self._t("error.no_data"),
                              [self._t("error.no_history_line")])
        return routed(self.conversations, self.analytics, question, group, week, back, self.language)

    def metrics(self, group: str | None = None, week: str | None = None, back: int = 0) -> ToolResult:
        reports = self.analytics.metrics(self._period(week, group, back), group)
        data = {"reports": [_compact(r) for r in reports]}
        lines = [metric_line(r, self.language) for r in reports]
        if len(reports) > 1:
            ranked = sorted((r for r in reports if r.group != ALL_GROUPS and r.get("activity_rate").value is not None),
                            key=lambda r: r.get("activity_rate").value, reverse=True)
            if ranked:
                lines.append(self._t("metrics.top", group=ranked[0].group, rate=f"{ranked[0].get('activity_rate').value:.1%}"))
        title = self._t("metrics.title", week=reports[0].period.label, previous=reports[0].previous.label)
        return ToolResult("get_metrics", data, title, lines)

    def churn(self, group: str | None = None, week: str | None = None, back: int = 0) -> ToolResult:
        report = self.analytics.churn(self._period(week, group, back), group)
        lang, name = self.language, self._group(report.group)
        rate = "—" if report.exit_rate is None else f"{report.exit_rate:.1%}"
        baseline = "—" if report.baseline_rate is None else f"{report.baseline_rate:.1%}"
        lines = [self._t("churn.line", group=name, week=report.period.label, exits=report.exits,
                         start=report.members_start, rate=rate, baseline=baseline), report.verdict.text(lang)]
        evidence: list[dict] = []
        for n, driver in enumerate(report.drivers, start=1):
            lines.append(self._t("churn.driver", n=n, driver=label("driver", driver.id, lang),
                                 confidence=label("confidence", driver.confidence, lang),
                                 explanation=driver.explain(lang), confirm=driver.how_to_confirm(lang)))
            evidence += [self._evidence(e) for e in driver.evidence]
        if report.finding(lang):
            lines.append(report.finding(lang))
        lines += [self._t("churn.not_judged", id=n.id, reason=n.text(lang))
                  for n in report.not_judged]
        lines += [self._admins(a) for a in report.admins if a["basis"] == "inferred"]
        for segment in report.segments[:3]:
            lines.append(self._t("churn.segment", dimension=label("dimension", segment.dimension, lang),
                                 value=segment.value_in(lang), exits=segment.exits, members=segment.members))
        title = self._t("churn.title", group=name, week=report.period.label)
        return ToolResult("explain_churn", report.to_dict(), title, lines, evidence)  # the same data in either language

    def _evidence(self, e: Evidence) -> dict:
        """A piece of evidence for people: in English a join or exit sentence of ours is English and a
        system sender (``qr``, ``system``) is named (Chinese shows them as it always did)."""
        if self.language == "zh":
            return e.to_dict()
        return {**e.to_dict(), "sender": label("sender", e.sender, self.language), "text": e.text_in(self.language)}

    def _admins(self, found: dict) -> str:
        """One group's inferred admins, each with why."""
        return self._t("churn.admins", group=found["group"], admins=admins_text(found["admins"], self.language))

    def segments(self, group: str | None = None, week: str | None = None, back: int = 0) -> ToolResult:
        rows = self.analytics.segments(group)
        counts = summary(rows)
        risky = [r.name for r in rows if r.churn_risk][:10]

        def line(kind: str) -> str:
            return counts_line({label("stage", k, self.language): v for k, v in counts[kind].items()}, self.language)

        at_risk = self._t("segments.at_risk", n=counts["churn_risk"]["流失预警"])
        lines = [self._t("segments.stage", counts=line("stage")), self._t("segments.tier", counts=line("tier")),
                 at_risk + (self._t("segments.examples", names=self._t("names").join(risky)) if risky else "")]
        return ToolResult("get_segments", {"summary": counts, "churn_risk_examples": risky}, self._t("segments.title"), lines)

    def risks(self, group: str | None = None, week: str | None = None, back: int = 0) -> ToolResult:
        flags = self.analytics.risks(group)
        kinds, shown = Counter(f.label for f in flags), Counter(label("risk", f.kind, self.language) for f in flags)
        lines = [self._t("risks.line", n=len(flags), counts=counts_line(shown, self.language)) if flags
                 else self._t("risks.none")]
        flagged = [{"message_id": f.message_id, "ts": f.ts, "sender": f.sender, "text": f"[{f.label}] {f.text}", "group": f.group}
                   for f in flags[:8]]
        evidence = [{**e, "text": f"[{label('risk', f.kind, self.language)}] {f.text}"} for e, f in zip(flagged, flags)]
        return ToolResult("get_risks", {"counts": dict(kinds), "flags": flagged}, self._t("risks.title"), lines, evidence)


def _compact(report: MetricsReport) -> dict:
    return {"group": report.group, "period": report.period.label, "previous_period": report.previous.label,
            "metrics": {k: {"value": m.value, "previous": m.previous, "status": m.status, "note": m.note}
                        for k in KEY_METRICS if (m := report.get(k))}}
