"""One scenario = one group's history, drawn from ``(kind, seed)`` alone, with its ground truth.

``kind`` is a driver id (that cause is planted in the last week), ``control`` (nothing planted:
ordinary exit noise only) or ``mixed`` (two causes, each at 60–100 % strength). Same kind and seed,
same history, byte for byte, whatever the format it is written in.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from . import texts
from .background import Env, Params, daily_life, membership, populate
from .causes import CAUSES, DRIVERS
from .world import Group

CONTROL, MIXED = "control", "mixed"
KINDS = (*DRIVERS, CONTROL, MIXED)
# two causes that plausibly happen together (and a few that merely coincide)
PAIRS = (
    ("spam_ads", "scam_incident"), ("unresolved_complaints", "admin_unresponsive"),
    ("promo_fatigue", "message_overload"), ("low_quality_influx", "spam_ads"),
    ("unresolved_complaints", "promo_fatigue"), ("admin_unresponsive", "message_overload"),
    ("scam_incident", "low_quality_influx"), ("promo_fatigue", "low_quality_influx"),
)  # fmt: skip
FIRST_MONDAY = date(2026, 1, 5)


@dataclass
class Scenario:
    kind: str
    seed: int
    planted: list[str]
    group: Group
    truth: dict

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.seed:03d}"


def build(kind: str, seed: int) -> Scenario:
    if kind not in KINDS:
        raise ValueError(f"unknown scenario kind {kind!r}; choose from {', '.join(KINDS)}")
    rng = random.Random(f"churn_lab:{kind}:{seed}")
    params = _params(rng)
    theme = rng.choice(sorted(texts.THEMES))
    words = texts.THEMES[theme]
    week_start = FIRST_MONDAY + timedelta(weeks=rng.randrange(40))
    g = Group(rng.choice(words["group"]).format(n=rng.randint(1, 9)), theme,
              week_start - timedelta(weeks=params.weeks), week_start, chat_id=rng.randrange(1_000_000_000, 2_000_000_000))  # fmt: skip
    env = Env(rng, params, {"products": words["products"], "use": words["use"], "use_answer": words["use_answer"]})
    populate(g, env)
    planted = list(rng.choice(PAIRS)) if kind == MIXED else [] if kind == CONTROL else [kind]
    firsts = {driver: rng.choice([0, 0, 1, 1, 2, 3]) for driver in planted}
    for driver in planted:
        CAUSES[driver].prepare(g, env, firsts[driver])
    membership(g, env)
    daily_life(g, env)
    details = {}
    for driver in planted:
        dose = rng.uniform(0.6, 1.0) if kind == MIXED else 1.0
        details[driver] = {"first_day": firsts[driver], "dose": round(dose, 2),
                           **CAUSES[driver].plant(g, env, dose, firsts[driver])}  # fmt: skip
    g.finalise()
    return Scenario(kind, seed, planted, g, _truth(g, params, details))


def _params(rng: random.Random) -> Params:
    size = rng.choice([rng.randint(100, 200), rng.randint(200, 400), rng.randint(200, 400), rng.randint(400, 700)])
    return Params(
        size=size, weeks=rng.randint(8, 12), daily=max(25.0, size * rng.uniform(0.12, 0.28)),
        weekend=rng.uniform(0.55, 0.8), joins=rng.uniform(0.008, 0.025), exits=rng.uniform(0.003, 0.009),
        promos=rng.uniform(0.4, 1.8), answer=rng.uniform(0.85, 0.97), admins=rng.choice([2, 3, 3, 4]),
    )  # fmt: skip


def _truth(g: Group, params: Params, details: dict) -> dict:
    """What really happened, to judge the product's answer and to read failures by."""
    begin = g.week_begin
    weekly = []
    for week in range(params.weeks + 1):
        lo, hi = begin - timedelta(weeks=params.weeks - week), begin - timedelta(weeks=params.weeks - week - 1)
        weekly.append(sum(1 for m in g.members if m.left_at and lo <= m.left_at < hi))
    in_week = [m for m in g.members if m.left_at and m.left_at >= begin]
    return {
        "group": g.name, "theme": g.theme, "week": g.iso_week, "weeks_of_background": params.weeks,
        "members_at_week_start": len(g.present(begin, admins=True)), "size_at_start": params.size,
        "messages": len(g.messages), "messages_in_week": sum(1 for m in g.messages if m.at >= begin),
        "exits_in_week": len(in_week), "removed_in_week": sum(1 for m in in_week if m.removed_by is not None),
        "exits_per_week_before": weekly[:-1], "causes": details,
    }  # fmt: skip
