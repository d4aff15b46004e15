"""The compliance check every draft gets before a manager pastes it into a group.

Three kinds of problem, each with a suggested rewording: 广告法 absolute terms (最, 第一, 国家级,
顶级 …), medical-efficacy claims on food and daily goods (治愈, 降血糖 …), and contradictions with
the group's own rules (a claim window other than the rules', payment outside 群收款, an order above
the per-order limit). The rules come from the group settings the user gave; the defaults are the
playbook's (``knowledge/07-safe-trading.md``, ``knowledge/08-disputes.md``).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from ..i18n import t
from . import compliance_en

AD_LAW, MEDICAL, RULES = "广告法用语", "功效宣称", "与群规不符"

ABSOLUTE_TERMS = {
    "全网最低": "限时优惠价", "最低价": "优惠价", "最便宜": "很实惠", "最好": "口碑很好", "最佳": "很受欢迎",
    "最优": "很优质", "最高级": "高品质", "全网第一": "热销", "销量第一": "销量领先", "第一品牌": "知名品牌",
    "国家级": "（删除，或附上主管部门的证明文件）", "世界级": "高水准", "顶级": "优质", "极品": "精选",
    "唯一": "少有的", "万能": "多用途", "绝对": "非常", "100%": "绝大多数", "史上最": "少见的", "首选": "推荐",
}
MEDICAL_TERMS = ("治疗", "治愈", "根治", "包治", "疗效", "药到病除", "降血压", "降血糖", "降血脂", "抗癌", "防癌",
                 "消炎", "治咳嗽", "止咳", "减肥", "排毒", "壮阳", "提高免疫力", "医用级")
# the category and suggestion of a problem, in the draft's language (the terms found are as written)
_CATEGORY = {AD_LAW: "compliance.ad_law", MEDICAL: "compliance.medical", RULES: "compliance.rules"}
_CLAIM_WINDOW = re.compile(r"(\d+)\s*(?:个)?小时(?:内|以内)[^。！？\n]{0,12}(?:申报|售后|反馈|联系|申请)")
_PRIVATE_PAY = re.compile(r"私下转账|转到我个人|加我(?:微信)?(?:付款|转账)|扫我(?:的)?个人(?:收款)?码")
_NEGATION = re.compile(r"(?:不|禁止|严禁|拒绝|勿|不要|不得|不接受|谨防|警惕|一律视为)[^，。！？\n]{0,4}$")
_AMOUNT = re.compile(r"(?:单笔|每单|一单)[^。！？\n]{0,6}?(\d+(?:\.\d+)?)\s*元")


@dataclass(frozen=True)
class GroupRules:
    """The facts of a group's rules a draft must not contradict."""

    claim_hours: int = 24
    group_payment_only: bool = True
    per_order_limit: float | None = None


@dataclass(frozen=True)
class Problem:
    category: str
    term: str
    position: int
    suggestion: str

    def to_dict(self) -> dict:
        return asdict(self)


def check(text: str, rules: GroupRules = GroupRules(), language: str = "zh") -> list[Problem]:
    """Every problem in ``text``, in reading order, described in ``language``."""
    found = [*_absolute_terms(text, language), *_medical_claims(text, language), *_rule_conflicts(text, rules, language)]
    if language != "zh":
        found = _english(text, rules, language, found)
    return sorted(found, key=lambda w: w.position)


def _english(text: str, rules: GroupRules, language: str, found: list[Problem]) -> list[Problem]:
    """``found`` and the English terms of ``text`` (a span the Chinese terms flagged, such as "100%",
    is not flagged twice)."""
    more = [_problem(AD_LAW, term, at, t("compliance.rewrite", language, words=words), language)
            for term, at, words in compliance_en.absolute_terms(text)]
    more += [_problem(MEDICAL, term, at, t("compliance.medical_fix", language), language)
             for term, at in compliance_en.medical_claims(text)]
    more += [_problem(RULES, term, at, t("compliance.claim_window", language, hours=rules.claim_hours), language)
             for term, at in compliance_en.claim_windows(text, rules.claim_hours)]
    if rules.group_payment_only:
        more += [_problem(RULES, term, at, t("compliance.private_pay", language), language)
                 for term, at in compliance_en.private_payments(text)]
    seen = {(p.category, p.position) for p in found}
    return found + [p for p in more if (p.category, p.position) not in seen]


def kind_of(category: str) -> str:
    """``ad_law``, ``medical`` or ``rules``: the key of a problem's category, in either language."""
    for zh, key in _CATEGORY.items():
        if category in (zh, t(key, "en")):
            return key.removeprefix("compliance.")
    raise ValueError(f"not a compliance category: {category!r}")


def _problem(category: str, term: str, position: int, suggestion: str, language: str) -> Problem:
    return Problem(category if language == "zh" else t(_CATEGORY[category], language), term, position, suggestion)


def highlight(text: str, warnings: list[Problem]) -> str:
    """``text`` as markdown with each flagged term marked in red (for the drafts page)."""
    for term in sorted({w.term for w in warnings}, key=len, reverse=True):
        text = text.replace(term, f":red-background[{term}]")
    return text


def _absolute_terms(text: str, language: str) -> list[Problem]:
    found, taken = [], []
    for term in sorted(ABSOLUTE_TERMS, key=len, reverse=True):
        for match in re.finditer(re.escape(term), text):
            if not any(a <= match.start() < b for a, b in taken):  # "全网最低" covers its "最低"
                taken.append((match.start(), match.end()))
                suggestion = t("compliance.rewrite", language, words=ABSOLUTE_TERMS[term])
                found.append(_problem(AD_LAW, term, match.start(), suggestion, language))
    return found


def _medical_claims(text: str, language: str) -> list[Problem]:
    suggestion = t("compliance.medical_fix", language)
    return [_problem(MEDICAL, term, m.start(), suggestion, language)
            for term in MEDICAL_TERMS for m in re.finditer(re.escape(term), text)]


def _rule_conflicts(text: str, rules: GroupRules, language: str) -> list[Problem]:
    found = []
    for match in _CLAIM_WINDOW.finditer(text):
        if int(match.group(1)) != rules.claim_hours:
            found.append(_problem(RULES, match.group(0), match.start(),
                                  t("compliance.claim_window", language, hours=rules.claim_hours), language))
    if rules.group_payment_only:
        found += [_problem(RULES, m.group(0), m.start(), t("compliance.private_pay", language), language)
                  for m in _PRIVATE_PAY.finditer(text) if not _NEGATION.search(text[max(0, m.start() - 8) : m.start()])]
    if rules.per_order_limit is not None:
        for match in _AMOUNT.finditer(text):
            if float(match.group(1)) > rules.per_order_limit:
                found.append(_problem(RULES, match.group(0), match.start(),
                                      t("compliance.order_limit", language, limit=f"{rules.per_order_limit:g}"), language))
    return found
