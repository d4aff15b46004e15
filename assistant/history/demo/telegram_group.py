"""Demo group 3: a Telegram interest group (摄影爱好者), exported as Telegram Desktop ``result.json``.

In week 7 an ad-spam wave hits: fifteen accounts join by the invite link within the hour, post ads,
and an admin removes them. Telegram states joins, voluntary leaves (actor == member) and removals.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from .population import Names, Person, Said, chatter, grow

NAME = "摄影爱好者交流群（示例）"
CHAT_ID = 1900000001
LINES = ("今天的晚霞太美了", "这张用的什么镜头？", "周末去扫街吗", "求推荐入门相机", "后期用的LR还是PS？",
         "学到了", "构图很棒", "光线好舒服", "下次活动带上我", "有没有人去植物园拍花")  # fmt: skip
ADS = ("加V领取免费课程，名额有限", "兼职日结300，私聊我", "低价出售会员，需要的私聊")


def write(rng: random.Random, start: datetime, end: datetime, folder: Path, *, spam_at: datetime) -> list[tuple[list[Path], dict]]:
    folder.mkdir(parents=True, exist_ok=True)
    names, counter = Names(rng), iter(range(1, 10_000))

    def make(**facts: object) -> Person:
        return Person(f"user{3_000_000 + next(counter)}", names(), max(0.0, rng.gauss(0.3, 0.35)), **facts)  # type: ignore[arg-type]

    admin = Person("user2999999", "老周（管理员）", 1.0, role="admin")
    people = [admin] + [make() for _ in range(80)]
    grow(rng, people, start, end, make=make, joins_per_week=3.5, weekly_exit_rate=0.012,
         vias=(("link", 0.6), ("invite", 0.4)))  # fmt: skip
    said = chatter(rng, people, start, end, list(LINES))
    said += _spam_wave(rng, people, make, admin, spam_at)
    _fed_up(rng, people, spam_at)
    path = folder / "result.json"
    path.write_text(json.dumps(_export(people, said, admin), ensure_ascii=False, indent=1), encoding="utf-8")
    return [([path], {})]


def _spam_wave(
    rng: random.Random, people: list[Person], make: Callable[..., Person], admin: Person, at: datetime
) -> list[Said]:
    said = []
    for n in range(15):
        joined = at + timedelta(minutes=rng.randrange(40))
        spammer = make(joined=joined, via="link")
        spammer.activity, spammer.tags = 0.0, {"spam"}
        spammer.left, spammer.exit_kind = at + timedelta(minutes=90 + n * 2), "removed"
        spammer.inviter = admin
        people.append(spammer)
        for k in range(rng.randrange(1, 4)):
            said.append(Said(joined + timedelta(minutes=2 + k * 5), spammer, "text", rng.choice(ADS)))
    return said


def _fed_up(rng: random.Random, people: list[Person], spam_at: datetime) -> None:
    """Some regular members leave on their own within two days of the spam wave."""
    regulars = [p for p in people if p.role is None and p.left is None and "spam" not in p.tags and p.member_at(spam_at)]
    for person in rng.sample(regulars, min(6, len(regulars))):
        person.left, person.exit_kind = spam_at + timedelta(hours=rng.randrange(3, 48)), "leave"


def _export(people: list[Person], said: list[Said], admin: Person) -> dict:
    items = [_message(s) for s in said]
    for person in people:
        if person.joined:
            items.append(_join(person))
        if person.left and person.exit_kind:
            remover = person if person.exit_kind == "leave" else admin
            items.append(_service(person.left, remover, "remove_members", members=[person.name]))
    items.sort(key=lambda item: int(item["date_unixtime"]))
    for n, item in enumerate(items, start=1):
        item["id"] = n
    return {"name": NAME, "type": "private_supergroup", "id": CHAT_ID, "messages": items}


def _join(person: Person) -> dict:
    if person.via == "link":
        return _service(person.joined, person, "join_group_by_link", inviter="Group")
    inviter = person.inviter or person
    return _service(person.joined, inviter, "invite_members", members=[person.name])


def _service(at: datetime, actor: Person, action: str, **extra: object) -> dict:
    return {"type": "service", "date": f"{at:%Y-%m-%dT%H:%M:%S}", "date_unixtime": str(int(at.timestamp())),
            "actor": actor.name, "actor_id": actor.key, "action": action, **extra, "text": "", "text_entities": []}  # fmt: skip


def _message(s: Said) -> dict:
    item = {"type": "message", "date": f"{s.at:%Y-%m-%dT%H:%M:%S}", "date_unixtime": str(int(s.at.timestamp())),
            "from": s.who.name, "from_id": s.who.key, "text": s.text or "", "text_entities": []}  # fmt: skip
    if s.kind == "image":
        item["photo"] = "(File not included. Change data exporting settings to download.)"
    elif s.kind == "sticker":
        item.update(file="(File not included. Change data exporting settings to download.)", media_type="sticker")
    if s.text:
        item["text_entities"] = [{"type": "plain", "text": s.text}]
    return item
