"""The causes that are too many messages: chatter floods and a run of promotions.

Both raise the week's volume before ordinary life is simulated (``prepare_*``), then plant the
floods or the complaints about them and make mostly quiet members leave, spread over the rest of
the week, rather than the people who spoke.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from . import texts
from .background import WORKING_HOURS, Env
from .departures import awake, day_of, extra_exits, leave, stayers, weighted_pool
from .world import Group, Member, Msg, day_time


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
