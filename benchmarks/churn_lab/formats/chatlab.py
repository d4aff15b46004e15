"""ChatLab standard format v0.0.2, JSON, as WeFlow writes it for a WeChat 4.x group, plus weekly member lists.

The layout follows ../shared/docs/chatlab-format.md §2 (WeFlow's file export): ``meta.platform``
``wechat``, ``groupId`` ``<digits>@chatroom``, **no ``ownerId`` and no ``roles``**; ``members`` holds a
pseudo-member for the group id (WeFlow lists it when there are system tips), every sender and everyone
in the group at export time, with wxids as ``platformId``. Messages: text 0 (@mentions inline as
``@名字\u2005``), pictures 1 ``[图片]``, stickers 5 ``[表情包]``, link cards 7 ``[title](url)``, quote
replies 25 ``<text>[引用 <name>：<preview>]`` with ``replyToMessageId`` (the quoted svrid), every
message with its svrid as ``platformMessageId`` (system tips have none). Joins and the owner's kicks
are type-80 tips from the group id, in WeChat's words (``"A"邀请"B"加入了群聊``,
``" B"通过扫描"A"分享的二维码加入群聊``, ``你将"X"移出了群聊``; the exporter is the owner). WeChat shows
no tip when someone leaves on their own, so, as with the MemoTrace CSV, exits are known only from the
member lists taken every Sunday 23:00 (the same lists the WeChat export has).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from .. import people
from ..world import Group, Member, Msg, epoch
from . import Export
from .wechat import join_text, member_lists, svrid

TYPES = {"text": 0, "image": 1, "sticker": 5, "link": 7}
KNOWN_TYPES = {0, 1, 2, 3, 4, 5, 7, 8, 20, 21, 22, 23, 24, 25, 26, 27, 80, 81, 99}
SYSTEM = "SYSTEM"
PREVIEW = 30  # characters of the quoted message WeFlow keeps in a reply's text


def write(g: Group, folder: Path) -> Export:
    rng = random.Random(f"chatlab:{g.chat_id}")
    ids = {m.uid: people.wechat_id(rng) for m in g.members}
    room = f"{g.chat_id}@chatroom"
    events = [(m.at, 1, _message(g, m, ids)) for m in g.messages]
    for member in g.members:
        if member.joined_at:
            events.append((member.joined_at, 0, _system(g, room, member.joined_at, join_text(g, member))))
        if member.left_at and member.removed_by == g.owner.uid:
            events.append((member.left_at, 2, _system(g, room, member.left_at, f'你将"{member.name}"移出了群聊')))
    events.sort(key=lambda e: (e[0], e[1]))
    speakers = {m.sender for m in g.messages}
    members = [{"platformId": room, "accountName": g.name}]
    members += [_member(m, ids) for m in g.members if m.uid in speakers or m.present(g.end)]
    document = {
        "chatlab": {"version": "0.0.2", "exportedAt": epoch(g.end), "generator": "WeFlow"},
        "meta": {"name": g.name, "platform": "wechat", "type": "group", "groupId": room},
        "members": members,
        "messages": [e[2] for e in events],
    }
    path = folder / f"{g.name}.json"
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return Export([path, *member_lists(g, folder, ids, rng)], g.name, group_option=g.name)


def _member(member: Member, ids: dict[int, str]) -> dict:
    entry: dict = {"platformId": ids[member.uid], "accountName": member.name}
    if member.group_nick:
        entry["groupNickname"] = member.group_nick
    return entry


def _message(g: Group, msg: Msg, ids: dict[int, str]) -> dict:
    sender = g.members[msg.sender]
    kind, content = TYPES[msg.kind], msg.text
    if msg.kind == "link":
        content = f"[{msg.text}]({msg.url})"
    elif msg.kind == "sticker":
        content = "[表情包]"
    item = {"sender": ids[sender.uid], "accountName": sender.name, "timestamp": epoch(msg.at), "type": kind,
            "content": content, "platformMessageId": str(svrid(msg))}  # fmt: skip
    if sender.group_nick:
        item["groupNickname"] = sender.group_nick
    if msg.reply_to is not None:
        quoted = msg.reply_to
        preview = quoted.text if quoted.kind == "text" else f"[{'图片' if quoted.kind == 'image' else '链接'}]"
        item |= {"type": 25, "content": f"{msg.text}[引用 {g.members[quoted.sender].name}：{preview[:PREVIEW]}]",
                 "replyToMessageId": str(svrid(quoted))}  # fmt: skip
    return item


def _system(g: Group, room: str, at, text: str) -> dict:
    return {"sender": room, "accountName": g.name, "timestamp": epoch(at), "type": 80, "content": text}


def problems(document: dict) -> list[str]:
    """What ChatLab's strict validator would reject (its rules as the research notes list them)."""
    found = []
    head = document.get("chatlab", {})
    if head.get("version") not in ("0.0.1", "0.0.2"):
        found.append("version")
    if not isinstance(head.get("exportedAt"), int) or not 0 <= head["exportedAt"] < 10**11:
        found.append("exportedAt")
    meta, members = document.get("meta", {}), document.get("members") or []
    if not all(meta.get(key) for key in ("name", "platform", "type")):
        found.append("meta")
    ids = [m.get("platformId") for m in members]
    if not ids or len(ids) != len(set(ids)) or not all(m.get("accountName") for m in members):
        found.append("members")
    if meta.get("ownerId") and meta["ownerId"] not in ids:
        found.append("ownerId")
    known, seen = set(ids), set()
    for n, msg in enumerate(document.get("messages") or []):
        sender_ok = msg.get("sender") in known or (msg.get("sender") == SYSTEM and msg.get("type") in (80, 81))
        if not sender_ok or msg.get("type") not in KNOWN_TYPES or "content" not in msg:
            found.append(f"message {n}")
        if not isinstance(msg.get("timestamp"), int) or not isinstance(msg.get("accountName"), str):
            found.append(f"message {n} fields")
        if msg.get("platformMessageId") is not None and msg["platformMessageId"] in seen:
            found.append(f"message {n} duplicate id")
        seen.add(msg.get("platformMessageId"))
    return found
