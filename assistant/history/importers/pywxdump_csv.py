"""WeChat via PyWxDump: CSV parts ``{chat}_{i}_{i+5000}.csv`` in one folder per chat.

UTF-8 without BOM; header ``id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime``
(docs/formats.md §1.3). ``type_name`` is PyWxDump's Chinese label of the database type, ``talker`` the
sender's wxid (``未知`` for system rows), ``room_name`` the chat id, ``CreateTime`` local time. For app
messages (接龙, 群公告, 红包) only the label survives, so they are counted but have no text. Import
the whole folder: each part is its own file and transaction.

The older exporter (``pywxdump/dbpreprocess/export/exportCSV.py``, April–August 2024) wrote
``id,MsgSvrID,type_name,is_sender,talker,room_name,content,CreateTime`` with ``content`` a JSON object
``{"src": …, "msg": …}`` and ``talker`` ``我`` for the exporting account; both layouts are read here.
"""

from __future__ import annotations

import json

from ...i18n import t
from ..batch import Batch
from ..clock import parse_time
from ..errors import InputError
from ..options import ImportOptions
from ..records import Message, Name
from ..source import Source
from . import wechat_system
from .base import csv_rows, header_has, skip_private
from .memotrace_csv import SELF_NAMES
from .wechat_types import PYWXDUMP_LABELS, SYSTEM_TYPES, kind_of

NAME = "pywxdump_csv"
LABEL = "微信 · PyWxDump 聊天记录 CSV（分段）"
PLATFORM = "wechat"
NO_SENDER = {"未知", "系统", ""}


SELF = "我"  # the older exporter's talker for the exporting account


def sniff(source: Source) -> bool:
    common = ("MsgSvrID", "type_name", "talker", "room_name", "CreateTime")
    return header_has(source, *common, "msg") or header_has(source, *common, "content")


def read(source: Source, options: ImportOptions, batch: Batch) -> None:
    selves: set[tuple[str, str]] = set()
    for line, row in csv_rows(source, whole_lines=True):
        if "content" in row and "msg" not in row:
            row["msg"], row["src"] = _content(row["content"], line, batch.language)
        room = row["room_name"]
        if not room.endswith("@chatroom") and skip_private(batch, options, line):
            continue
        grp = batch.group(room, chat_id=room, kind="群聊" if room.endswith("@chatroom") else "私聊")
        at = parse_time(row["CreateTime"], options.tz)
        type_, sub = PYWXDUMP_LABELS.get(row["type_name"], (0, 0))
        if at is None:
            batch.skip(line, t("import.skip.field_time", batch.language, field="CreateTime"))
        elif type_ in SYSTEM_TYPES:
            wechat_system.add(batch, row["msg"], at, grp)
        else:
            sender = None if row["talker"] in NO_SENDER or row["talker"] == SELF else row["talker"]
            if row["is_sender"] == "1" and sender:
                selves.add((sender, grp))
            kind = kind_of(type_, sub)
            text = row["msg"] if kind == "text" else row["msg"].split("\n\n[引用]")[0] if kind == "reply" else None
            batch.messages.append(Message(at, kind, text, sender, SELF if row["talker"] == SELF else None,
                                          is_self=row["is_sender"] == "1",
                                          platform_msg_id=row["MsgSvrID"] or None, line=line, grp=grp))  # fmt: skip
    batch.names += [Name(me, name, "self", None, grp) for me, grp in selves for name in SELF_NAMES]


def _content(cell: str, line: int, language: str) -> tuple[str, str]:
    """``(msg, src)`` from the older exporter's JSON ``content`` cell."""
    try:
        content = json.loads(cell) if cell.strip() else {}
    except json.JSONDecodeError as exc:
        raise InputError(t("import.error.content_json", language, line=line, error=exc.msg)) from exc
    if not isinstance(content, dict):
        return str(content), ""
    return str(content.get("msg") or ""), str(content.get("src") or "")
