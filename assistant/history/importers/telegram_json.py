"""Telegram Desktop "Export chat history" → ``result.json`` (one chat, or a whole account).

Service messages carry membership (docs/formats.md §5.1): ``join_group_by_link``/``_by_request``,
``invite_members`` (self-invite = joined), ``remove_members`` (actor == member = left voluntarily).
``members`` lists display names, not ids, so invited people are matched by name later. ``text`` is a
string or a list of strings and entity objects. ``date_unixtime`` is exact but absent in old exports,
whose ``date`` is the exporting PC's local time.
"""

from __future__ import annotations

from datetime import datetime

from ...i18n import t
from ..batch import Batch
from ..clock import from_epoch, parse_time
from ..options import ImportOptions
from ..records import GroupEvent, MemberEvent, Message, Role
from ..source import Source
from .base import load_json, skip_private

NAME = "telegram_json"
LABEL = "Telegram Desktop 导出 result.json"
PLATFORM = "telegram"
PRIVATE_TYPES = {"personal_chat", "bot_chat"}
GROUP_TYPES = {"private_group", "private_supergroup", "public_supergroup", "private_channel", "public_channel"}
MEDIA = {"sticker": "sticker", "voice_message": "voice", "video_message": "video", "animation": "sticker",
         "video_file": "video", "audio_file": "music"}  # fmt: skip
JOINS = {"join_group_by_link": "link", "join_group_by_request": "request"}
GROUP_ACTIONS = {"edit_group_title": "rename", "pin_message": "pin", "edit_group_photo": "photo"}


def sniff(source: Source) -> bool:
    head = source.head
    return '"messages"' in head and ('"date_unixtime"' in head or '"text_entities"' in head or '"from_id"' in head)


def read(source: Source, options: ImportOptions, batch: Batch) -> None:
    document = load_json(source)
    chats = document.get("chats", {}).get("list") if "chats" in document else [document]
    for chat in chats or []:
        where = chat.get("name") or chat.get("id")
        if chat.get("type") in PRIVATE_TYPES:
            if skip_private(batch, options, where):
                continue
        elif chat.get("type") not in GROUP_TYPES:
            batch.skip(where, t("import.skip.not_chat", batch.language, kind=chat.get("type")))
            continue
        grp = batch.group(str(chat["id"]), chat_id=str(chat["id"]), name=chat.get("name"), kind=chat["type"])
        for item in chat.get("messages", []):
            _item(batch, item, options, grp)


def _item(batch: Batch, item: dict, options: ImportOptions, grp: str) -> None:
    at = from_epoch(item["date_unixtime"]) if item.get("date_unixtime") else parse_time(item.get("date"), options.tz)
    if at is None:
        batch.skip(t("import.skip.message", batch.language, id=item.get("id")), t("import.skip.time", batch.language))
    elif item.get("type") == "service":
        _service(batch, item, at, grp)
    elif item.get("type") == "message":
        batch.messages.append(Message(
            at, _kind(item), _text(item.get("text")) or None, _user(item.get("from_id")), item.get("from"),
            reply_to=f"tg:{item['reply_to_message_id']}" if item.get("reply_to_message_id") else None,
            mentions=_mentions(item.get("text_entities") or []), platform_msg_id=str(item["id"]),
            key=f"tg:{item['id']}", grp=grp,
        ))  # fmt: skip


def _service(batch: Batch, item: dict, at: datetime, grp: str) -> None:
    action, actor, actor_id = item.get("action"), item.get("actor"), _user(item.get("actor_id"))
    members = [m for m in item.get("members") or [] if m]
    if action in JOINS:
        batch.member_events.append(
            MemberEvent(
                at, "join", actor_id, actor, None, item.get("inviter"), JOINS[action], None, "platform_event", grp
            )
        )
    elif action in ("invite_members", "create_group", "remove_members"):
        if action == "create_group" and actor_id:
            batch.roles.append(Role(actor_id, "owner", at, grp))
        kind = "join" if action != "remove_members" else "removed"
        for member in members:
            own = member == actor  # inviting oneself = joined; removing oneself = left
            event = "leave" if own and kind == "removed" else kind
            via = None if kind == "removed" else ("direct" if own else "invite")
            batch.member_events.append(MemberEvent(
                at, event, actor_id if own else None, member, None if own else actor_id, None if own else actor,
                via, None, "platform_event", grp,
            ))  # fmt: skip
    else:
        kind = GROUP_ACTIONS.get(action, "system")
        detail = item.get("title") or (f"message {item['message_id']}" if item.get("message_id") else action)
        batch.group_events.append(GroupEvent(at, kind, actor_id, actor, None, detail, grp))


def _user(value: object) -> str | None:
    if value is None:
        return None
    text = str(value)
    return text if not text.isdigit() else f"user{text}"  # old exports: numeric from_id


def _text(value: object) -> str:
    if isinstance(value, list):
        return "".join(part if isinstance(part, str) else part.get("text", "") for part in value)
    return str(value or "")


def _mentions(entities: list[dict]) -> list[str] | None:
    names = [e["text"].lstrip("@") for e in entities if e.get("type") in ("mention", "mention_name")]
    return names or None


def _kind(item: dict) -> str:
    if item.get("media_type"):
        return MEDIA.get(item["media_type"], "file")
    for key, kind in (("photo", "image"), ("poll", "poll"), ("location_information", "location"),
                      ("contact_information", "card"), ("file", "file")):  # fmt: skip
        if key in item:
            return kind
    return "text"
