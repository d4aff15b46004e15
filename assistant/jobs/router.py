"""Deciding what a chat question needs: the playbooks, or the numbers of the imported groups.

Operators ask both kinds in one box: "退群率多少算正常？" is a playbook question; "为什么上周退群率
上升了？" and "哪个群最活跃？" are questions about their own groups and must be answered from the
analytics, never from the model's arithmetic. The router also picks up the group and week a
question names ("3群", "上周", "2026-W07").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..conversations.questions import is_history_question

PLAYBOOK, METRICS, CHURN, SEGMENTS, RISKS, DRAFT = "playbook", "metrics", "churn", "segments", "risks", "draft"
HISTORY = "history"  # what was said or asked in the groups (answered from the conversation index)
DIGEST = "digest"  # what happened in the groups on a day (the 群日报)

# Asking for a text to paste is a drafting job, whatever else the question mentions.
_DRAFTS = (
    ("complaint", re.compile(r"(?:回复|回应|怎么回|答复).{0,8}(?:投诉|差评|客诉)|(?:投诉|差评|客诉).{0,6}(?:怎么回|回复一下|帮我回)")),
    ("dispute", re.compile(r"(?:纠纷|争议|扯皮).{0,10}(?:总结|整理|梳理)|(?:总结|整理|梳理).{0,8}(?:纠纷|争议|扯皮)")),
    ("announcement", re.compile(r"(?:写|起草|拟|出)(?:一?[份个条篇])?.{0,6}(?:群公告|公告|通知)")),
    ("rules", re.compile(r"(?:写|起草|拟|定|制定|出)(?:一?[份个套])?.{0,6}群规")),
    ("activity", re.compile(r"(?:策划|方案|设计|搞|办|做)(?:一?[份个场次])?.{0,8}(?:拼团|秒杀|裂变|海报|积分|打卡|接龙)|(?:拼团|秒杀|裂变|积分兑换|打卡|接龙).{0,6}(?:活动方案|方案|策划)")),
)
ACTIVITY_KINDS = (("拼团", "拼团秒杀"), ("秒杀", "拼团秒杀"), ("裂变", "裂变海报"), ("海报", "裂变海报"),
                  ("积分", "积分兑换"), ("打卡", "打卡挑战"), ("接龙", "接龙"))
PURPOSES = (("新品", "新品"), ("上新", "新品"), ("放假", "节假日"), ("节假日", "节假日"), ("春节", "节假日"),
            ("国庆", "节假日"), ("群规", "群规变更"), ("活动", "活动"), ("秒杀", "活动"), ("拼团", "活动"))

_WHY = re.compile(r"为什么|为啥|怎么回事|原因|咋回事|why", re.I)
_EXITS = re.compile(r"退群|流失|掉人|掉粉|走了|离开|churn", re.I)
_OURS = re.compile(r"我们|我的|咱们|这周|本周|上周|上上周|最近|近期|哪个群|各群|每个群|群里|\d+群|[Ww]\d{1,2}")
_METRICS = re.compile(r"活跃|转化|留存|成交|GMV|退款|新人|响应|多少人|人数|消息量|数据|指标|表现|最活跃|排名", re.I)
_SEGMENTS = re.compile(r"分层|沉默用户|流失预警|高价值|核心用户|哪些人|名单")
_RISKS = re.compile(r"风险|广告|诈骗|骗子|违规|敏感词|投诉没人")
_WEEK = re.compile(r"(\d{4})-?[Ww](\d{1,2})")
_DIGEST = re.compile(r"群日报|日报|群聊总结|群总结|今日总结|(?:昨天|今天|前天|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}月\d{1,2}[日号])"
                     r".{0,8}(?:发生了?什么|聊了?(?:些)?什么|有什么事|有啥事|(?:群|各群).{0,4}(?:怎么样|情况))"
                     r"|(?i:what happened|daily digest|group digest)")
_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})月(\d{1,2})[日号]")
# "多少算正常" asks for the norm (playbook); "怎么样 / 哪个群 / 上周" asks for our current value.
_NORM = re.compile(r"算正常|正常吗|[低高]于多少|超过多少|多少.{0,2}(?:要|需|该)|标准|健康线|阈值|怎么算|公式|如何|怎么(?:做|提高|提升|设计|写|处理|办)|应该|技巧|方法|是什么")
_CURRENT = re.compile(r"怎么样|如何了|多少(?!算)|哪个|哪些群|最(?:活跃|高|低|好|差)|趋势|变化|排名|现在|目前")


@dataclass(frozen=True)
class Route:
    kind: str
    group: str | None = None
    week: str | None = None  # an ISO week label, or None for the latest complete week
    weeks_back: int = 0  # 上周 = the latest complete week (0), 上上周 = 1
    job: str | None = None  # for drafts: which drafting job
    fields: tuple[tuple[str, str], ...] = ()
    text: str = ""  # for drafts: the material after the request (a pasted complaint …)


def route(question: str, group_names: list[str]) -> Route:
    """The route for ``question`` given the names of the imported groups (empty when none)."""
    group = _group(question, group_names)
    for job, pattern in _DRAFTS:
        if pattern.search(question):
            return Route(DRAFT, group, job=job, fields=_draft_fields(job, question), text=_material(question))
    if pasted := pasted_complaint(question):
        return Route(DRAFT, group, job="complaint", text=pasted)
    if group_names and _DIGEST.search(question):
        return Route(DIGEST, group, fields=(("day", _day(question)),))
    asks_current = bool(_CURRENT.search(question)) and not _NORM.search(question)
    about_ours = bool(group) or bool(_OURS.search(question)) or asks_current
    week, back = _week(question)
    if not group_names or not (about_ours or is_history_question(question)):
        return Route(PLAYBOOK)
    if _EXITS.search(question) and (_WHY.search(question) or "上升" in question or "变多" in question):
        return Route(CHURN, group, week, back)
    if is_history_question(question):
        return Route(HISTORY, group, week, back)
    if _RISKS.search(question):
        return Route(RISKS, group, week, back)
    if _SEGMENTS.search(question):
        return Route(SEGMENTS, group, week, back)
    if _METRICS.search(question) or _EXITS.search(question):
        return Route(METRICS, group, week, back)
    return Route(PLAYBOOK)


# A customer's own words: a grievance in the first or second person ("我买的…", "你们…"), not an
# operator's question about handling one ("客户说橙子烂了怎么处理？" is a playbook question).
_GRIEVANCE = re.compile(r"烂|坏了|变质|发霉|不新鲜|破损|少发|漏发|发错|没到|还没发|没收到|退款|退钱|赔|骗|假货|态度|不理人|没人回|太差|垃圾|坑人")
_CUSTOMER_VOICE = re.compile(r"我(?:买|收到|订|下单|要|家|的订单|付)|你们|给我|[！!]{1,}|再不|12315|差评")
_OPERATOR_ASKS = re.compile(r"怎么(?:处理|办|回|应对|说)|如何|应该|该怎么|怎样|有什么办法|[?？]\s*$")
_QUOTED = re.compile(r"^(?:客户|顾客|买家|群友|有人|成员)(?:投诉|说|发来|反馈)?(?:了|的)?[：:]\s*(?P<text>.+)$", re.S)


def pasted_complaint(question: str) -> str | None:
    """The complaint itself when ``question`` is one pasted in ("买的橙子烂了一半，你们必须退款！",
    or "客户说：…"), else ``None``."""
    text = question.strip()
    quoted = _QUOTED.match(text)
    if quoted:
        body = quoted.group("text").strip()
        return body if _GRIEVANCE.search(body) else None
    if len(text) < 8 or not _GRIEVANCE.search(text) or not _CUSTOMER_VOICE.search(text):
        return None
    return None if _OPERATOR_ASKS.search(text) else text


def _draft_fields(job: str, question: str) -> tuple[tuple[str, str], ...]:
    if job == "activity":
        return (("kind", next((kind for word, kind in ACTIVITY_KINDS if word in question), "拼团秒杀")),)
    if job == "announcement":
        return (("purpose", next((p for word, p in PURPOSES if word in question), "通知")),)
    return ()


def _material(question: str) -> str:
    """What follows the request itself: ``帮我回复这个投诉：<complaint>`` → ``<complaint>``."""
    match = re.search(r"[:：\n]", question)
    return question[match.end():].strip() if match else ""


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


def _day(question: str) -> str:
    """``yesterday`` / ``today`` / ``before_yesterday`` or a date the question names (``11月25日``
    means this year's, or last year's when that is still to come)."""
    found = _DAY.search(question)
    if found and found.group(1):
        return f"{int(found.group(1)):04d}-{int(found.group(2)):02d}-{int(found.group(3)):02d}"
    if found:
        return f"--{int(found.group(4)):02d}-{int(found.group(5)):02d}"
    if "前天" in question:
        return "before_yesterday"
    today = "今天" in question or "今日" in question or "today" in question.lower()
    return "today" if today else "yesterday"
