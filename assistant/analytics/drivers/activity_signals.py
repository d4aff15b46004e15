"""Drivers read from how the group behaved: message overload and admins who stopped answering."""

from __future__ import annotations

import statistics

from ..evidence import message_evidence
from ..health import OVERLOAD_MESSAGES_PER_MEMBER
from .base import ChurnContext, Driver, anomaly, blend, confidence, followed
from .replies import response_minutes, unanswered

MIN_QUESTIONS = 3


def message_overload(ctx: ChurnContext, significant: bool) -> Driver | None:
    members = sum(ctx.members.values()) or 1
    now_rate = ctx.volume_now / ctx.now_days / members
    before_rate = ctx.volume_before / ctx.before_days / members
    if now_rate < OVERLOAD_MESSAGES_PER_MEMBER or now_rate < 1.8 * max(before_rate, 1e-9):
        return None
    signal, p = anomaly(ctx.volume_now, ctx.now_days, ctx.volume_before, ctx.before_days, minimum=50)
    timing = followed(ctx.exits, [m.sent_at for m in ctx.busiest])
    score = blend(signal, max(timing, 0.3))
    if not score:
        return None
    numbers = {"messages_per_member_day": round(now_rate, 2), "baseline": round(before_rate, 2),
               "threshold": OVERLOAD_MESSAGES_PER_MEMBER, "p_value": round(p, 4)}
    text = (f"消息量远超群规模可承受的水平：人均每天 {now_rate:.2f} 条（平时 {before_rate:.2f} 条，"
            f"健康上限约 {OVERLOAD_MESSAGES_PER_MEMBER} 条），发言最多的是 "
            + "、".join(f"{n}({c}条)" for n, c in ctx.loudest) + "。")
    shown = [message_evidence(m) for m in ctx.busiest[:5]]
    confirm = "设定分时段发言和定时推送，限制刷屏与闲聊；观察消息量回落后退群率是否下降。"
    return Driver("message_overload", score, confidence(p, timing, significant), text, numbers, shown, confirm)


def admin_unresponsive(ctx: ChurnContext, significant: bool) -> Driver | None:
    now_minutes, now_missed = response_minutes(ctx.now)
    before_minutes, before_missed = response_minutes(ctx.before)
    asked_now = len(now_minutes) + now_missed
    if asked_now < MIN_QUESTIONS:
        return None
    missed_share_now = now_missed / asked_now
    asked_before = len(before_minutes) + before_missed
    missed_share_before = before_missed / asked_before if asked_before else 0.0
    median_now = statistics.median(now_minutes) if now_minutes else None
    median_before = statistics.median(before_minutes) if before_minutes else None
    slower = median_now is not None and median_before is not None and median_now > 3 * max(median_before, 5)
    worse = missed_share_now - missed_share_before
    if worse < 0.3 and not slower:
        return None
    signal, p = anomaly(now_missed, ctx.now_days, before_missed, ctx.before_days, minimum=MIN_QUESTIONS)
    signal = max(signal, 0.6 if slower else 0.0)
    hanging = unanswered(ctx.now, ctx.now_end)
    score = blend(signal, followed(ctx.exits, [m.sent_at for m in hanging]) * 0.5)
    if not score:
        return None
    numbers = {"questions": asked_now, "unanswered": now_missed, "unanswered_share": round(missed_share_now, 2),
               "baseline_unanswered_share": round(missed_share_before, 2),
               "median_response_minutes": median_now, "baseline_median_response_minutes": median_before}
    text = (f"管理员回应变差：本期 {asked_now} 个提问中 {now_missed} 个 24 小时内无人回应"
            f"（{missed_share_now:.0%}，平时 {missed_share_before:.0%}）。")
    shown = [message_evidence(m) for m in hanging[:5]]
    confirm = "安排值班表，保证工作时间 1 小时内回应；检查管理员是否请假或离职。"
    return Driver("admin_unresponsive", score, confidence(p, 0.5, significant), text, numbers, shown, confirm)

