"""WeChat via chatlog (sjzar/chatlog): ``/api/v1/chatlog?format=json``, an array of messages.

Each message has the database ``type``/``subType``, an RFC 3339 ``time`` with offset, ``sender``
(wxid) and ``isSelf``; system messages have sender ``系统消息`` and people as ``昵称(wxid)``
(docs/formats.md §1.4). ``contents.title`` names links, files and mini-programs.
"""

from __future__ import annotations

from datetime import datetime

from ...i18n import t
from ..batch import Batch
from ..clock import parse_time
from ..options import ImportOptions
from ..records import Message, Name
from ..source import Source
from . import wechat_system
from .base import json_records, skip_private
from .chatlog_csv import SYSTEM_SENDER
from .memotrace_csv import SELF_NAMES
from .wechat_types import SYSTEM_TYPES, kind_of

NAME = "chatlog_json"
LABEL = "微信 · chatlog 聊天记录 JSON"
PLATFORM = "wechat"


def sniff(source: Source) -> bool:
    head = source.head.lstrip()
    return head.startswith("[") and '"talker"' in head and '"isChatRoom"' in head


def read(source: Source, options: ImportOptions, batch: Batch) -> None:
    selves: set[tuple[str, str]] = set()
    for number, item in enumerate(json_records(source, "items"), start=1):
        if not item.get("isChatRoom") and skip_private(batch, options, number):
            continue
        kind = "群聊" if item.get("isChatRoom") else "私聊"
        grp = batch.group(item["talker"], chat_id=item["talker"], name=item.get("talkerName") or None, kind=kind)
        at = parse_time(item.get("time"), options.tz)
        if at is None:
            batch.skip(number, t("import.skip.field_time", batch.language, field="time"))
        elif item.get("sender") == SYSTEM_SENDER or item.get("type") in SYSTEM_TYPES:
            wechat_system.add(batch, item.get("content") or "", at, grp)
        else:
            if item.get("isSelf") and item.get("sender"):
                selves.add((item["sender"], grp))
            batch.messages.append(_message(item, at, number, grp))
    batch.names += [Name(me, name, "self", None, grp) for me, grp in selves for name in SELF_NAMES]


def _message(item: dict, at: datetime, number: int, grp: str) -> Message:
    kind = kind_of(int(item.get("type") or 0), int(item.get("subType") or 0))
    contents = item.get("contents") or {}
    text = item.get("content") if kind in ("text", "reply") else contents.get("title") or None
    return Message(at, kind, text or None, item.get("sender") or None, item.get("senderName") or None,
                   is_self=bool(item.get("isSelf")), line=number, grp=grp)  # fmt: skip
