"""Drivers read from what was said: spam, scams, unresolved complaints and promotion fatigue."""

from __future__ import annotations

import re

from ..chatlog import Message
from ..content import is_sales_push
from ...i18n import t
from ..evidence import message_evidence
from ..risk_rules import SCAM, SPAM, matches
from .activity_signals import _admins_unknown, admin_note
from .base import ChurnContext, Driver, NotJudged, anomaly, blend, confidence, followed, linked
from .replies import ANSWER_WINDOW, is_complaint, unanswered

MAX_EVIDENCE = 5
_ROLE_NAME = re.compile(r"管理员?|群主|客服|官方")


def spam_ads(ctx: ChurnContext, significant: bool) -> Driver | None:
    def spam(m: Message) -> bool:
        kinds = {rule.kind for rule in matches(m.text)}
        return not m.from_admin and SPAM in kinds and SCAM not in kinds  # a scam's link counts as the scam

    return _text_driver(ctx, significant, "spam_ads", spam, minimum=3)


def scam_incident(ctx: ChurnContext, significant: bool) -> Driver | None:
    def scam(m: Message) -> bool:
        return not m.from_admin and (any(rule.kind == SCAM for rule in matches(m.text)) or _impersonates(ctx, m))

    return _text_driver(ctx, significant, "scam_incident", scam, minimum=1, floor=0.05)  # rare in any healthy group


def unresolved_complaints(ctx: ChurnContext, significant: bool) -> Driver | NotJudged | None:
    if not any(a.admins for a in ctx.admins.values()):
        return _admins_unknown("unresolved_complaints")
    complaints_now = [m for m in unanswered([*ctx.now, *ctx.after], ctx.answers_seen_until, ctx.known_admins)
                      if _is_complaint(m)]
    complaints_before = [m for m in unanswered([*ctx.before, *ctx.now], ctx.now_start + ANSWER_WINDOW, ctx.known_admins)
                         if _is_complaint(m) and m.sent_at < ctx.now_start]
    found = _from_messages(ctx, significant, "unresolved_complaints", complaints_now, len(complaints_before), minimum=2)
    if found is not None:  # how many of the period's complaints were left: compared with ordinary questions
        observed = [m for m in ctx.now if not m.from_admin and _is_complaint(m)
                    and m.sent_at + ANSWER_WINDOW <= ctx.answers_seen_until]
        left = sum(1 for m in complaints_now if m.sent_at + ANSWER_WINDOW <= ctx.answers_seen_until)
        found.numbers["complaints"] = len(observed)
        found.numbers["unanswered_complaint_share"] = round(left / len(observed), 2) if observed else None
    return found


def promo_fatigue(ctx: ChurnContext, significant: bool) -> Driver | NotJudged | None:
    if not any(a.admins for a in ctx.admins.values()):
        return NotJudged("promo_fatigue", "管理员未知：无法区分管理员的促销和成员发的广告。请在「群数据」页或用 groups admins set 指定管理员。",
                         "Admins unknown: admin promotions cannot be told from members' ads. Name the admins first.")

    def promo(m: Message) -> bool:
        return m.from_admin and is_sales_push(m.text)

    return _text_driver(ctx, significant, "promo_fatigue", promo, minimum=5)


def _text_driver(ctx: ChurnContext, significant: bool, driver_id: str, predicate, minimum: int,  # noqa: ANN001
                 floor: float = 0.5) -> Driver | None:
    hits = [m for m in ctx.now if predicate(m)]
    before = sum(1 for m in ctx.before if predicate(m))
    return _from_messages(ctx, significant, driver_id, hits, before, minimum, floor)


def _from_messages(ctx: ChurnContext, significant: bool, driver_id: str, hits: list[Message], before: int,
                   minimum: int, floor: float = 0.5) -> Driver | None:
    signal, p = anomaly(len(hits), ctx.now_days, before, ctx.before_days, minimum, floor)
    timing = followed(ctx.exits, [m.sent_at for m in hits])
    senders = {(m.group, m.sender_id) for m in hits if m.sender_id}
    touched = linked(ctx.exits, senders) if driver_id == "unresolved_complaints" else 0.0
    score = blend(signal, max(timing, touched))
    if not hits or not score:
        return None
    per_day_before = before / ctx.before_days
    leavers_among = sum(1 for e in ctx.exits if (e.group, e.span.member_id) in senders)
    numbers = {"messages": len(hits), "per_day": round(len(hits) / ctx.now_days, 2),
               "baseline_per_day": round(per_day_before, 2), "p_value": round(p, 4),
               "exits_within_72h": round(timing, 2), "leavers_who_sent_them": leavers_among}
    said: list = [("churn.messages", {"what": {lang: t(f"churn.{driver_id}.what", lang) for lang in ("zh", "en")},
                                      "n": len(hits), "per_day": numbers["per_day"], "usual": numbers["baseline_per_day"],
                                      "timing": f"{timing:.0%}"})]
    if leavers_among and driver_id == "unresolved_complaints":
        said.append(("churn.complainers_left", {"n": leavers_among}))
    elif leavers_among:
        said.append(("churn.senders_left", {"n": leavers_among}))
    admin_based = driver_id in ("unresolved_complaints", "promo_fatigue")
    if admin_based:
        said += admin_note(ctx)
    inferred = admin_based and all(a.basis == "inferred" for a in ctx.admins.values() if a.admins)
    shown = [message_evidence(m) for m in hits[:MAX_EVIDENCE]]
    return Driver(driver_id, score, confidence(p, max(timing, touched), significant, touched, inferred),
                  tuple(said), numbers, shown)


def _is_complaint(m: Message) -> bool:
    return is_complaint(m.text)


def _impersonates(ctx: ChurnContext, m: Message) -> bool:
    """A non-admin posting under (a variant of) an admin's name, or under a name claiming the role
    (群管理小助手, 官方客服) while not one of the group's admins."""
    name = (m.sender_name or "").strip()
    if not name:
        return False
    if _ROLE_NAME.search(name):
        return True
    for names in ctx.admin_names.get(m.group, {}).values():
        if any(admin and (name == admin or admin in name) for admin in names):
            return True
    return False
