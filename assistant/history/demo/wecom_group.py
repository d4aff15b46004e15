"""Demo group 2: a WeCom customer group (客户群) run by a brand, with a QR-code campaign.

In week 6 a 双11裂变 poster brings a cohort in through a QR code with its own ``state``; most of them
leave again within days. WeCom states every leave (change_external_chat), so these exits are
recorded, not inferred; weekly groupchat/get responses give the snapshots and the campaign tags.
"""

from __future__ import annotations

import json
import random
import zlib
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from .population import Names, Person, chatter, days, daytime, grow

NAME = "品牌福利群（示例）"
CHAT_ID = "wrDEMObrand0001"
CAMPAIGN = "双11裂变海报"
LINES = ("这个券怎么用？", "今天有什么福利？", "已下单", "包邮吗", "谢谢客服", "什么时候发货？", "抽奖几点开始",
         "好的", "收到", "上次买的很好用", "有没有新品")  # fmt: skip
SCENES = {"invite": 1, "link": 2, "qr": 3}


def write(rng: random.Random, start: datetime, end: datetime, folder: Path, *, campaign_at: datetime) -> list[tuple[list[Path], dict]]:
    folder.mkdir(parents=True, exist_ok=True)
    names, counter = Names(rng), iter(range(1, 10_000))

    def make(**facts: object) -> Person:
        return Person(f"wmDEMO{next(counter):05d}", names(), _activity(rng), **facts)  # type: ignore[arg-type]

    staff = [
        Person("demo_staff_li", "客服小李", 2.0, role="owner"),
        Person("demo_staff_wu", "店长吴", 0.8, role="admin"),
    ]
    people = staff + [make(campaign="门店海报" if rng.random() < 0.3 else None) for _ in range(90)]
    grow(rng, people, start, end, make=make, joins_per_week=4, weekly_exit_rate=0.015,
         vias=(("qr", 0.6), ("invite", 0.3), ("link", 0.1)))  # fmt: skip
    _campaign(rng, people, make, campaign_at, end)
    said = chatter(rng, people, start, end, list(LINES))
    return [
        ([_archive(folder, said)], {}),
        ([_groupchat_get(folder, people, staff, start, end)], {}),
        ([_events(folder, people, start)], {}),
        ([_orders(rng, folder, people, start, end)], {"group": NAME}),
    ]


def _activity(rng: random.Random) -> float:
    return max(0.0, rng.gauss(0.25, 0.2)) if rng.random() < 0.5 else 0.0


def _campaign(
    rng: random.Random, people: list[Person], make: Callable[..., Person], start: datetime, end: datetime
) -> None:
    """~70 people join by the campaign QR within three days; 60% leave within ten days."""
    for _ in range(70):
        joined = start + timedelta(minutes=rng.randrange(3 * 24 * 60))
        person = make(joined=joined, via="qr", campaign=CAMPAIGN)
        person.activity = 0.05
        if rng.random() < 0.6:
            person.left = joined + timedelta(hours=rng.randrange(6, 240))
            person.exit_kind = "leave" if person.left < end else None
            person.left = person.left if person.left < end else None
        people.append(person)


def _archive(folder: Path, said: list) -> Path:
    lines = []
    for n, s in enumerate(sorted(said, key=lambda s: s.at), start=1):
        msgtype = {"text": "text", "image": "image", "sticker": "emotion"}[s.kind]
        payload = {"content": s.text} if s.kind == "text" else {"md5sum": f"{n:032x}", "filesize": 2048}
        lines.append({"msgid": f"demo{n:08d}", "action": "send", "from": s.who.key, "tolist": [], "roomid": CHAT_ID,
                      "msgtime": int(s.at.timestamp() * 1000), "msgtype": msgtype, msgtype: payload})  # fmt: skip
    path = folder / "会话存档.jsonl"
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")
    return path


def _groupchat_get(folder: Path, people: list[Person], staff: list[Person], start: datetime, end: datetime) -> Path:
    """Saved groupchat/get responses, one each morning, with the time the polling script saved them."""
    responses = []
    for day in days(start, end):
        moment = day.replace(hour=9)
        members = [_member(p, start) for p in people if p.member_at(moment)]
        responses.append({"fetched_at": f"{moment:%Y-%m-%d %H:%M:%S}", "errcode": 0, "errmsg": "ok", "group_chat": {
            "chat_id": CHAT_ID, "name": NAME, "owner": staff[0].key, "create_time": int((start - timedelta(days=200)).timestamp()),
            "member_list": members, "admin_list": [{"userid": staff[1].key}]}})  # fmt: skip
    path = folder / "groupchat_get.json"
    path.write_text(json.dumps(responses, ensure_ascii=False), encoding="utf-8")
    return path


def _member(person: Person, start: datetime) -> dict:
    joined = person.joined or start - timedelta(days=30 + zlib.crc32(person.key.encode()) % 150)
    entry = {"userid": person.key, "type": 1 if person.role else 2, "join_time": int(joined.timestamp()),
             "join_scene": SCENES.get(person.via or "invite", 1), "group_nickname": "", "name": person.name}  # fmt: skip
    if person.campaign:
        entry["state"] = person.campaign
    return entry


def _events(folder: Path, people: list[Person], start: datetime) -> Path:
    """The change_external_chat callbacks the brand's server logged: every join and every leave."""
    blocks = []
    for person in people:
        if person.joined:
            scene = 3 if person.via == "qr" else 0
            blocks.append((person.joined, "add_member", f"<JoinScene>{scene}</JoinScene>", person.key))
        if person.left and person.exit_kind:
            blocks.append(
                (
                    person.left,
                    "del_member",
                    f"<QuitScene>{0 if person.exit_kind == 'leave' else 1}</QuitScene>",
                    person.key,
                )
            )
    xml = [
        f"<xml><ToUserName><![CDATA[wwDEMO]]></ToUserName><CreateTime>{int(at.timestamp())}</CreateTime>"
        f"<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_chat]]></Event>"
        f"<ChatId><![CDATA[{CHAT_ID}]]></ChatId><ChangeType><![CDATA[update]]></ChangeType>"
        f"<UpdateDetail><![CDATA[{detail}]]></UpdateDetail>{scene}<MemChangeCnt>1</MemChangeCnt>"
        f"<MemChangeList><Item><![CDATA[{key}]]></Item></MemChangeList></xml>"
        for at, detail, scene, key in sorted(blocks)
    ]
    path = folder / "change_external_chat.xml"
    path.write_text("\n".join(xml) + "\n", encoding="utf-8")
    return path


def _orders(rng: random.Random, folder: Path, people: list[Person], start: datetime, end: datetime) -> Path:
    rows = ["order_id,buyer,buyer_id,paid_at,amount,refund,status,items"]
    buyers = [p for p in people if p.activity > 0 or p.campaign == CAMPAIGN]
    for n, day in enumerate(days(start, end)):
        for k in range(rng.randrange(3, 12)):
            buyer = rng.choice(buyers)
            paid = daytime(rng, day)
            if not buyer.member_at(paid):
                continue
            amount = rng.choice((29.9, 59.0, 99.0, 199.0))
            refund = amount if rng.random() < 0.08 else 0
            rows.append(f"WX{n:03d}{k:03d},{buyer.name},{buyer.key},{paid:%Y-%m-%d %H:%M:%S},{amount},{refund},"
                        f"{'refunded' if refund else 'paid'},福利套装")  # fmt: skip
    path = folder / "orders.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path
