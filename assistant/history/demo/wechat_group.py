"""Demo group 1: a WeChat 团购群 exported the way most users can — MemoTrace CSV from the owner's PC,
weekly chatlog member lists, and 快团团 order workbooks.

WeChat records joins (invite and QR code) and the owner's removals, never voluntary leaves; those
appear only as people missing from the next weekly member list, which is the point of the demo.
"""

from __future__ import annotations

import csv
import json
import random
from datetime import datetime, timedelta
from pathlib import Path

from ..importers.memotrace_csv import HEADER as MEMOTRACE_HEADER

from .population import Names, Person, Said, chatter, days, daytime, grow

NAME = "幸福里团购群（示例）"
LINES = ("明天几点到货？", "自提点在哪里？", "+1", "收到", "谢谢团长", "草莓甜吗？", "上次的蓝莓很新鲜", "还有名额吗",
         "我要两份", "今天的已经取到了", "团长辛苦了", "能送到楼下吗？", "这个什么时候再开团？", "好的")  # fmt: skip
COMPLAINTS = (
    "草莓坏了好几个，怎么退款？",
    "昨天的订单还没到，什么情况？",
    "蓝莓有点软，能换吗？",
    "退款申请了三天还没处理",
)
PRODUCTS = (
    ("草莓(2盒装)", 39.9),
    ("蓝莓", 15.0),
    ("车厘子1斤", 59.0),
    ("芒果5斤", 35.8),
    ("鸡蛋30枚", 26.5),
    ("牛奶整箱", 49.0),
)


def write(rng: random.Random, start: datetime, end: datetime, folder: Path) -> list[tuple[list[Path], dict]]:
    """Write the group's exports into ``folder``; returns ``(paths, import options)`` in import order."""
    folder.mkdir(parents=True, exist_ok=True)
    names, counter = Names(rng), iter(range(1, 10_000))

    def make(**facts: object) -> Person:
        n = next(counter)
        return Person(f"wxid_demo{n:04d}", names(), _activity(rng), **facts)  # type: ignore[arg-type]

    owner = Person("wxid_demo_owner", "团长小林", 3.0, role="owner")
    people = [owner] + [make() for _ in range(220)]
    grow(rng, people, start, end, make=make, joins_per_week=13, weekly_exit_rate=0.02,
         vias=(("invite", 0.6), ("qr", 0.4)))  # fmt: skip
    removed = rng.sample([p for p in people[1:] if p.left is None], 3)
    for person in removed:
        person.left, person.exit_kind = daytime(rng, end - timedelta(days=rng.randrange(3, 60))), "removed"
        person.joined = None if person.joined and person.joined >= person.left else person.joined
    said = chatter(rng, people, start, end, list(LINES)) + _business(rng, owner, people, start, end)
    said += _invoice_questions(random.Random(len(people)), people, owner, start, end)
    said += _weekend_questions(random.Random(len(people) + 1), people, owner, start, end)
    said += _dispute(random.Random(len(people) + 2), people, owner, end)
    jobs = [([_memotrace_csv(folder, people, said, owner)], {"group": NAME})]
    jobs += [([path], {"group": NAME, "at": at}) for path, at in _snapshots(folder, people, start, end)]
    jobs.append(([_orders(rng, folder, people, start, end)], {"group": NAME}))
    return jobs


def _activity(rng: random.Random) -> float:
    return max(0.0, rng.gauss(0.35, 0.3)) if rng.random() < 0.6 else 0.0


def _business(rng: random.Random, owner: Person, people: list[Person], start: datetime, end: datetime) -> list[Said]:
    """The owner's daily group-buy posts and 接龙, red packets, and a few complaints a week."""
    said = []
    for day in days(start, end):
        said.append(
            Said(day.replace(hour=9, minute=30), owner, "text", f"今日团购：{rng.choice(PRODUCTS)[0]}，晚上8点截单")
        )
        said.append(Said(day.replace(hour=10, minute=5), owner, "solitaire"))
        if rng.random() < 0.15:
            said.append(Said(day.replace(hour=20, minute=30), owner, "red_packet"))
        if rng.random() < 0.35:
            members = [p for p in people if p.member_at(day) and p is not owner]
            said.append(Said(daytime(rng, day), rng.choice(members), "text", rng.choice(COMPLAINTS)))
    return said


INVOICE_QUESTIONS = ("可以开发票吗？", "公司报销要发票，能开吗？", "发票怎么开？要写税号吗", "电子发票能开吗？")


def _invoice_questions(rng: random.Random, people: list[Person], owner: Person, start: datetime,
                       end: datetime) -> list[Said]:
    """A recurring question the playbooks do not answer (发票), asked now and then by different people.

    Its own random source, so that adding it leaves the rest of the demo exactly as it was."""
    said = []
    for n, day in enumerate(days(start, end)):
        if n % 9 == 4:
            members = [p for p in people if p.member_at(day) and p is not owner]
            said.append(Said(daytime(rng, day), rng.choice(members), "text", INVOICE_QUESTIONS[n // 9 % len(INVOICE_QUESTIONS)]))
    return said


WEEKEND_QUESTIONS = ("周末也配送吗？", "周六周日配送吗？", "周末配送照常吗？")
WEEKEND_ANSWER = "周末照常配送，周六周日下午4点前送达"


def _weekend_questions(rng: random.Random, people: list[Person], owner: Person, start: datetime,
                       end: datetime) -> list[Said]:
    """A recurring question the owner always answers the same way but the playbooks cannot (周末配送):
    what the topics page offers to turn into an FAQ entry. Its own random source, like the invoices."""
    said = []
    for n, day in enumerate(days(start, end)):
        if n % 6 == 2:
            members = [p for p in people if p.member_at(day) and p is not owner]
            asked = daytime(rng, day)
            said.append(Said(asked, rng.choice(members), "text", WEEKEND_QUESTIONS[n // 6 % len(WEEKEND_QUESTIONS)]))
            said.append(Said(asked + timedelta(minutes=rng.randrange(2, 15)), owner, "text", WEEKEND_ANSWER))
    return said


DISPUTE_DAYS_BEFORE_END = 10  # the evening of the 车厘子 dispute, counted back from the demo's last day
DISPUTE = (  # (minutes after 19:00, who: buyer | neighbour | owner, text)
    (2, "buyer", "昨天团的车厘子1斤 59元，到手称了只有半斤，还有好几个是烂的"),
    (6, "owner", "亲，麻烦拍一下称重和开箱的照片，我们核实一下"),
    (9, "buyer", "照片发群里了，要求全额退款59元"),
    (15, "neighbour", "我那份也少了，我也是59块买的"),
    (21, "owner", "签收已经超过24小时了，按群规只能退一半29.5元"),
    (25, "buyer", "凭什么？昨晚到的货今天才打开，不退全款我就去12315投诉"),
    (31, "neighbour", "团长这样不厚道啊，说好的足斤足两"),
    (42, "owner", "我跟供货商核实一下称重记录，明天中午前给答复"),
    (63, "buyer", "好，等你答复，不行就找平台仲裁"),
)


def _dispute(rng: random.Random, people: list[Person], owner: Person, end: datetime) -> list[Said]:
    """One evening's dispute over a short-weight 车厘子 order (59 元), between a buyer, a neighbour
    with the same complaint and the owner, amid the usual chatter: what the dispute summary of a
    date range must find. Its own random source, like the invoices."""
    evening = (end - timedelta(days=DISPUTE_DAYS_BEFORE_END)).replace(hour=19, minute=0, second=0)
    members = [p for p in people if p.member_at(evening) and p is not owner]
    buyer, neighbour = rng.sample(members, 2)
    who = {"buyer": buyer, "neighbour": neighbour, "owner": owner}
    return [Said(evening + timedelta(minutes=m), who[role], "text", text) for m, role, text in DISPUTE]


def _memotrace_csv(folder: Path, people: list[Person], said: list[Said], owner: Person) -> Path:
    rows = [_row(s.at, s.who, s.kind, s.text or "", owner) for s in said]
    for person in people:
        if person.joined:
            rows.append(_system(person.joined, _join_text(person, owner)))
        if person.exit_kind == "removed":
            rows.append(_system(person.left, f'你将"{person.name}"移出了群聊'))  # the owner's own export
    rows.sort(key=lambda row: row[3])  # by CreateTime, so localId grows with time
    path = folder / f"{NAME}_utf8.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(MEMOTRACE_HEADER)
        numbered = [[n, 35, *row] for n, row in enumerate(rows, start=1)]
        out.writerows(reversed(numbered))  # newest first, like MemoTrace's last open-source build
    return path


def _join_text(person: Person, owner: Person) -> str:
    if person.via == "qr":
        return f'"{person.name}"通过扫描"{person.inviter.name if person.inviter else owner.name}"分享的二维码加入群聊'
    inviter = person.inviter or owner
    return f'你邀请"{person.name}"加入了群聊' if inviter is owner else f'"{inviter.name}"邀请"{person.name}"加入了群聊'


_TYPES = {"text": (1, 0), "image": (3, 0), "sticker": (47, 0), "solitaire": (49, 53), "red_packet": (49, 2001)}


def _row(at: datetime, who: Person, kind: str, text: str, owner: Person) -> list:
    type_, sub = _TYPES[kind]
    return [
        type_,
        sub,
        int(who is owner),
        int(at.timestamp()),
        2,
        text,
        f"{at:%Y-%m-%d %H:%M:%S}",
        who.name,
        who.name,
        who.key,
    ]


def _system(at: datetime, text: str) -> list:
    return [10000, 0, 0, int(at.timestamp()), 4, text, f"{at:%Y-%m-%d %H:%M:%S}", "", "", ""]


def _snapshots(folder: Path, people: list[Person], start: datetime, end: datetime) -> list[tuple[Path, datetime]]:
    """chatlog's /api/v1/chatroom, saved every Sunday evening (and at the start)."""
    moments = [start + timedelta(hours=1)] + [d.replace(hour=21) for d in days(start, end) if d.weekday() == 6]
    out = []
    for n, moment in enumerate(m for m in moments if m < end):
        users = [{"userName": p.key, "displayName": p.name} for p in people if p.member_at(moment)]
        room = [
            {"name": "4300000001@chatroom", "owner": "wxid_demo_owner", "users": users, "remark": "", "nickName": NAME}
        ]
        path = folder / f"chatroom_{n:02d}.json"
        path.write_text(json.dumps(room, ensure_ascii=False), encoding="utf-8")
        out.append((path, moment))
    return out


def _orders(rng: random.Random, folder: Path, people: list[Person], start: datetime, end: datetime) -> Path:
    """One 快团团 workbook for the period: buyers are members, 6% refunded, some partly."""
    from openpyxl import Workbook  # only the demo writes workbooks

    book = Workbook(write_only=True)  # streamed rows: about a fifth faster to write than cell objects
    sheet = book.create_sheet()
    sheet.append(
        ["跟团号", "下单人", "团员备注", "支付时间", "团长备注", "商品", "订单金额", "退款金额", "订单状态", "自提点"]
    )
    buyers = [p for p in people if p.activity > 0.2]
    for day in days(start, end):
        for number in range(1, rng.randrange(15, 40)):
            buyer = rng.choice(buyers)
            paid = day.replace(hour=rng.randrange(10, 20), minute=rng.randrange(60))
            if not buyer.member_at(paid):
                continue
            product, price = rng.choice(PRODUCTS)
            amount = round(price * rng.choice((1, 1, 1, 2, 3)), 2)
            refund = amount if rng.random() < 0.04 else round(amount / 2, 2) if rng.random() < 0.03 else 0.0
            status = "已退款" if refund == amount else "部分退款" if refund else "已完成"
            sheet.append(
                [
                    number,
                    buyer.name,
                    "",
                    paid.replace(tzinfo=None),
                    "",
                    f"{product}×1",
                    amount,
                    refund,
                    status,
                    "幸福里3号门",
                ]
            )
    path = folder / "快团团订单导出.xlsx"
    book.save(path)
    return path
