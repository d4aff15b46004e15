"""The causes that come in with new members: spam accounts, a low-quality cohort, a scammer.

Each adds its newcomers (ad accounts, a campaign's cohort, an account named like an admin), lets
them post, then makes people leave: the members who read them or, for the influx, the cohort
itself. Kept apart from the causes the team brings on (:mod:`.noise`, :mod:`.neglect`) because
here the trouble is who joined.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from . import texts
from .background import WORKING_HOURS, Env, newcomer
from .departures import awake, drive_out, extra_exits, leave, stayers
from .world import Group, Member, Msg, day_time


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
