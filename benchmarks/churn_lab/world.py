"""The simulated group, independent of any export format: people, messages, joins and exits.

A scenario is built once as a :class:`Group` and then written in every format, so the formats
are judged on the same history. Times are naive local times (Asia/Shanghai), as the exporters
write them; writers turn them into epochs with :data:`TZ`.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Shanghai")
# relative weight of each hour of the day for ordinary messages (quiet nights, busy evenings)
HOUR_WEIGHTS = (0.3, 0.15, 0.05, 0.03, 0.03, 0.1, 0.5, 1.5, 2.5, 2.5, 2.0, 2.0,
                2.5, 2.0, 1.5, 1.5, 1.5, 1.8, 2.2, 3.0, 3.5, 3.0, 2.0, 1.0)  # fmt: skip


@dataclass
class Member:
    uid: int
    name: str
    role: str  # owner | admin | member
    activity: float  # relative weight as a speaker; ~0 for lurkers
    joined_at: datetime | None = None  # None: in the group before the history starts
    via: str | None = None  # invite | qr | link | direct
    inviter: int | None = None  # uid of who invited them or shared the QR code / link
    left_at: datetime | None = None
    removed_by: int | None = None  # uid of the admin who removed them; None = left on their own
    group_nick: str | None = None
    tags: set[str] = field(default_factory=set)  # what the simulation made of them (cohort, spammer …)

    @property
    def is_admin(self) -> bool:
        return self.role in ("owner", "admin")

    def present(self, at: datetime) -> bool:
        joined = self.joined_at is None or self.joined_at <= at
        return joined and (self.left_at is None or self.left_at > at)


@dataclass
class Msg:
    at: datetime
    sender: int
    text: str
    kind: str = "text"  # text | image | sticker | link
    tag: str = "chatter"  # what it is in the story: announce, question, answer, complaint, spam …
    reply_to: Msg | None = None
    mentions: list[int] = field(default_factory=list)
    url: str | None = None  # for links: the target; text is then the card's title
    mid: int = 0  # set when the history is finalised (1-based, in time order)
    answered: bool = False  # for questions and complaints: an admin answered
    topic: tuple | None = None  # for questions: (product, answer templates), so a late answer stays on topic


@dataclass
class Group:
    name: str
    theme: str
    start: date  # Monday of the first background week
    week_start: date  # Monday of the analysed week (the last one)
    members: list[Member] = field(default_factory=list)
    messages: list[Msg] = field(default_factory=list)
    chat_id: int = 0

    @property
    def end(self) -> datetime:
        """When the export was taken: Sunday night of the analysed week."""
        return datetime.combine(self.week_start + timedelta(days=6), datetime.min.time()).replace(hour=23, minute=40)

    @property
    def week_begin(self) -> datetime:
        return datetime.combine(self.week_start, datetime.min.time())

    @property
    def iso_week(self) -> str:
        year, week, _ = self.week_start.isocalendar()
        return f"{year}-W{week:02d}"

    @property
    def owner(self) -> Member:
        return next(m for m in self.members if m.role == "owner")

    @property
    def admins(self) -> list[Member]:
        return [m for m in self.members if m.is_admin]

    def present(self, at: datetime, *, admins: bool = False) -> list[Member]:
        return [m for m in self.members if m.present(at) and (admins or not m.is_admin)]

    def add(self, msg: Msg) -> Msg:
        self.messages.append(msg)
        return msg

    def finalise(self) -> None:
        """Drop what nobody could have said (before joining, after leaving), order and number the rest."""
        by_uid = {m.uid: m for m in self.members}
        kept = [m for m in self.messages if by_uid[m.sender].present(m.at) and m.at <= self.end]
        alive = {id(m) for m in kept}
        for msg in kept:
            if msg.reply_to is not None and id(msg.reply_to) not in alive:
                msg.reply_to = None
        kept.sort(key=lambda m: (m.at, m.sender))
        for number, msg in enumerate(kept, 1):
            msg.mid = number
        self.messages = kept


def day_time(rng: random.Random, day: date, hours: tuple[float, ...] = HOUR_WEIGHTS) -> datetime:
    """A moment on ``day`` drawn from the daily rhythm."""
    hour = rng.choices(range(24), weights=hours)[0]
    return datetime.combine(day, datetime.min.time()) + timedelta(hours=hour, seconds=rng.randrange(3600))


def poisson(rng: random.Random, lam: float) -> int:
    """A Poisson draw (stdlib only): Knuth for small means, a rounded normal for large ones."""
    if lam <= 0:
        return 0
    if lam > 40:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def epoch(at: datetime) -> int:
    return int(at.replace(tzinfo=TZ).timestamp())


def transcript(g: Group, since: datetime) -> str:
    """The history from ``since`` as readable lines, with the story tags: for reading a scenario."""
    lines: list[tuple[datetime, str]] = []
    for m in g.members:
        if m.joined_at and m.joined_at >= since:
            how = f"{m.via} via {g.members[m.inviter].name}" if m.inviter is not None else m.via
            lines.append((m.joined_at, f"++ {m.name} joined ({how}) {sorted(m.tags) or ''}"))
        if m.left_at and m.left_at >= since:
            how = f"removed by {g.members[m.removed_by].name}" if m.removed_by is not None else "left"
            lines.append((m.left_at, f"-- {m.name} {how} {sorted(m.tags) or ''}"))
    for msg in g.messages:
        if msg.at >= since:
            sender = g.members[msg.sender]
            reply = f" ↩{msg.reply_to.mid}" if msg.reply_to else ""
            role = "*" if sender.is_admin else ""
            lines.append((msg.at, f"#{msg.mid} [{msg.tag}] {role}{sender.name}: {msg.text}{reply}"))
    return "\n".join(f"{at:%m-%d %a %H:%M} {text}" for at, text in sorted(lines, key=lambda item: item[0]))
