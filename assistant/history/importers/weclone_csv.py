"""WeChat via WeFlow: the WeClone CSV (``WeCloneFormatter.ts``), meant for training WeClone models.

UTF-8 with BOM, CRLF, header ``id,MsgSvrID,type_name,is_sender,talker,msg,src,CreateTime``
(no ``room_name``, unlike PyWxDump). ``type_name`` is one of text/image/sticker/video/voice/location/
file, ``talker`` a display name, ``msg`` WeFlow's plain rendering (``[转账] …``, ``[接龙] …``, ``[链接] …``
for app messages, which all count as ``text``), ``CreateTime`` ISO 8601 in UTC. Quote replies are left out by WeFlow;
system notices come as ``text`` rows from the group's name and are recognised by their wording. The
file says neither group name nor chat type: ``--group`` names it, and two speakers or fewer look
like a private chat.
"""

from __future__ import annotations

from ...i18n import t
from ..batch import Batch
from ..clock import parse_time
from ..options import ImportOptions
from ..records import Message
from ..source import Source
from . import wechat_system
from .base import csv_rows, group_name, refuse_if_two
from .wechat_types import placeholder_kind
from .weflow_txt import notice_label

NAME = "weclone_csv"
LABEL = "微信 · WeFlow 导出 WeClone CSV"
PLATFORM = "wechat"
HEADER = ["id", "MsgSvrID", "type_name", "is_sender", "talker", "msg", "src", "CreateTime"]
SIGNATURE = ",".join(HEADER)
KINDS = {"text": "text", "image": "image", "sticker": "sticker", "video": "video", "voice": "voice",
         "location": "location", "file": "file"}  # fmt: skip


def sniff(source: Source) -> bool:
    return source.header_row == HEADER


def read(source: Source, options: ImportOptions, batch: Batch) -> None:
    rows = list(csv_rows(source, whole_lines=True))
    chat = notice_label([(line, "", row["talker"], row["msg"]) for line, row in rows if row["type_name"] == "text"])
    refuse_if_two(source, options, {row["talker"] for _, row in rows if row["talker"] != chat})
    grp = batch.group(name=options.group or chat or group_name(source, options, batch), kind="群聊")
    for line, row in rows:
        at = parse_time(row["CreateTime"], options.tz)
        if at is None:
            batch.skip(line, t("import.skip.field_time", batch.language, field="CreateTime"))
        elif row["type_name"] == "text" and (row["talker"] == chat or wechat_system.recognise(row["msg"])):
            wechat_system.add(batch, row["msg"], at, grp)
        else:
            text_row = row["type_name"] == "text"
            kind, text = placeholder_kind(row["msg"]) if text_row else (KINDS.get(row["type_name"], "other"), None)
            batch.messages.append(Message(
                at, kind, text, None, row["talker"] or None,
                is_self=row["is_sender"] == "1", platform_msg_id=row["MsgSvrID"] or None, line=line, grp=grp,
            ))  # fmt: skip
