"""Telegram Desktop "Export chat history" → ``result.json`` (machine-readable JSON, one chat).

Layout per ../shared/docs/formats.md §5.1 (tdesktop ``export_output_json.cpp``): pretty-printed with
one-space indent, ``date`` in the exporting PC's local time, ``date_unixtime`` as a string, ``text``
a string or a list mixing strings and entity objects, ``text_entities`` always a list. Joins are
service messages (``invite_members`` — a self-invite is a join on one's own —, ``join_group_by_link``
with the link's ``inviter``); a leave is ``remove_members`` whose actor is the member; a kick has an
admin as actor. Nothing says who the admins are: the export carries no roles.
"""

from __future__ import annotations

import json
import random
from datetime import datetime
from pathlib import Path

from .. import people
from ..world import Group, Member, Msg, epoch
from . import Export

NOT_INCLUDED = "(File not included. Change data exporting settings to download.)"
STICKER_EMOJI = ["😂", "👍", "🤣", "😊", "🙏", "❤️", "😭"]


def write(g: Group, folder: Path) -> Export:
    rng = random.Random(f"telegram:{g.chat_id}")
    ids = {m.uid: people.telegram_id(rng) for m in g.members}
    items: list[tuple[datetime, int, dict]] = []
    for member in g.members:
        if member.joined_at:
            items.append((member.joined_at, 0, _join(g, member, ids)))
        if member.left_at:
            items.append((member.left_at, 2, _leave(g, member, ids)))
    for msg in g.messages:
        items.append((msg.at, 1, _message(g, msg, ids, rng)))
    items.sort(key=lambda item: (item[0], item[1]))
    by_mid: dict[int, int] = {}
    messages = []
    for number, (at, _, item) in enumerate(items, 1):
        item = {"id": number, "type": item.pop("type"), "date": at.isoformat(timespec="seconds"),
                "date_unixtime": str(epoch(at)), **item}  # fmt: skip
        if "mid" in item:
            by_mid[item.pop("mid")] = number
        messages.append(item)
    for item in messages:
        if "reply_to_mid" in item:
            target = by_mid.get(item.pop("reply_to_mid"))
            if target:
                item["reply_to_message_id"] = target
    path = folder / "result.json"
    document = {"name": g.name, "type": "private_supergroup", "id": g.chat_id, "messages": messages}
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    return Export([path], g.name)


def _join(g: Group, member: Member, ids: dict[int, str]) -> dict:
    inviter = g.members[member.inviter] if member.inviter is not None else None
    empty = {"text": "", "text_entities": []}
    if member.via in ("link", "qr"):
        item = {"type": "service", "actor": member.name, "actor_id": ids[member.uid], "action": "join_group_by_link"}
        return {**item, "inviter": inviter.name if inviter else "Group", **empty}
    actor = inviter if member.via == "invite" and inviter else member
    return {"type": "service", "actor": actor.name, "actor_id": ids[actor.uid], "action": "invite_members",
            "members": [member.name], **empty}  # fmt: skip


def _leave(g: Group, member: Member, ids: dict[int, str]) -> dict:
    actor = g.members[member.removed_by] if member.removed_by is not None else member
    return {"type": "service", "actor": actor.name, "actor_id": ids[actor.uid], "action": "remove_members",
            "members": [member.name], "text": "", "text_entities": []}  # fmt: skip


def _message(g: Group, msg: Msg, ids: dict[int, str], rng: random.Random) -> dict:
    sender = g.members[msg.sender]
    item: dict = {"type": "message", "from": sender.name, "from_id": ids[sender.uid], "mid": msg.mid}
    if msg.reply_to is not None:
        item["reply_to_mid"] = msg.reply_to.mid
    if msg.kind == "image":
        item |= {"photo": NOT_INCLUDED, "width": rng.choice([720, 1080, 1280]), "height": rng.choice([960, 1280, 1920])}
        return item | {"text": "", "text_entities": []}
    if msg.kind == "sticker":
        item |= {"file": NOT_INCLUDED, "thumbnail": NOT_INCLUDED, "media_type": "sticker",
                 "sticker_emoji": rng.choice(STICKER_EMOJI), "width": 512, "height": 512}  # fmt: skip
        return item | {"text": "", "text_entities": []}
    parts = _parts(g, msg, ids)
    entities = [{"type": "plain", "text": p} if isinstance(p, str) else p for p in parts]
    text = parts[0] if len(parts) == 1 and isinstance(parts[0], str) else parts
    return item | {"text": text, "text_entities": entities}


def _parts(g: Group, msg: Msg, ids: dict[int, str]) -> list:
    """The text as Telegram splits it: mentions of members and links become entities."""
    text = msg.text.replace("\u2005", " ")
    if msg.kind == "link":
        return [f"{text}\n", {"type": "link", "text": msg.url}]
    parts: list = []
    for uid in msg.mentions:
        name = g.members[uid].name
        head, sep, tail = text.partition(f"@{name}")
        if not sep:
            continue
        if head:
            parts.append(head)
        parts.append({"type": "mention_name", "text": name, "user_id": int(ids[uid].removeprefix("user"))})
        text = tail
    for word in text.split(" "):
        if word.startswith(("http://", "https://")):
            head, _, text = text.partition(word)
            if head:
                parts.append(head)
            parts.append({"type": "link", "text": word})
    if text:
        parts.append(text)
    return parts or [""]
