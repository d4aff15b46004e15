"""WeChat via chatlog (sjzar/chatlog): ``/api/v1/chatlog?format=csv``.

Go's csv writer, no BOM, header ``Time,SenderName,Sender,TalkerName,Talker,Content`` (newer builds
put ``Seq`` first). Content is chatlog's plain-text rendering: ``![图片](url)``, ``[链接|title](url)``,
``> `` quote lines, ``[分享]`` for 接龙 and other app messages. System messages come from sender
``系统消息`` with people rendered as ``昵称(wxid)``, so joins arrive with ids (docs/formats.md §1.4).
A query without ``talker`` returns every chat; private chats are skipped.
"""

from __future__ import annotations

from ...i18n import t
from ..batch import Batch
from ..clock import parse_time
from ..options import ImportOptions
from ..records import Message
from ..source import Source
from . import wechat_system
from .base import csv_rows, header_has, skip_private
from .wechat_types import placeholder_kind

NAME = "chatlog_csv"
LABEL = "微信 · chatlog 聊天记录 CSV"
PLATFORM = "wechat"
SYSTEM_SENDER = "系统消息"


def sniff(source: Source) -> bool:
    return header_has(source, "Time", "SenderName", "Sender", "TalkerName", "Talker", "Content")


def read(source: Source, options: ImportOptions, batch: Batch) -> None:
    for line, row in csv_rows(source):
        talker = row["Talker"]
        if not talker.endswith("@chatroom") and skip_private(batch, options, line):
            continue
        kind = "群聊" if talker.endswith("@chatroom") else "私聊"
        grp = batch.group(talker, chat_id=talker, name=row["TalkerName"] or None, kind=kind)
        at = parse_time(row["Time"], options.tz)
        if at is None:
            batch.skip(line, t("import.skip.field_time", batch.language, field="Time"))
        elif row["Sender"] == SYSTEM_SENDER:
            wechat_system.add(batch, row["Content"], at, grp)
        else:
            kind, text = placeholder_kind(row["Content"])
            batch.messages.append(
                Message(at, kind, text, row["Sender"] or None, row["SenderName"] or None, line=line, grp=grp)
            )
