"""Synthetic people and their membership: who joins when and how, who leaves when and why.

Everything is drawn from one seeded random generator, so the same seed and end date give the same
community, file for file. Names are invented from common surnames and given-name characters.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅琳云飞鹏辉宇浩欣怡婷雪晨阳佳悦思雨嘉琪子涵若汐梓轩"


@dataclass
class Person:
    key: str  # platform id
    name: str
    activity: float  # expected messages per day while a member
    joined: datetime | None = None  # None: already in before the export starts
    left: datetime | None = None
    exit_kind: str | None = None  # leave | removed
    via: str | None = None  # invite | qr | link
    inviter: Person | None = None
    campaign: str | None = None
    role: str | None = None
    tags: set[str] = field(default_factory=set)

    def member_at(self, moment: datetime) -> bool:
        return (self.joined is None or self.joined <= moment) and (self.left is None or moment < self.left)


class Names:
    """Unique invented names, so name-to-id matching in the demo is unambiguous."""

    def __init__(self, rng: random.Random) -> None:
        self.rng, self.used = rng, set()

    def __call__(self) -> str:
        while True:
            name = self.rng.choice(SURNAMES) + "".join(self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2))))
            if name not in self.used:
                self.used.add(name)
                return name


def daytime(rng: random.Random, day: datetime) -> datetime:
    """A moment of ``day`` weighted to when people chat: mornings, lunch and evenings."""
    hour = rng.choices(range(7, 24), weights=[2, 4, 5, 4, 3, 6, 4, 3, 3, 3, 4, 6, 8, 9, 8, 5, 2])[0]
    return day.replace(hour=hour, minute=rng.randrange(60), second=rng.randrange(60))


def days(start: datetime, end: datetime) -> Iterator[datetime]:
    day = start.replace(hour=0, minute=0, second=0, microsecond=0)
    while day < end:
        yield day
        day += timedelta(days=1)


def activity(rng: random.Random) -> float:
    """Messages a day: most members lurk, a few talk a lot (a long tail)."""
    return round(rng.paretovariate(2.2) * 0.25 - 0.2, 2) if rng.random() < 0.65 else 0.0


def grow(
    rng: random.Random,
    people: list[Person],
    start: datetime,
    end: datetime,
    *,
    make: Callable[..., Person],
    joins_per_week: float,
    weekly_exit_rate: float,
    vias: tuple[tuple[str, float], ...],
) -> None:
    """Add steady joins and voluntary exits over the period (campaigns and incidents come on top).

    Exits are drawn per week as the rate times the members, give or take one, so that a calm group
    stays calm: the planted incidents must be the only rises the explainer can find.
    """
    all_days = list(days(start, end))
    for day in all_days:
        for _ in range(_poisson(rng, joins_per_week / 7)):
            inviter = rng.choice([p for p in people if p.member_at(day)])
            via = rng.choices([v for v, _ in vias], weights=[w for _, w in vias])[0]
            people.append(make(joined=daytime(rng, day), via=via, inviter=inviter))
    for first in range(0, len(all_days), 7):
        week = all_days[first : first + 7]
        staying = [p for p in people if p.role is None and p.left is None and p.member_at(week[0])]
        jitter = rng.choice((-1, 0, 0, 1)) if len(week) == 7 else 0
        count = max(0, round(weekly_exit_rate * len(staying) * len(week) / 7) + jitter)
        for person in rng.sample(staying, min(count, len(staying))):
            person.left, person.exit_kind = daytime(rng, rng.choice(week)), "leave"
            if person.joined and person.left <= person.joined:
                person.left = person.joined + timedelta(hours=rng.randrange(2, 48))


def _poisson(rng: random.Random, mean: float) -> int:
    count, threshold, product = 0, pow(2.718281828, -mean), rng.random()
    while product > threshold:
        count += 1
        product *= rng.random()
    return count


@dataclass
class Said:
    at: datetime
    who: Person
    kind: str  # text | image | sticker | solitaire | red_packet | link
    text: str | None = None


def chatter(rng: random.Random, people: list[Person], start: datetime, end: datetime, lines: list[str]) -> list[Said]:
    """Everyday messages: each member talks at their own rate while in; newcomers often say hello."""
    said = []
    for day in days(start, end):
        for person in people:
            for _ in range(_poisson(rng, person.activity)):
                at = daytime(rng, day)
                if person.member_at(at) and at < end:
                    kind = rng.choices(("text", "image", "sticker"), weights=(80, 12, 8))[0]
                    said.append(Said(at, person, kind, rng.choice(lines) if kind == "text" else None))
    for person in people:
        if person.joined and rng.random() < 0.5:
            hello = person.joined + timedelta(minutes=rng.randrange(5, 2880))
            if person.member_at(hello) and hello < end:
                said.append(Said(hello, person, "text", rng.choice(("大家好，新人报到", "谢谢邀请～", "大家好！"))))
    return said
