"""How a planted cause makes people leave: its share of exits, who is still there, when they go.

Every cause ends the same way (the people it touched leave, at waking hours, never after the
export), so these moves live once here and the cause modules only choose who and from when.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from . import texts
from .background import Env
from .world import Group, Member, Msg


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
