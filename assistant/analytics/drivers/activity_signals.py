"""Drivers read from how the group behaved: message overload and admins who stopped answering.

Overload counts every member message, chatter included (哈哈, +1, [表情], 666 floods are exactly
what members leave over), per member and against the group's own daily baseline: a day floods when
it is far above the group's usual days (mean + 3 standard deviations and at least 1.8×) *and* above
what a group of that size can read (0.25 messages per member a day, the top of the playbook's healthy
80–120 a day for 500 members). Admin posts are promotions' business (``promo_fatigue``), not this.

An unresponsive admin is one whose members' questions go unanswered (``replies``: a reply, an @
or an answer on the topic — daily notices do not count) far more often than before. Nudges (有人吗,
管理员在吗) are evidence of it, not complaints about the goods.
"""

from __future__ import annotations

import math
import statistics
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from ...i18n import t
from ..evidence import message_evidence
from ..risk_rules import is_question
from ..significance import poisson_tail
from .base import ChurnContext, Driver, NotJudged, blend, confidence, followed, linked
from .replies import is_nudge, needs_answer, response_minutes, unanswered

MIN_QUESTIONS = 3
MARKED_RISE = 0.25  # a quarter more of all questions left unanswered than usual
ASKERS_LEFT = 0.2  # share of the exits who were askers left hanging
MIN_BASELINE_DAYS = 7
FLOOD_RATIO = 1.8
READABLE_PER_MEMBER = 0.25


def message_overload(ctx: ChurnContext, significant: bool) -> Driver | NotJudged | None:
    floods = {g.name: _floods(ctx, g.name, g.tz) for g in ctx.groups}
    if all(f is None for f in floods.values()):
        return NotJudged("message_overload", f"消息记录不足 {MIN_BASELINE_DAYS} 天作为基线，无法判断消息量是否异常。",
                         f"Fewer than {MIN_BASELINE_DAYS} days of messages as a baseline: overload cannot be judged.")
    group, found = max(((g, f) for g, f in floods.items() if f), key=lambda item: len(item[1]["days"]), default=(None, None))
    if not found or len(found["days"]) < min(2, max(1, round(ctx.now_days) - 1)):
        return None
    ratio = found["mean"] / max(found["usual"], 1.0)
    signal = min(1.0, (ratio - 1) / 1.5)
    p = found["p"]
    tz = next(g.tz for g in ctx.groups if g.name == group)
    starts = [datetime.combine(d, datetime.min.time(), ZoneInfo(tz)) for d in found["days"]]
    timing = followed(ctx.exits, starts)
    score = blend(signal, max(timing, 0.3))
    members = ctx.members.get(group, 0) or 1
    numbers = {"flood_days": len(found["days"]), "messages_per_day": round(found["mean"], 1),
               "baseline_per_day": round(found["usual"], 1), "messages_per_member_day": round(found["mean"] / members, 2),
               "baseline_per_member_day": round(found["usual"] / members, 2), "readable_per_member_day": READABLE_PER_MEMBER,
               "chatter_share": ctx.chatter.get("now"), "baseline_chatter_share": ctx.chatter.get("before"),
               "p_value": round(p, 4)}
    said: list = [("churn.message_overload.flood", {
        "group": group, "days": len(found["days"]), "mean": f"{found['mean']:.0f}", "usual": f"{found['usual']:.0f}",
        "per_member": numbers["messages_per_member_day"], "usual_per_member": numbers["baseline_per_member_day"]})]
    if ctx.chatter.get("now") is not None and ctx.chatter.get("before") is not None:
        said.append(("churn.message_overload.chatter", {"now": f"{ctx.chatter['now']:.0%}", "before": f"{ctx.chatter['before']:.0%}"}))
    said.append(("churn.message_overload.loudest", {"loud": {
        lang: sep.join(t("churn.message_overload.count", lang, name=n, n=c) for n, c in ctx.loudest)
        for lang, sep in (("zh", "、"), ("en", ", "))}}))
    shown = [message_evidence(m) for m in ctx.busiest[:5]]
    return Driver("message_overload", score, confidence(p, timing, significant), tuple(said), numbers, shown)


def _floods(ctx: ChurnContext, group: str, tz: str) -> dict | None:
    daily = ctx.daily.get(group, {})
    zone = ZoneInfo(tz)
    before = _dates(ctx.before_start.astimezone(zone).date(), ctx.now_start.astimezone(zone).date())
    now = _dates(ctx.now_start.astimezone(zone).date(), (ctx.now_end - timedelta(seconds=1)).astimezone(zone).date() + timedelta(days=1))
    first = min(daily, default=None)
    before = [d for d in before if first is not None and d >= first]
    if len(before) < MIN_BASELINE_DAYS:
        return None
    counts = [daily.get(d, 0) for d in before]
    usual, spread = statistics.fmean(counts), statistics.pstdev(counts)
    members = ctx.members.get(group, 0) or 1
    line = max(usual + 3 * spread, FLOOD_RATIO * usual, READABLE_PER_MEMBER * members)
    days = [d for d in now if daily.get(d, 0) > line]
    if not days:
        return {"days": [], "mean": 0.0, "usual": usual, "p": 1.0}
    mean = statistics.fmean(daily[d] for d in days)
    z = (mean - usual) / max(spread, math.sqrt(max(usual, 1.0))) * math.sqrt(len(days))
    return {"days": days, "mean": mean, "usual": usual, "p": 0.5 * math.erfc(z / math.sqrt(2))}


def _dates(first: date, end: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((end - first).days)]


def admin_unresponsive(ctx: ChurnContext, significant: bool) -> Driver | NotJudged | None:
    if not any(a.admins for a in ctx.admins.values()):
        return _admins_unknown("admin_unresponsive")
    everything = [*ctx.before, *ctx.now, *ctx.after]
    pool = [m for m in everything if m.from_admin or _ordinary_question(m)]
    now_minutes, now_missed = response_minutes(pool, ctx.now_start, ctx.now_end, ctx.answers_seen_until)
    before_minutes, before_missed = response_minutes(pool, ctx.before_start, ctx.now_start, ctx.answers_seen_until)
    asked_now = len(now_minutes) + now_missed
    if asked_now < MIN_QUESTIONS:
        return NotJudged("admin_unresponsive", f"本期成员提问只有 {asked_now} 个，太少，无法判断管理员是否回应变差。",
                         f"Only {asked_now} member questions this period: too few to judge admin responsiveness.")
    share_now = now_missed / asked_now
    asked_before = len(before_minutes) + before_missed
    share_before = before_missed / asked_before if asked_before else 0.0
    median_now = statistics.median(now_minutes) if now_minutes else None
    median_before = statistics.median(before_minutes) if before_minutes else None
    slower = median_now is not None and median_before is not None and median_now > 3 * max(median_before, 5)
    p = poisson_tail(now_missed, max(asked_now * share_before, 0.5))
    hanging = [m for m in unanswered([*ctx.now, *ctx.after], ctx.answers_seen_until, ctx.known_admins)
               if _ordinary_question(m) or is_nudge(m.text)]
    nudges = [m for m in ctx.now if not m.from_admin and is_nudge(m.text)]
    timing = followed(ctx.exits, [m.sent_at for m in hanging + nudges])
    touched = linked(ctx.exits, {(m.group, m.sender_id) for m in hanging + nudges if m.sender_id})
    # Worse than usual: by a quarter of all questions, or, in a busy group whose usual share of
    # missed questions is already high, by more than chance explains *and* a good part of those who
    # left (a fifth) are the askers left hanging. A few more missed questions while other causes
    # drive people out (spam, a scam, an influx) is not silence.
    rise = share_now - share_before
    worse = rise > 0 and (rise >= MARKED_RISE or (p < 0.05 and touched >= ASKERS_LEFT))
    if not worse and not slower:
        return None
    # how unusual, scaled by how large: a small rise in a big group is certain but says little
    signal = ((1 - p) * min(1.0, rise / MARKED_RISE) if p < 0.05 and worse else 0.0) or (0.6 if slower else 0.0)
    score = blend(signal, max(timing, touched))
    if not score:
        return None
    inferred = all(a.basis == "inferred" for a in ctx.admins.values() if a.admins)
    numbers = {"questions": asked_now, "unanswered": now_missed, "unanswered_share": round(share_now, 2),
               "baseline_unanswered_share": round(share_before, 2), "median_response_minutes": median_now,
               "baseline_median_response_minutes": median_before, "nudges": len(nudges),
               "leavers_who_asked": round(touched, 2), "admins": _admin_basis(ctx)}
    said: list = [("churn.admin_unresponsive.share", {"asked": asked_now, "missed": now_missed, "share": f"{share_now:.0%}",
                                                       "usual": f"{share_before:.0%}"})]
    if nudges:
        said.append(("churn.admin_unresponsive.nudges", {"n": len(nudges)}))
    said += [("churn.admin_unresponsive.askers", {"share": f"{touched:.0%}"}), *admin_note(ctx)]
    shown = [message_evidence(m) for m in (hanging + nudges)[:5]]
    return Driver("admin_unresponsive", score, confidence(p, max(timing, touched), significant, touched, inferred),
                  tuple(said), numbers, shown)


def _ordinary_question(m) -> bool:  # noqa: ANN001 - a Message
    return needs_answer(m) and is_question(m.text) and not is_nudge(m.text)


def _admins_unknown(driver_id: str) -> NotJudged:
    return NotJudged(driver_id, "管理员未知：无法判断回应。请在「群数据」页或用 groups admins set 指定管理员。",
                     "Admins unknown: responses cannot be judged. Name them on the Groups page or with `groups admins set`.")


def _admin_basis(ctx: ChurnContext) -> dict:
    return {g: {"basis": a.basis, "admins": [x.name for x in a.admins]} for g, a in ctx.admins.items()}


def admin_note(ctx: ChurnContext) -> list[tuple[str, dict]]:
    """The sentence saying the admins were inferred (and how to correct them), if they were."""
    inferred = [a for a in ctx.admins.values() if a.basis == "inferred"]
    if not inferred:
        return []
    names = {lang: sep.join(x.name for a in inferred for x in a.admins) for lang, sep in (("zh", "、"), ("en", ", "))}
    return [("churn.admins_inferred", {"names": names})]
