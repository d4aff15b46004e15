"""DiscordChatExporter JSON: one channel per file, with ids, roles, mentions and replies.

Membership exists only as system messages (docs/formats.md §5.2): ``GuildMemberJoin`` in the
server's system channel, ``RecipientAdd``/``RecipientRemove`` in group DMs (author == removed person
means they left). Server leaves and kicks are never exported. Timestamps carry an offset and a
variable number of fractional digits.
"""

from __future__ import annotations

from datetime import datetime

from ...i18n import t
from ..batch import Batch
from ..clock import parse_time
from ..options import ImportOptions
from ..records import GroupEvent, MemberEvent, Message, Role
from ..source import Source
from .base import load_json, role_of, refuse_private

NAME = "discord_json"
LABEL = "Discord · DiscordChatExporter JSON"
PLATFORM = "discord"
TEXT_TYPES = {"Default", "Reply", "ThreadCreated"}
GROUP_TYPES = {"ChannelNameChange": "rename", "ChannelPinnedMessage": "pin", "ChannelIconChange": "photo"}
IMAGE_EXT = (".png", ".jpg", ".jpeg", ".gif", ".webp")


def sniff(source: Source) -> bool:
    head = source.head
    return '"guild"' in head and '"channel"' in head and '"messages"' in head


def read(source: Source, options: ImportOptions, batch: Batch) -> None:
    document = load_json(source)
    guild, channel = document["guild"], document["channel"]
    if channel.get("type") == "DirectTextChat":  # a one-to-one DM (group DMs are DirectGroupTextChat)
        refuse_private(source, options, channel.get("name"))
    name = f"{guild.get('name')} · #{channel.get('name')}" if guild.get("name") else channel.get("name")
    grp = batch.group(chat_id=str(channel["id"]), name=name, kind=channel.get("type"))
    roled: set[str] = set()
    for item in document["messages"]:
        at = parse_time(item.get("timestamp"), options.tz)
        if at is None:
            batch.skip(t("import.skip.message", batch.language, id=item.get("id")), t("import.skip.time", batch.language))
            continue
        author = item.get("author") or {}
        who, name = str(author.get("id")), author.get("nickname") or author.get("name")
        if who not in roled:
            roled.add(who)
            batch.roles += [Role(who, role, at, grp) for role in _roles(author)]
        _message(batch, item, at, who, name, grp)


def _roles(author: dict) -> set[str]:
    roles = {role_of(role.get("name")) for role in author.get("roles") or []} - {None}
    return roles | ({"bot"} if author.get("isBot") else set())  # type: ignore[return-value]


def _message(batch: Batch, item: dict, at: datetime, who: str, name: str | None, grp: str) -> None:
    kind = item.get("type")
    others = [(str(m.get("id")), m.get("nickname") or m.get("name")) for m in item.get("mentions") or []]
    if kind == "GuildMemberJoin":
        batch.member_events.append(MemberEvent(at, "join", who, name, None, None, "link", None, "platform_event", grp))
    elif kind in ("RecipientAdd", "RecipientRemove"):
        subject_id, subject = others[0] if others else (who, name)
        event = "join" if kind == "RecipientAdd" else ("leave" if subject_id == who else "removed")
        actor = (None, None) if subject_id == who else (who, name)
        via = "invite" if event == "join" else None
        batch.member_events.append(
            MemberEvent(at, event, subject_id, subject, *actor, via, source="platform_event", grp=grp)
        )
    elif kind in GROUP_TYPES:
        batch.group_events.append(GroupEvent(at, GROUP_TYPES[kind], who, name, None, item.get("content"), grp))
    else:
        reference = (item.get("reference") or {}).get("messageId")
        batch.messages.append(Message(
            at, _kind(item), item.get("content") or None, who, name, reply_to=f"dc:{reference}" if reference else None,
            mentions=[n for _, n in others if n] or None, platform_msg_id=str(item["id"]), key=f"dc:{item['id']}",
            grp=grp,
        ))  # fmt: skip


def _kind(item: dict) -> str:
    if item.get("type") == "Call":
        return "call"
    if item.get("content") or item.get("type") not in TEXT_TYPES | {None}:
        return "text" if item.get("type") in TEXT_TYPES else "other"
    if item.get("stickers"):
        return "sticker"
    files = [a.get("fileName", "").lower() for a in item.get("attachments") or []]
    if files:
        return "image" if all(f.endswith(IMAGE_EXT) for f in files) else "file"
    return "text"
