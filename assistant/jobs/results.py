"""What a read-only tool returns, and the lines its figures are written as for people.

Its own module so that every producer of a result (the analytics tools in ``jobs/tools.py``, the
history answers in ``conversations/answers.py``) and every reader (the insight job, the weekly
report) depends on it without depending on each other.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..analytics.metrics import RATES, MetricsReport
from ..i18n import colon, label, t
from ..safety.fence import defuse

KEY_METRICS = ("members_end", "joins", "exits", "exit_rate", "activity_rate", "messages_per_day", "conversion_rate",
               "gmv", "activation_rate", "retention_7d", "first_response_minutes", "unanswered_questions")
STATUS = {"healthy": "健康", "watch": "关注", "action": "需处理", "unsupported": "无法计算", "insufficient": "数据不足", "info": ""}


@dataclass
class ToolResult:
    """What a tool returns: the data the model reads (JSON) and a section for people."""

    name: str
    data: dict
    title: str
    lines: list[str] = field(default_factory=list)
    evidence: list[dict] = field(default_factory=list)

    def as_json(self) -> str:
        return json.dumps(self.data, ensure_ascii=False, default=str)

    def section(self) -> dict:
        """For a prompt's data block: names and texts from exports are untrusted, so defused."""
        evidence = [{k: defuse(str(v)) for k, v in e.items()} for e in self.evidence]
        return {"title": defuse(self.title), "lines": [defuse(line) for line in self.lines], "evidence": evidence}


def metric_line(report: MetricsReport, language: str = "zh") -> str:
    """One group's key figures on one line, with the change and the status: ``群：退群率 1.2%（+0.3%）[关注]；…``."""
    parts = []
    for key in KEY_METRICS:
        m = report.get(key)
        if m.value is None:
            continue
        value = f"{m.value:.1%}" if key in RATES else f"{m.value:,.1f}".removesuffix(".0")
        change = None if m.delta is None else (f"{m.delta:+.1%}" if key in RATES else f"{m.delta:+,.1f}".removesuffix(".0"))
        delta = "" if change is None else t("tool.metric.delta", language, delta=change)
        status = t("tool.metric.status", language, status=label("health", m.status, language)) if STATUS.get(m.status) else ""
        parts.append(f"{label('metric', key, language)} {value}{delta}{status}")
    return label("scope", report.group, language) + colon(language) + t("tool.parts", language).join(parts)


def counts_line(counts: dict, language: str = "zh") -> str:
    """``{"广告": 3, "诈骗": 1}`` as ``广告 3，诈骗 1`` (the keys already in ``language``)."""
    return t("tool.list", language).join(f"{k} {v}" for k, v in counts.items())
