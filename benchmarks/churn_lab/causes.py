"""The seven planted causes of a rise in exits, one function pair each.

``prepare`` changes the analysed week's :class:`~.background.DayPolicy` before ordinary life is
simulated (admins go quiet, promotions multiply …); ``plant`` then adds the cause's own messages and
makes the people it touched leave, so the leavers are linked to it: the complainers, the cohort,
the members who read the spam or the scam. ``dose`` (about 1) scales the extra exits; ``first``
is the day of the week (0 = Monday) the cause begins.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from . import texts
from .background import WORKING_HOURS, Env, answer, answer_text, newcomer, promotion, question_from
from .world import Group, Member, Msg, day_time


@dataclass(frozen=True)
class Cause:
    prepare: Callable[[Group, Env, int], None]
    plant: Callable[[Group, Env, float, int], dict]


def _nothing(g: Group, env: Env, first: int) -> None:
    return None


def extra_exits(g: Group, env: Env, dose: float) -> int:
    """How many people the cause drives out: 2–5 % of the group (at least 3), times the dose."""
    size = len(g.present(g.week_begin))
    return max(3, round(size * env.rng.uniform(0.02, 0.05) * dose))


def awake(rng, at: datetime) -> datetime:
    """People rarely act between 1 and 7 a.m.: most such moments move to the morning."""
    if 1 <= at.hour < 7 and rng.random() < 0.85:
        return at.replace(hour=rng.randint(7, 9), minute=rng.randrange(60))
    return at


def leave(g: Group, member: Member, at: datetime, by: Member | None = None) -> bool:
    """``member`` leaves (or is removed) at ``at`` if still there; never after the export."""
    if member.left_at is not None or member.is_admin or (member.joined_at and member.joined_at >= at):
        return False
    member.left_at = min(at, g.end - timedelta(minutes=10))
    member.removed_by = by.uid if by else None
    return True


def stayers(g: Group, at: datetime) -> list[Member]:
    """Ordinary members present at ``at`` who are not already leaving."""
    return [m for m in g.present(at) if m.left_at is None and not m.tags & {"spammer", "scammer"}]


def drive_out(g: Group, env: Env, count: int, after: datetime, pool: list[Member], *, spread_h: float = 48,
              remark: list[str] | None = None) -> list[Member]:  # fmt: skip
    """Up to ``count`` of ``pool`` leave within ``spread_h`` hours after ``after``; some say why first."""
    rng, gone = env.rng, []
    for member in rng.sample(pool, max(0, min(count, len(pool)))):
        at = after + timedelta(hours=rng.uniform(0.3, spread_h) * rng.random() ** 0.5)
        if at >= g.end:
            at = g.end - timedelta(hours=rng.uniform(0.5, 20))
        at = awake(rng, at)
        if at <= after:
            continue
        if remark and member.activity > 0.05 and rng.random() < 0.3:
            g.add(Msg(at - timedelta(minutes=rng.randrange(1, 20)), member.uid, texts.say(rng, remark, env.ctx),
                      tag="reaction"))  # fmt: skip
        if leave(g, member, at):
            gone.append(member)
    return gone


def weighted_pool(env: Env, members: list[Member], weight: Callable[[Member], float], size: int) -> list[Member]:
    """``size`` distinct members drawn with ``weight``."""
    chosen: list[Member] = []
    pool = list(members)
    while pool and len(chosen) < size:
        pick = env.rng.choices(pool, weights=[weight(m) for m in pool])[0]
        chosen.append(pick)
        pool.remove(pick)
    return chosen


def day_of(g: Group, offset: int) -> datetime:
    return g.week_begin + timedelta(days=offset)


# ---- spam_ads ---------------------------------------------------------------------------------
def plant_spam(g: Group, env: Env, dose: float, first: int) -> dict:
    rng = env.rng
    days = sorted(rng.sample(range(first, 6), min(rng.choice([1, 2, 2, 3]), 6 - first)))
    start = day_time(rng, g.week_start + timedelta(days=days[0]), WORKING_HOURS)
    inside = rng.choice(stayers(g, start))
    spammers = []
    for n in range(rng.randint(2, 5)):
        via, inviter = ("invite", inside.uid) if rng.random() < 0.5 else (rng.choice(["link", "qr"]), g.owner.uid)
        spammer = newcomer(g, env, start - timedelta(minutes=rng.randrange(5, 600)), via, inviter)
        spammer.activity, spammer.tags, spammer.name = 0.0, {"spammer"}, _spammer_name(g, rng, n)
        spammers.append(spammer)
    bursts = [start] + [day_time(rng, g.week_start + timedelta(days=d), WORKING_HOURS) for d in days[1:]]
    posted = sum(_spam_burst(g, env, spammers, at) for at in bursts)
    removed = rng.random() < 0.5
    if removed:
        kick = bursts[-1] + timedelta(hours=rng.uniform(1, 6))
        for spammer in spammers:
            leave(g, spammer, kick, g.owner)
        g.add(Msg(kick + timedelta(minutes=2), g.owner.uid, rng.choice(texts.SPAM_REMOVED), tag="announce"))
    exits = extra_exits(g, env, dose)
    gone = []
    for n, at in enumerate(bursts):
        share = exits // len(bursts) + (1 if n < exits % len(bursts) else 0)
        gone += drive_out(g, env, share, at, stayers(g, at), spread_h=60, remark=texts.SPAM_REACT)
    return {"spammers": len(spammers), "ads": posted, "bursts": [str(b) for b in bursts], "spammers_removed": removed,
            "driven_out": len(gone)}  # fmt: skip


def _spammer_name(g: Group, rng, n: int) -> str:
    taken = {m.name for m in g.members}
    name = rng.choice(texts.SPAMMER_NAMES)
    return name if name not in taken else f"{name}{n + 1}{rng.randrange(10, 99)}"


def _spam_burst(g: Group, env: Env, spammers: list[Member], at: datetime) -> int:
    rng = env.rng
    count = rng.randint(5, 16)
    for n in range(count):
        when = at + timedelta(minutes=n * rng.uniform(1, 5))
        sender = rng.choice(spammers).uid
        roll = rng.random()
        if roll < 0.2:
            g.add(Msg(when, sender, "[图片]", kind="image", tag="spam"))  # the QR code picture
        elif roll < 0.3:
            g.add(Msg(when, sender, rng.choice(["点击领取现金红包", "内部优惠券免费领", "兼职日结 手机就能做"]),
                      kind="link", tag="spam", url=texts.url(rng, texts.SPAM_DOMAINS)))  # fmt: skip
        else:
            ctx = {**env.ctx, "url": texts.url(rng, texts.SPAM_DOMAINS)}
            g.add(Msg(when, sender, texts.say(rng, texts.SPAM, ctx, vary=False), tag="spam"))
    for _ in range(rng.randint(1, 3)):
        reader = rng.choice(stayers(g, at))
        g.add(Msg(at + timedelta(minutes=rng.randrange(10, 90)), reader.uid, texts.say(rng, texts.SPAM_REACT, env.ctx),
                  tag="reaction"))  # fmt: skip
    return count


# ---- message_overload -------------------------------------------------------------------------
def prepare_overload(g: Group, env: Env, first: int) -> None:
    for offset in range(first, 7):
        env.policy(g.week_start + timedelta(days=offset)).volume = env.rng.uniform(1.1, 1.5)


def plant_overload(g: Group, env: Env, dose: float, first: int) -> dict:
    rng = env.rng
    begin = day_of(g, first)
    active = sorted(stayers(g, begin), key=lambda m: -m.activity)
    chatty = rng.sample(active[:40], min(len(active[:40]), rng.randint(8, 15)))
    factor = rng.uniform(2.5, 4.0)
    added = 0
    for offset in range(first, 7):
        day = g.week_start + timedelta(days=offset)
        target = env.params.daily * (env.params.weekend if day.weekday() >= 5 else 1.0) * (factor - 1.3)
        while target > 0:
            size = rng.randint(15, 60)
            _flood(g, env, chatty, day_time(rng, day, _LATE_HOURS), size)
            target, added = target - size, added + size
    for _ in range(rng.randint(1, 3)):
        quiet = rng.choice([m for m in stayers(g, begin) if m.activity < 1] or stayers(g, begin))
        g.add(Msg(day_time(rng, (begin + timedelta(days=rng.randrange(0, 7 - first))).date()), quiet.uid,
                  texts.say(rng, texts.OVERLOAD_REACT, env.ctx), tag="reaction"))  # fmt: skip
    if rng.random() < 0.3:
        g.add(Msg(day_time(rng, g.week_start + timedelta(days=6), WORKING_HOURS), g.owner.uid, rng.choice(texts.QUIET_PLEASE)))
    lurkers = weighted_pool(env, [m for m in stayers(g, begin) if m not in chatty],
                            lambda m: 3.0 if m.activity < 0.1 else 1.0 / (1 + m.activity), extra_exits(g, env, dose))  # fmt: skip
    gone = []
    for member in lurkers:
        at = awake(rng, begin + (g.end - begin) * (0.15 + 0.85 * rng.random() ** 0.7))
        if leave(g, member, at):
            gone.append(member)
    return {"chatty": len(chatty), "flood_messages": added, "factor": round(factor, 2), "driven_out": len(gone)}


_LATE_HOURS = (1.5, 0.8, 0.3, 0, 0, 0, 0.2, 0.8, 1, 1, 1, 1.5, 2, 1.5, 1, 1, 1, 1.2, 1.5, 2, 2.5, 3, 3, 2.5)


def _flood(g: Group, env: Env, chatty: list[Member], at: datetime, size: int) -> None:
    rng = env.rng
    talkers = rng.sample(chatty, min(len(chatty), rng.randint(3, 8)))
    for n in range(size):
        when = at + timedelta(seconds=n * rng.uniform(5, 90))
        sender = rng.choice(talkers).uid
        roll = rng.random()
        if roll < 0.15:
            g.add(Msg(when, sender, "[表情]", kind="sticker", tag="short"))
        elif roll < 0.2:
            g.add(Msg(when, sender, "[图片]", kind="image", tag="chatter"))
        elif roll < 0.45:
            g.add(Msg(when, sender, texts.say(rng, texts.OFF_TOPIC, env.ctx), tag="off_topic"))
        else:
            g.add(Msg(when, sender, rng.choice(texts.SHORT), tag="short"))


# ---- low_quality_influx -----------------------------------------------------------------------
def plant_influx(g: Group, env: Env, dose: float, first: int) -> dict:
    rng = env.rng
    via = rng.choices(["qr", "link", "invite"], weights=[0.6, 0.25, 0.15])[0]
    promoters = [m for m in g.present(g.week_begin - timedelta(days=7)) if m.activity > 0.3] or g.admins
    promoter = rng.choice(g.admins) if rng.random() < 0.5 else rng.choice(promoters)
    rate = rng.uniform(0.45, 0.8)
    size = max(8, round(len(g.present(g.week_begin)) * rng.uniform(0.05, 0.12) * dose))
    cohort, in_week = [], 0
    for _ in range(size):  # a campaign: one QR code / link / inviter, from three days before to early in the week
        joined = g.week_begin + timedelta(days=rng.uniform(-3, first + 1.5))
        member = newcomer(g, env, joined, via, promoter.uid)
        member.activity, member.tags = (0.05 if rng.random() < 0.2 else 0.0), {"cohort"}
        cohort.append(member)
        if rng.random() < 0.25:
            g.add(Msg(joined + timedelta(minutes=rng.randrange(2, 300)), member.uid, texts.say(rng, texts.COHORT, env.ctx)))
        if rng.random() < rate:
            at = max(joined + timedelta(days=rng.uniform(1.5, 6)), g.week_begin + timedelta(hours=rng.uniform(1, 30)))
            if leave(g, member, awake(rng, at)) and member.left_at >= g.week_begin:
                in_week += 1
    return {"source": via, "promoter": promoter.name, "promoter_is_admin": promoter.is_admin, "cohort": len(cohort),
            "cohort_left_in_week": in_week, "fast_exit_rate": round(rate, 2)}  # fmt: skip


# ---- unresolved_complaints --------------------------------------------------------------------
def prepare_complaints(g: Group, env: Env, first: int) -> None:
    for offset in range(first, 7):
        policy = env.policy(g.week_start + timedelta(days=offset))
        policy.settle_complaints = False
        policy.answer = env.params.answer * 0.85


def plant_complaints(g: Group, env: Env, dose: float, first: int) -> dict:
    rng = env.rng
    begin = day_of(g, first)
    pool = [m for m in stayers(g, begin) if m.activity > 0.1]
    complainers = rng.sample(pool, min(len(pool), rng.randint(4, 10)))
    echoers, last_said = [], {}
    for member in complainers:
        at = day_time(rng, g.week_start + timedelta(days=rng.randint(first, min(first + 3, 5))), WORKING_HOURS)
        last_said[member.uid] = _complain(g, env, member, at, echoers)
    gone = []
    for member in complainers:
        if rng.random() < 0.75:
            gone += drive_out(g, env, 1, last_said[member.uid] + timedelta(hours=4), [member], spread_h=44,
                              remark=texts.QUIT_REMARKS)  # fmt: skip
    for member in echoers:
        if rng.random() < 0.5:
            gone += drive_out(g, env, 1, begin + timedelta(hours=rng.uniform(6, 30)), [member], spread_h=48)
    rest = extra_exits(g, env, dose) - len(gone)
    gone += drive_out(g, env, rest, begin + timedelta(hours=12), stayers(g, begin), spread_h=100)
    return {"complainers": len(complainers), "echoers": len(echoers), "driven_out": len(gone)}


def _complain(g: Group, env: Env, member: Member, at: datetime, echoers: list[Member]) -> datetime:
    """A complaint, its follow-ups and the echoes; nobody from the team answers it."""
    rng = env.rng
    ctx = {**env.ctx, "p": rng.choice(env.ctx["products"]), "admin": rng.choice(g.admins).name}
    complaint = g.add(Msg(at, member.uid, texts.say(rng, texts.COMPLAINTS, ctx), tag="complaint"))
    last = at
    for _ in range(rng.choice([0, 1, 1, 2])):
        last += timedelta(hours=rng.uniform(1, 8))
        text = texts.say(rng, texts.FOLLOW_UPS, ctx)
        admin_uid = next(a.uid for a in g.admins if a.name == ctx["admin"])
        g.add(Msg(last, member.uid, text, tag="complaint", mentions=[admin_uid] if "@" in text else []))
    for other in rng.sample(stayers(g, at), min(rng.randint(0, 2), len(stayers(g, at)))):
        if other is member:
            continue
        echo = Msg(at + timedelta(minutes=rng.randrange(10, 180)), other.uid, texts.say(rng, texts.ECHOES, ctx), tag="complaint")
        echo.reply_to = complaint if rng.random() < 0.4 else None
        g.add(echo)
        echoers.append(other)
    if rng.random() < 0.4:  # the team keeps posting as if nothing happened
        promotion(g, env, at + timedelta(minutes=rng.randrange(20, 120)), rng.choice(g.admins).uid)
    return last


# ---- admin_unresponsive -----------------------------------------------------------------------
def prepare_silence(g: Group, env: Env, first: int) -> None:
    for offset in range(first, 7):
        policy = env.policy(g.week_start + timedelta(days=offset))
        policy.answer, policy.settle_complaints, policy.quiet_admins = 0.0, False, True
        policy.promos = env.params.promos * 0.5


def plant_silence(g: Group, env: Env, dose: float, first: int) -> dict:
    rng = env.rng
    begin = day_of(g, first)
    extra = []
    for offset in range(first, 7):  # people keep asking, a little more than usual
        day = g.week_start + timedelta(days=offset)
        talkers = [m for m in stayers(g, day_of(g, offset)) if m.activity > 0.1]
        for _ in range(rng.randint(1, 4) if talkers else 0):
            extra.append(g.add(question_from(env, rng.choice(talkers), day_time(rng, day))))
    open_questions = [m for m in g.messages if m.tag == "question" and m.at >= begin and not m.answered]
    askers: dict[int, datetime] = {}
    for question in open_questions:
        askers[question.sender] = max(askers.get(question.sender, question.at), question.at)
        roll = rng.random()
        if roll < 0.1:  # a late answer, many hours on
            late = question.at + timedelta(hours=rng.uniform(8, 30))
            late = late if 8 <= late.hour < 23 else late.replace(hour=rng.randint(8, 10))
            answer(g, env, question, answer_text(env, question), late)
        elif roll < 0.55:
            _nudge(g, env, question)
    gone = []
    for uid, at in askers.items():
        if rng.random() < 0.55:
            gone += drive_out(g, env, 1, at + timedelta(hours=3), [g.members[uid]], spread_h=45, remark=texts.QUIT_REMARKS)
    rest = extra_exits(g, env, dose) - len(gone)
    gone += drive_out(g, env, rest, begin + timedelta(hours=12), stayers(g, begin), spread_h=110)
    return {"questions_unanswered": len(open_questions), "askers": len(askers), "driven_out": len(gone)}


def _nudge(g: Group, env: Env, question: Msg) -> None:
    rng = env.rng
    admin = rng.choice(g.admins)
    text = texts.say(rng, texts.NOBODY_THERE, {**env.ctx, "admin": admin.name})
    g.add(Msg(question.at + timedelta(hours=rng.uniform(1, 8)), question.sender, text, tag="question",
              mentions=[admin.uid] if "@" in text else []))  # fmt: skip
    if rng.random() < 0.3:
        other = rng.choice(stayers(g, question.at))
        shrug = Msg(question.at + timedelta(minutes=rng.randrange(20, 200)), other.uid, rng.choice(texts.MEMBER_SHRUG))
        shrug.reply_to = question
        g.add(shrug)


# ---- promo_fatigue ----------------------------------------------------------------------------
def prepare_promos(g: Group, env: Env, first: int) -> None:
    daily = min(25.0, max(8.0, env.params.promos * env.rng.uniform(6, 12)))
    for offset in range(first, 7):
        env.policy(g.week_start + timedelta(days=offset)).promos = daily * env.rng.uniform(0.8, 1.2)


def plant_promos(g: Group, env: Env, dose: float, first: int) -> dict:
    rng = env.rng
    begin = day_of(g, first)
    for _ in range(rng.randint(2, 5)):
        reader = rng.choice(stayers(g, begin))
        at = day_time(rng, g.week_start + timedelta(days=rng.randint(first, 6)), WORKING_HOURS)
        g.add(Msg(at, reader.uid, texts.say(rng, texts.PROMO_REACT, env.ctx), tag="reaction"))
    leavers = weighted_pool(env, stayers(g, begin), lambda m: 1.5 if m.activity < 0.1 else 1.0, extra_exits(g, env, dose))
    gone = []
    for member in leavers:
        if leave(g, member, awake(rng, begin + (g.end - begin) * (0.1 + 0.9 * rng.random() ** 0.6))):
            gone.append(member)
    promos = sum(1 for m in g.messages if m.tag == "promo" and m.at >= begin)
    return {"promos_from_first_day": promos, "driven_out": len(gone)}


# ---- scam_incident ----------------------------------------------------------------------------
def plant_scam(g: Group, env: Env, dose: float, first: int) -> dict:
    rng = env.rng
    start = day_time(rng, g.week_start + timedelta(days=min(first, 5)), WORKING_HOURS)
    imitated = rng.choice(g.admins)
    via, inviter = ("invite", rng.choice(stayers(g, start)).uid) if rng.random() < 0.5 else ("link", g.owner.uid)
    scammer = newcomer(g, env, start - timedelta(hours=rng.uniform(0.2, 20)), via, inviter)
    scammer.activity, scammer.tags = 0.0, {"scammer"}
    scammer.name = _scam_name(g, rng, imitated)
    readers = stayers(g, start)
    victims = rng.sample([m for m in readers if m.activity > 0.05], rng.randint(1, 3))
    for n in range(rng.randint(2, 5)):
        ctx = {**env.ctx, "url": texts.url(rng, texts.SCAM_DOMAINS), "names": "、".join(v.name for v in victims)}
        g.add(Msg(start + timedelta(minutes=n * rng.uniform(10, 70)), scammer.uid, texts.say(rng, texts.SCAM, ctx, vary=False),
                  tag="scam"))  # fmt: skip
    for member in rng.sample(readers, min(len(readers), rng.randint(3, 8))):
        ctx = {**env.ctx, "admin": imitated.name}
        g.add(Msg(start + timedelta(minutes=rng.randrange(5, 240)), member.uid, texts.say(rng, texts.SCAM_REACT, ctx),
                  tag="reaction"))  # fmt: skip
    for victim in victims:
        g.add(Msg(start + timedelta(hours=rng.uniform(1, 6)), victim.uid, texts.say(rng, texts.VICTIM, env.ctx), tag="victim"))
    warned = start + timedelta(hours=rng.uniform(2, 12))
    if not 8 <= warned.hour < 23:
        warned = (warned + timedelta(hours=10)).replace(hour=rng.randint(8, 9), minute=rng.randrange(60))
    g.add(Msg(warned, g.owner.uid, rng.choice(texts.SCAM_WARNING), tag="announce"))
    removed = rng.random() < 0.85
    leave(g, scammer, warned - timedelta(minutes=3), g.owner if removed else None)
    gone = drive_out(g, env, len(victims), start + timedelta(hours=6), victims, spread_h=30)
    gone += drive_out(g, env, extra_exits(g, env, dose) - len(gone), start + timedelta(hours=1), stayers(g, start),
                      spread_h=60)  # fmt: skip
    return {"scammer": scammer.name, "imitates": imitated.name, "victims": len(victims), "scammer_removed": removed,
            "driven_out": len(gone)}  # fmt: skip


def _scam_name(g: Group, rng, imitated: Member) -> str:
    taken = {m.name for m in g.members}
    for template in rng.sample(texts.SCAM_NAMES, len(texts.SCAM_NAMES)):
        name = template.format(admin=imitated.name)
        if name not in taken:
            return name
    return f"客服{rng.randrange(100, 999)}"


CAUSES: dict[str, Cause] = {
    "spam_ads": Cause(_nothing, plant_spam),
    "message_overload": Cause(prepare_overload, plant_overload),
    "low_quality_influx": Cause(_nothing, plant_influx),
    "unresolved_complaints": Cause(prepare_complaints, plant_complaints),
    "admin_unresponsive": Cause(prepare_silence, plant_silence),
    "promo_fatigue": Cause(prepare_promos, plant_promos),
    "scam_incident": Cause(_nothing, plant_scam),
}
DRIVERS = tuple(CAUSES)
