"""Reading a pasted complaint: what kind it is, how serious, and when each answer is due.

Categories and the escalation rule follow ``knowledge/09-complaints.md``: quality, delivery,
refund, attitude and fraud; refunds, injuries and fraud are escalated to the owner. Deadlines are
the 1-3-5 rule: a first response within 1 hour, a solution within 3 days, a follow-up within 5.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta

from ..i18n import label

CATEGORIES = {
    "quality": ("质量问题", "烂|坏了|变质|发霉|不新鲜|破损|质量|有虫|臭|过期|瑕疵|漏液|缺斤少两"),
    "delivery": ("物流配送", "没到|还没发|没发货|物流|快递|配送|延迟|迟迟|少发|漏发|发错|送错"),
    "refund": ("退款退货", "退款|退钱|退货|退了|返还|赔偿|赔钱"),
    "attitude": ("服务态度", "态度|不理|没人回|没人管|敷衍|客服呢|骂|凶"),
    "fraud": ("欺诈风险", "骗|假货|诈骗|私下转账|代收款|冒充|跑路"),
}
_INJURY = re.compile(r"拉肚子|腹泻|过敏|受伤|住院|中毒|吃坏|医院")
_PUBLIC = re.compile(r"12315|举报|曝光|投诉到|工商|市场监管|媒体|差评")
_ANGRY = re.compile(r"[！!]{2,}|太差|垃圾|气死|再也不|坑人")


@dataclass(frozen=True)
class ComplaintReading:
    categories: list[str]
    labels: list[str]
    severity: str  # high | medium | low
    escalate: bool
    reasons: list[str] = field(default_factory=list)
    deadlines: dict[str, str] = field(default_factory=dict)

    def to_dict(self, language: str = "zh") -> dict:
        """The reading; its labels, reasons and deadline names are Chinese keys (the prompts read them),
        so in English each list or map gets an English ``…_labels`` twin."""
        found = asdict(self)
        if language != "zh":
            found["category_labels"] = [label("complaint_category", c, language) for c in self.categories]
            found["reason_labels"] = [label("complaint_reason", r, language) for r in self.reasons]
            found["deadline_labels"] = {k: label("complaint_step", k, language) for k in self.deadlines}
        return found


def read(text: str, received: datetime | None = None) -> ComplaintReading:
    """Classify ``text`` and set the 1-3-5 deadlines from ``received`` (now by default)."""
    found = [key for key, (_, words) in CATEGORIES.items() if re.search(words, text)] or ["quality"]
    reasons = []
    if _INJURY.search(text):
        reasons.append("涉及人身健康")
    if "fraud" in found:
        reasons.append("涉及欺诈")
    if "refund" in found:
        reasons.append("涉及退款")
    public = bool(_PUBLIC.search(text))
    severity = "high" if (_INJURY.search(text) or "fraud" in found or public) else (
        "medium" if ("refund" in found or _ANGRY.search(text)) else "low")
    if public:
        reasons.append("客户提到举报或公开曝光")
    start = received or datetime.now().astimezone()
    deadlines = {
        "首次响应": _stamp(start + timedelta(hours=1)),
        "给出方案": _stamp(start + timedelta(days=3)),
        "效果回访": _stamp(start + timedelta(days=5)),
    }
    return ComplaintReading(found, [CATEGORIES[k][0] for k in found], severity, bool(reasons), reasons, deadlines)


def _stamp(moment: datetime) -> str:
    return moment.strftime("%m-%d %H:%M")
