"""QQChatExporter (shuakami/qq-chat-exporter) messages: one reader for both JSON shapes it has written.

* **current** (Rust core and 5.x, ``CleanMessage`` in ``qq-chat-export-core/src/types.rs``): ``id``,
  ``timestamp`` in milliseconds, ``time`` (RFC 3339 UTC), ``sender{uid,uin,name,groupCard,…}``,
  ``type`` (``text``, ``reply``, ``system``, ``type_17`` …), ``content{text,elements[],mentions[]}``,
  ``recalled``, ``system``;
* **V4** (2025-09, ``MessageParser.ts``): ``messageId``, ``timestamp`` as an ISO string, numeric
  ``messageType``, ``isSystemMessage``, ``isRecalled``, ``content{text,reply{referencedMessageId},…}``,
  ``rawMessage{sendMemberName,sendNickName}``.

Members are keyed by QQ number (``uin``), as in the legacy QQ TXT and QCE's Excel. Anonymous gray
tips come from ``{uid:"未知", name:"系统消息"}`` (5.5.x: ``uin "0"``, ``name "0"``) and are read as
notices by :mod:`.system_text`; a message QCE flags ``system`` only because it holds an element it
does not know keeps its real sender and stays a message. A reply points at the quoted message's id
(``elements[type=reply].data.referencedMessageId``). ``chatInfo.type`` says group, private or temp.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from ...i18n import t
from ..batch import Batch
from ..clock import from_epoch, parse_time
from ..options import ImportOptions
from ..records import GroupEvent, Message, Name, Role
from ..replies import ref
from ..source import Source
from . import system_text
from .base import clean, refuse_if_two, refuse_private, role_of

TYPES = {"text": "text", "file": "file", "video": "video", "audio": "voice", "forward": "forward", "reply": "reply",
         "json": "link", "image": "image"}  # fmt: skip
V4_TYPES = {1: "text", 2: "text", 3: "file", 4: "video", 5: "system", 6: "voice", 7: "video", 8: "forward", 9: "reply",
            11: "link"}  # fmt: skip
ELEMENT_KINDS = {"image": "image", "face": "sticker", "market_face": "sticker", "file": "file", "video": "video",
                 "audio": "voice", "location": "location", "wallet": "red_packet", "forward": "forward", "json": "link"}
ANONYMOUS = {"未知", "0", ""}
REPLY_MARK = re.compile(r"^\[回复消息\]\s*")
PLACEHOLDER = re.compile(r"\[(?:图片|文件|视频|语音)[:：][^\]]*\]")


class Reader:
    """One chat of a QCE export: ``chatInfo`` first, then its messages."""

    def __init__(self, source: Source, options: ImportOptions, batch: Batch, chat_info: dict[str, Any]) -> None:
        self.source, self.options, self.batch = source, options, batch
        self.kind = str(chat_info.get("type") or "")
        if self.kind in ("private", "temp"):
            refuse_private(source, options, clean(chat_info.get("name")))
        name = options.group or clean(chat_info.get("name"))
        chat_id = clean(chat_info.get("peerUin")) if self.kind == "group" else None
        self.grp = batch.group(name=name, chat_id=chat_id, kind="群聊" if self.kind in ("group", "") else self.kind)
        self.self_uin = clean(chat_info.get("selfUin"))
        self.speakers: set[str] = set()

    def message(self, item: dict[str, Any], line: int) -> None:
        at = _time(item, self.options)
        if at is None:
            self.batch.skip(line, t("import.skip.message_time", self.batch.language))
            return
        member, name = _sender(item)
        content = item.get("content") if isinstance(item.get("content"), dict) else {}
        text = str(content.get("text") or "")
        if _is_notice(item, member):
            self._notice(item, at, member, name, text)
            return
        if member:
            self.speakers.add(member)
            self.batch.names += _names(item, member, at, self.grp)
            self.batch.roles += _roles(item, member, at, self.grp)
        self.batch.messages.append(_message(item, at, member, name, content, line, self.grp, self.self_uin))
        if item.get("recalled") or item.get("isRecalled"):
            self.batch.group_events.append(GroupEvent(at, "revoke", member, name, None, text[:500], self.grp))

    def finish(self) -> None:
        if not self.kind:  # old exports may lack chatInfo.type
            refuse_if_two(self.source, self.options, self.speakers)
        if self.self_uin:
            self.batch.names += [Name(self.self_uin, n, "self", None, self.grp) for n in ("你", "我")]

    def _notice(self, item: dict, at: datetime, member: str | None, name: str | None, text: str) -> None:
        first = len(self.batch.group_events)
        system_text.add(self.batch, text, at, self.grp, "qq")
        if member:  # a recall or pat with its operator as sender
            for n in range(first, len(self.batch.group_events)):
                event = self.batch.group_events[n]
                if event.actor_id is None and event.actor_name in (name, None):
                    self.batch.group_events[n] = event._replace(actor_id=member)


def _time(item: dict, options: ImportOptions) -> datetime | None:
    stamp = item.get("timestamp")
    if isinstance(stamp, int | float) and not isinstance(stamp, bool) and stamp > 0:
        return from_epoch(stamp)
    for value in (stamp, item.get("time")):
        if isinstance(value, str) and (moment := parse_time(value, options.tz)):
            return moment
    return None


def _sender(item: dict) -> tuple[str | None, str | None]:
    sender = item.get("sender") if isinstance(item.get("sender"), dict) else {}
    raw = item.get("rawMessage") if isinstance(item.get("rawMessage"), dict) else {}
    uin = clean(sender.get("uin")) or clean(raw.get("senderUin"))
    uid = clean(sender.get("uid"))
    member = uin if uin and uin not in ANONYMOUS else uid if uid and uid not in ANONYMOUS else None
    name = (clean(sender.get("groupCard")) or clean(raw.get("sendMemberName")) or clean(sender.get("name"))
            or clean(raw.get("sendNickName")))  # fmt: skip
    return member, name if name not in ("0", "系统消息") else None


def _is_notice(item: dict, member: str | None) -> bool:
    declared = item.get("type") == "system" or item.get("isSystemMessage") or item.get("messageType") == 5
    return bool(declared) or (member is None and bool(item.get("system")))


def _message(item: dict, at: datetime, member: str | None, name: str | None, content: dict, line: int,
             grp: str, self_uin: str | None) -> Message:  # fmt: skip
    reply = _reply(content)
    kind = "reply" if reply is not None else _kind(item, content)
    text = PLACEHOLDER.sub("", REPLY_MARK.sub("", str(content.get("text") or ""))).strip()
    mentions = [str(m.get("name") or "").lstrip("@") for m in content.get("mentions") or [] if isinstance(m, dict)]
    return Message(
        at, kind, text if kind in ("text", "reply") and text else None, member, name,
        is_self=(member == self_uin) if self_uin else None, reply_to=ref(_target(reply)) if reply else None,
        mentions=[m for m in mentions if m] or None, platform_msg_id=clean(item.get("id") or item.get("messageId")),
        line=line, grp=grp,
    )  # fmt: skip


def _kind(item: dict, content: dict) -> str:
    declared = item.get("type")
    kind = TYPES.get(declared, "other") if isinstance(declared, str) else V4_TYPES.get(item.get("messageType"), "text")
    elements = [e.get("type") for e in content.get("elements") or [] if isinstance(e, dict)]
    if kind == "text" and elements and "text" not in elements and "at" not in elements:
        kinds = {ELEMENT_KINDS.get(e) for e in elements}
        return kinds.pop() if len(kinds) == 1 and None not in kinds else "other"
    if "wallet" in elements:
        return "red_packet"
    return kind


def _reply(content: dict) -> dict | None:
    for element in content.get("elements") or []:
        if isinstance(element, dict) and element.get("type") == "reply":
            return element.get("data") if isinstance(element.get("data"), dict) else {}
    reply = content.get("reply")  # V4
    return reply if isinstance(reply, dict) else None


def _target(reply: dict) -> object:
    return reply.get("referencedMessageId") or reply.get("messageId")


def _names(item: dict, member: str, at: datetime, grp: str) -> list[Name]:
    sender = item.get("sender") if isinstance(item.get("sender"), dict) else {}
    return [Name(member, str(sender[key]).strip(), kind, at, grp)
            for key, kind in (("nickname", "nickname"), ("groupCard", "group_nickname"), ("remark", "remark"),
                              ("name", "display"))
            if clean(sender.get(key))]  # fmt: skip


def _roles(item: dict, member: str, at: datetime, grp: str) -> list[Role]:
    """V4 writes ``sender.role`` (owner/admin); the current shape has only 群头衔 titles."""
    sender = item.get("sender") if isinstance(item.get("sender"), dict) else {}
    role = role_of(sender.get("role"))
    return [Role(member, role, at, grp)] if role else []
