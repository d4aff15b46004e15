"""Read-only tools over the analytics, offered to the chat model (and run directly offline).

A tool returns the data the model reads (JSON) and a section for people (title, lines, evidence).
None of them writes anything: whatever the text of a chat export says, calling a tool can only
read numbers. Names the model passes are checked against the imported groups.
"""

from __future__ import annotations

from inspect import signature

from ..analytics import Analytics
from ..i18n import label
from ..i18n.labels import ALL_GROUPS
from ..analytics.metrics import MetricsReport
from ..analytics.periods import Period
from ..analytics.segments import summary
from ..conversations.answers import routed
from ..conversations.questions import NAME as HISTORY_TOOL
from ..conversations.questions import group_argument
from ..conversations.questions import spec as history_spec
from ..errors import AssistantError
from .results import KEY_METRICS, ToolResult, counts_line, metric_line

__all__ = ["KEY_METRICS", "ToolBox", "ToolResult", "specs"]


_ARGUMENTS = ("group", "week", "question")  # what a model may pass; anything else is dropped
_WEEK = {"type": "string", "description": "ISO 周，例如 2026-W07（不填表示最近一个完整周）"}
_TOOLS = {  # name: (what it answers, whether it takes a week)
    "get_metrics": ("某周各群的运营指标（人数、入群、退群率、活跃度、转化率、GMV、新人激活、响应时间）及与上周对比、健康状态。", True),
    "explain_churn": ("分析某周退群是否异常上升、哪些人离开、可能原因及证据消息。", True),
    "get_segments": ("成员生命周期分层、价值分层和流失预警人数。", False),
    "get_risks": ("近 4 周的风险消息：广告、诈骗、广告法用语、敏感词、未回应投诉。", False),
}


def specs(language: str = "zh") -> list[dict]:
    """The tools as the chat model is offered them (the ``group`` argument says "every group" in ``language``)."""
    group = group_argument(language)
    return [{"type": "function", "function": {"name": name, "description": description, "parameters": {
                "type": "object", "properties": {"group": group, **({"week": _WEEK} if weekly else {})}}}}
            for name, (description, weekly) in _TOOLS.items()] + [history_spec(language)]



class ToolBox:
    """Runs the tools against one :class:`Analytics`."""

    def __init__(self, analytics: Analytics, conversations=None) -> None:  # noqa: ANN001 - Conversations | None
        self.analytics = analytics
        self.conversations = conversations

    def call(self, name: str, args: dict) -> ToolResult:
        """Run tool ``name``; a bad argument comes back as an error result, never an exception."""
        runners = {"get_metrics": self.metrics, "explain_churn": self.churn, "get_segments": self.segments,
                   "get_risks": self.risks, HISTORY_TOOL: self.history}
        if name not in runners:
            return ToolResult(name, {"error": f"没有名为 {name} 的工具"}, "工具错误")
        runner = runners[name]
        accepted = {k: v for k, v in args.items() if k in _ARGUMENTS and k in signature(runner).parameters and v}
        wrong = [k for k, v in accepted.items() if not isinstance(v, str)]
        if wrong:
            return ToolResult(name, {"error": f"参数 {', '.join(wrong)} 应为文本"}, "工具错误")
        try:
            return runner(**accepted)
        except AssistantError as exc:
            return ToolResult(name, {"error": str(exc)}, "无法取得数据", [str(exc)])

    def _period(self, week: str | None, group: str | None, back: int = 0) -> Period:
        return self.analytics.period(week=week, group=group).back(back)

    def history(self, question: str = "", group: str | None = None, week: str | None = None, back: int = 0) -> ToolResult:
        """What was said or asked in the groups, with the messages (conversation index + store)."""

        if self.conversations is None or not question:
            return ToolResult(HISTORY_TOOL, {"error": "没有可查询的群聊记录"}, "无法取得数据", ["没有可查询的群聊记录。"])
        return routed(self.conversations, self.analytics, question, group, week, back)

    def metrics(self, group: str | None = None, week: str | None = None, back: int = 0) -> ToolResult:
        reports = self.analytics.metrics(self._period(week, group, back), group)
        data = {"reports": [_compact(r) for r in reports]}
        lines = [metric_line(r) for r in reports]
        if len(reports) > 1:
            ranked = sorted((r for r in reports if r.group != ALL_GROUPS and r.get("activity_rate").value is not None),
                            key=lambda r: r.get("activity_rate").value, reverse=True)
            if ranked:
                lines.append(f"活跃度最高的是 {ranked[0].group}（{ranked[0].get('activity_rate').value:.1%}）。")
        return ToolResult("get_metrics", data, f"{reports[0].period.label} 运营指标（对比 {reports[0].previous.label}）", lines)

    def churn(self, group: str | None = None, week: str | None = None, back: int = 0) -> ToolResult:
        report = self.analytics.churn(self._period(week, group, back), group)
        data = report.to_dict()
        rate = "—" if report.exit_rate is None else f"{report.exit_rate:.1%}"
        baseline = "—" if report.baseline_rate is None else f"{report.baseline_rate:.1%}"
        lines = [f"{report.group} {report.period.label}：退群 {report.exits} 人，期初 {report.members_start} 人，退群率 {rate}（基线 {baseline}）。",
                 report.verdict.reason]
        evidence: list[dict] = []
        for n, driver in enumerate(report.drivers, start=1):
            lines.append(f"原因{n}（{label('driver', driver.id)}，可信度 {label('confidence', driver.confidence)}）：{driver.explanation} 如何确认：{driver.confirm}")
            evidence += [e.to_dict() for e in driver.evidence]
        if report.finding():
            lines.append(report.finding())
        lines += [f"未能判断（{n.id}）：{n.reason}" for n in report.not_judged]
        lines += [f"{a['group']} 的管理员按行为推断：" + "；".join(f"{x['name']}（{'，'.join(x['reasons'])}）" for x in a["admins"])
                  for a in report.admins if a["basis"] == "inferred"]
        for segment in report.segments[:3]:
            lines.append(f"退群集中：{segment.to_dict()['dimension_label']}「{segment.value}」{segment.exits} 人（该组期初 {segment.members} 人）。")
        return ToolResult("explain_churn", data, f"{report.group} {report.period.label} 退群分析", lines, evidence)

    def segments(self, group: str | None = None, week: str | None = None, back: int = 0) -> ToolResult:
        rows = self.analytics.segments(group)
        counts = summary(rows)
        risky = [r.name for r in rows if r.churn_risk][:10]
        lines = [f"生命周期：{counts_line(counts['stage'])}", f"价值分层：{counts_line(counts['tier'])}",
                 f"流失预警 {counts['churn_risk']['流失预警']} 人" + (f"，例如 {'、'.join(risky)}" if risky else "")]
        return ToolResult("get_segments", {"summary": counts, "churn_risk_examples": risky}, "成员分层", lines)

    def risks(self, group: str | None = None, week: str | None = None, back: int = 0) -> ToolResult:
        flags = self.analytics.risks(group)
        kinds: dict[str, int] = {}
        for f in flags:
            kinds[f.label] = kinds.get(f.label, 0) + 1
        lines = [f"近 4 周风险消息 {len(flags)} 条：{counts_line(kinds)}" if flags else "近 4 周没有发现风险消息。"]
        evidence = [{"message_id": f.message_id, "ts": f.ts, "sender": f.sender, "text": f"[{f.label}] {f.text}", "group": f.group}
                    for f in flags[:8]]
        return ToolResult("get_risks", {"counts": kinds, "flags": evidence}, "风险提醒", lines, evidence)


def _compact(report: MetricsReport) -> dict:
    return {"group": report.group, "period": report.period.label, "previous_period": report.previous.label,
            "metrics": {k: {"value": m.value, "previous": m.previous, "status": m.status, "note": m.note}
                        for k in KEY_METRICS if (m := report.get(k))}}
