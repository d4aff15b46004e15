"""Deciding what a chat question needs: the playbooks, or the numbers of the imported groups.

Operators ask both kinds in one box: "退群率多少算正常？" is a playbook question; "为什么上周退群率
上升了？" and "哪个群最活跃？" are questions about their own groups and must be answered from the
analytics, never from the model's arithmetic. The router also picks up the group and week a
question names ("3群", "上周", "2026-W07").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PLAYBOOK, METRICS, CHURN, SEGMENTS, RISKS = "playbook", "metrics", "churn", "segments", "risks"

_WHY = re.compile(r"为什么|为啥|怎么回事|原因|咋回事|why", re.I)
_EXITS = re.compile(r"退群|流失|掉人|掉粉|走了|离开|churn", re.I)
_OURS = re.compile(r"我们|我的|咱们|这周|本周|上周|上上周|最近|近期|哪个群|各群|每个群|群里|\d+群|[Ww]\d{1,2}")
_METRICS = re.compile(r"活跃|转化|留存|成交|GMV|退款|新人|响应|多少人|人数|消息量|数据|指标|表现|最活跃|排名", re.I)
_SEGMENTS = re.compile(r"分层|沉默用户|流失预警|高价值|核心用户|哪些人|名单")
_RISKS = re.compile(r"风险|广告|诈骗|骗子|违规|敏感词|投诉没人")
_WEEK = re.compile(r"(\d{4})-?[Ww](\d{1,2})")
# "多少算正常" asks for the norm (playbook); "怎么样 / 哪个群 / 上周" asks for our current value.
_NORM = re.compile(r"算正常|正常吗|[低高]于多少|超过多少|多少.{0,2}(?:要|需|该)|标准|健康线|阈值|怎么算|公式|如何|怎么(?:做|提高|提升|设计|写|处理|办)|应该|技巧|方法|是什么")
_CURRENT = re.compile(r"怎么样|如何了|多少(?!算)|哪个|哪些群|最(?:活跃|高|低|好|差)|趋势|变化|排名|现在|目前")


@dataclass(frozen=True)
class Route:
    kind: str
    group: str | None = None
    week: str | None = None  # an ISO week label, or None for the latest complete week
    weeks_back: int = 0  # 上周 = the latest complete week (0), 上上周 = 1


def route(question: str, group_names: list[str]) -> Route:
    """The route for ``question`` given the names of the imported groups (empty when none)."""
    group = _group(question, group_names)
    asks_current = bool(_CURRENT.search(question)) and not _NORM.search(question)
    about_ours = bool(group) or bool(_OURS.search(question)) or asks_current
    week, back = _week(question)
    if not group_names or not about_ours:
        return Route(PLAYBOOK)
    if _EXITS.search(question) and (_WHY.search(question) or "上升" in question or "变多" in question):
        return Route(CHURN, group, week, back)
    if _RISKS.search(question):
        return Route(RISKS, group, week, back)
    if _SEGMENTS.search(question):
        return Route(SEGMENTS, group, week, back)
    if _METRICS.search(question) or _EXITS.search(question):
        return Route(METRICS, group, week, back)
    return Route(PLAYBOOK)


def _group(question: str, names: list[str]) -> str | None:
    for name in sorted(names, key=len, reverse=True):
        core = re.sub(r"[（(].*?[)）]", "", name)  # 幸福里团购群（示例） is asked about as 幸福里团购群
        if name in question or (len(core) >= 2 and core in question):
            return name
    number = re.search(r"(\d+)群", question)
    if number:
        return next((n for n in names if f"{number.group(1)}群" in n), None)
    return None


def _week(question: str) -> tuple[str | None, int]:
    match = _WEEK.search(question)
    if match:
        return f"{match.group(1)}-W{int(match.group(2)):02d}", 0
    return None, 1 if "上上周" in question else 0
