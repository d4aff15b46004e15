"""ChatLab standard format v0.0.2, JSON (../shared/docs/chatlab-format.md §1).

Written as a QQ group converted to ChatLab (``meta.platform`` ``qq``, QQ numbers as ``platformId``),
because ChatLab has no structured join/leave event: membership changes are type-80 system messages
from the reserved ``SYSTEM`` sender whose text must be matched. The texts are the QQ gray tips listed
for QQChatExporter (``X加入了群聊``, ``A邀请B加入了群聊``, ``B通过A分享的二维码加入了群聊``); the leave
and kick tips (``X退出了群聊``, ``X被A移出了群聊``) are not in the research notes and are an assumption.
Unlike WeFlow's file export, owner and admins carry ``roles`` (the spec allows them). ``members``
holds every sender and everyone in the group at export time; replies are type 25 with
``replyToMessageId``; @mentions stay inline (``@名字 ``).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from .. import people
from ..world import Group, Member, Msg, epoch
from . import Export

TYPES = {"text": 0, "image": 1, "sticker": 5, "link": 7}
KNOWN_TYPES = {0, 1, 2, 3, 4, 5, 7, 8, 20, 21, 22, 23, 24, 25, 26, 27, 80, 81, 99}
SYSTEM = "SYSTEM"


def write(g: Group, folder: Path) -> Export:
    rng = random.Random(f"chatlab:{g.chat_id}")
    ids = {m.uid: people.qq_number(rng) for m in g.members}
    events = [(m.at, 1, _message(g, m, ids)) for m in g.messages]
    for member in g.members:
        if member.joined_at:
            events.append((member.joined_at, 0, _system(member.joined_at, _join_text(g, member))))
        if member.left_at:
            events.append((member.left_at, 2, _system(member.left_at, _leave_text(g, member))))
    events.sort(key=lambda e: (e[0], e[1]))
    messages = [e[2] for e in events]
    for number, message in enumerate(messages, 1):
        message["platformMessageId"] = str(7_100_000_000 + number * 13)
    _link_replies(messages)
    speakers = {m.sender for m in g.messages}
    members = [_member(m, ids) for m in g.members if m.uid in speakers or m.present(g.end)]
    document = {
        "chatlab": {"version": "0.0.2", "exportedAt": epoch(g.end), "generator": "churn_lab"},
        "meta": {"name": g.name, "platform": "qq", "type": "group", "groupId": str(g.chat_id), "ownerId": ids[g.owner.uid]},
        "members": members,
        "messages": messages,
    }
    path = folder / f"群聊_{g.name}.json"
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return Export([path], g.name)


def _member(member: Member, ids: dict[int, str]) -> dict:
    entry: dict = {"platformId": ids[member.uid], "accountName": member.name}
    if member.group_nick:
        entry["groupNickname"] = member.group_nick
    if member.is_admin:
        entry["roles"] = [{"id": member.role}]
    return entry


def _message(g: Group, msg: Msg, ids: dict[int, str]) -> dict:
    sender = g.members[msg.sender]
    content = msg.text.replace("\u2005", " ")
    kind = TYPES[msg.kind]
    if msg.kind == "link":
        content = f"[{msg.text}]({msg.url})"
    elif msg.kind == "sticker":
        content = "[表情]"
    item = {"sender": ids[sender.uid], "accountName": sender.name, "timestamp": epoch(msg.at), "type": kind,
            "content": content, "_mid": msg.mid}  # fmt: skip
    if sender.group_nick:
        item["groupNickname"] = sender.group_nick
    if msg.reply_to is not None:
        item |= {"type": 25, "_reply": msg.reply_to.mid}
    return item


def _link_replies(messages: list[dict]) -> None:
    by_mid = {m.pop("_mid"): m["platformMessageId"] for m in messages if "_mid" in m}
    for message in messages:
        if "_reply" in message:
            target = by_mid.get(message.pop("_reply"))
            if target:
                message["replyToMessageId"] = target


def _system(at, text: str) -> dict:
    return {"sender": SYSTEM, "accountName": "系统消息", "timestamp": epoch(at), "type": 80, "content": text}


def _join_text(g: Group, member: Member) -> str:
    inviter = g.members[member.inviter] if member.inviter is not None else None
    if member.via == "invite" and inviter:
        return f"{inviter.name}邀请{member.name}加入了群聊"
    if member.via == "qr" and inviter:
        return f"{member.name}通过{inviter.name}分享的二维码加入了群聊"
    return f"{member.name}加入了群聊"


def _leave_text(g: Group, member: Member) -> str:
    if member.removed_by is not None:
        return f"{member.name}被{g.members[member.removed_by].name}移出了群聊"
    return f"{member.name}退出了群聊"


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
        if msg.get("platformMessageId") in seen:
            found.append(f"message {n} duplicate id")
        seen.add(msg.get("platformMessageId"))
    return found
