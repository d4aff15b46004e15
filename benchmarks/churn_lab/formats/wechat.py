"""WeChat: the MemoTrace (留痕) per-chat CSV, plus one member list per week.

The chat is ``<群名>_utf8.csv`` as MemoTrace v2 writes it (../shared/docs/formats.md §1.2.1): UTF-8
with BOM, Python csv quoting and CRLF, the twelve columns, ``CreateTime`` in Unix seconds and
``StrTime`` in local time, ``Remark`` sanitised, system rows (Type 10000) with empty sender columns;
some files come newest-first like the last open-source build. The exporting account is the owner
(``IsSender`` 1), so owner's kicks appear as ``你将"X"移出了群聊`` and joins through the owner's QR
code as ``…通过扫描你分享的二维码加入群聊``. WeChat writes nothing when someone leaves on their own:
exits are only visible in the member lists, taken every Sunday at 23:00 (CSV one week, XLSX the
next), so they are known as intervals. The lists carry 微信号, 昵称, 群昵称, 性别, 地区 and the time
the list was taken (快照时间), no roles, no join times.
"""

from __future__ import annotations

import csv
import hashlib
import random
import re
from datetime import datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl import Workbook

from .. import people
from ..world import Group, Msg, epoch
from . import Export

HEADER = ["localId", "TalkerId", "Type", "SubType", "IsSender", "CreateTime", "Status", "StrContent", "StrTime",
          "Remark", "NickName", "Sender"]  # fmt: skip
MEMBER_HEADER = ["微信号", "昵称", "群昵称", "性别", "地区", "快照时间"]
REGIONS = ["广东 深圳", "广东 广州", "浙江 杭州", "上海 浦东", "江苏 南京", "四川 成都", "湖北 武汉", "北京 朝阳", ""]
_UNSAFE = re.compile(r'[\\/:*?"<>|\s.]')


def write(g: Group, folder: Path) -> Export:
    rng = random.Random(f"wechat:{g.chat_id}")
    ids = {m.uid: people.wechat_id(rng) for m in g.members}
    chat = folder / f"{_safe(g.name)}_utf8.csv"
    _chat(g, chat, ids, rng)
    return Export([chat, *member_lists(g, folder, ids, rng)], g.name, group_option=g.name)


def _safe(name: str) -> str:
    return _UNSAFE.sub("_", name)


def _chat(g: Group, path: Path, ids: dict[int, str], rng: random.Random) -> None:
    room = f"{g.chat_id}@chatroom"
    rows: list[tuple[datetime, list]] = [(m.at, _message_row(g, m, ids, room)) for m in g.messages]
    for member in g.members:
        if member.joined_at:
            rows.append((member.joined_at, _system_row(join_text(g, member))))
        if member.left_at and member.removed_by == g.owner.uid:
            rows.append((member.left_at, _system_row(f'你将"{member.name}"移出了群聊')))
    rows.sort(key=lambda row: row[0])
    if rng.random() < 0.25:  # the last open-source MemoTrace wrote newest first
        rows.reverse()
    talker = rng.randrange(10, 400)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(HEADER)
        for local_id, (at, row) in enumerate(rows, 1):
            kind, sub, is_self, status, content, remark, nick, sender = row
            out.writerow([local_id, talker, kind, sub, is_self, epoch(at), status, content,
                          at.strftime("%Y-%m-%d %H:%M:%S"), remark, nick, sender])  # fmt: skip


def _message_row(g: Group, msg: Msg, ids: dict[int, str], room: str) -> list:
    sender = g.members[msg.sender]
    is_self = 1 if sender.role == "owner" else 0
    kind, sub, content = _content(g, msg, ids, room)
    return [kind, sub, is_self, 2, content, _safe(sender.name), sender.name, ids[sender.uid]]


def _system_row(text: str) -> list:
    return [10000, 0, 0, 4, text, "", "", ""]


def _content(g: Group, msg: Msg, ids: dict[int, str], room: str) -> tuple[int, int, str]:
    """(Type, SubType, StrContent) as the database holds them; app messages keep their XML."""
    if msg.kind == "image":
        return 3, 0, f'<?xml version="1.0"?><msg><img length="{msg.mid * 37 % 90000 + 20000}" md5="{_md5(msg)}" /></msg>'
    if msg.kind == "sticker":
        return 47, 0, f'<msg><emoji fromusername="{ids[msg.sender]}" tousername="{room}" type="2" md5="{_md5(msg)}" /></msg>'
    if msg.kind == "link":
        return 49, 5, (f"<msg><appmsg><title>{escape(msg.text)}</title><des></des><type>5</type>"
                       f"<url>{escape(msg.url or '')}</url></appmsg></msg>")  # fmt: skip
    if msg.reply_to is not None:
        quoted = msg.reply_to
        refer = (f"<refermsg><type>1</type><svrid>{svrid(quoted)}</svrid><fromusr>{room}</fromusr>"
                 f"<chatusr>{ids[quoted.sender]}</chatusr><displayname>{escape(g.members[quoted.sender].name)}"
                 f"</displayname><content>{escape(quoted.text)}</content></refermsg>")  # fmt: skip
        return 49, 57, f"<msg><appmsg><title>{escape(msg.text)}</title><type>57</type>{refer}</appmsg></msg>"
    return 1, 0, msg.text


def _md5(msg: Msg) -> str:
    return hashlib.md5(f"{msg.mid}:{msg.sender}:{msg.at}".encode()).hexdigest()


def svrid(msg: Msg) -> int:
    return 7_000_000_000_000_000_000 + msg.mid * 7919


def join_text(g: Group, member) -> str:
    inviter = g.members[member.inviter] if member.inviter is not None else g.owner
    if member.via == "invite":
        return f'你邀请"{member.name}"加入了群聊' if inviter.role == "owner" else f'"{inviter.name}"邀请"{member.name}"加入了群聊'
    if inviter.role == "owner":  # QR codes (WeChat groups have no links; a link join is a scanned code)
        return f'" {member.name}"通过扫描你分享的二维码加入群聊'
    return f'" {member.name}"通过扫描"{inviter.name}"分享的二维码加入群聊'


def member_lists(g: Group, folder: Path, ids: dict[int, str], rng: random.Random) -> list[Path]:
    """Every Sunday 23:00 from the eve of the history to the end of the analysed week (shared with the ChatLab export)."""
    facts = {m.uid: (rng.choice(["男", "女", "女", "未知"]), rng.choice(REGIONS)) for m in g.members}
    paths = []
    first = datetime.combine(g.start, datetime.min.time()) - timedelta(hours=1)
    week = 0
    while (taken := first + timedelta(weeks=week)) <= g.end:
        rows = [[ids[m.uid], m.name, m.group_nick or "", *facts[m.uid], taken]
                for m in g.members if m.present(taken)]  # fmt: skip
        stem = folder / f"群成员_{taken:%Y%m%d}"
        paths.append(_xlsx(stem.with_suffix(".xlsx"), rows) if week % 2 else _csv(stem.with_suffix(".csv"), rows))
        week += 1
    return paths


def _csv(path: Path, rows: list[list]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(MEMBER_HEADER)
        out.writerows([*row[:-1], f"{row[-1]:%Y-%m-%d %H:%M}"] for row in rows)
    return path


def _xlsx(path: Path, rows: list[list]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "群成员"
    sheet.append(MEMBER_HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path
