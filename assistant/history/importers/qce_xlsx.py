"""QQ via QQChatExporter: the Excel export (``qq-chat-export-core/src/excel_exporter.rs``).

Sheet ``聊天记录`` with ``序号, 时间, 发送者, 发送者QQ号, [群头衔], 消息类型, 消息内容, 是否撤回, 资源数量`` (the
群头衔 column only when some sender has a title) and the sheets 统计信息, 发送者统计, 资源列表. ``时间`` is
RFC 3339 in UTC. The workbook names neither the chat nor its type: ``--group`` names it, and two
speakers or fewer look like a private chat. System rows (``系统消息``) are read as notices.
"""

from __future__ import annotations

from ...i18n import t
from ..batch import Batch
from ..errors import InputError
from ..options import ImportOptions
from ..records import GroupEvent, Message
from ..source import Source
from . import system_text, tables
from .base import clean, group_name, refuse_if_two
from .qce_txt import content_kind

NAME = "qce_xlsx"
LABEL = "QQ · QQChatExporter 导出 Excel"
PLATFORM = "qq"
SIGNATURE = "序号 | 时间 | 发送者 | 发送者QQ号 | … | 消息类型 | 消息内容 | 是否撤回 | 资源数量"
KINDS = {"文本": "text", "图片": "image", "视频": "video", "音频": "voice", "文件": "file", "表情": "sticker",
         "回复": "reply", "forward": "forward", "json": "link"}  # fmt: skip
SYSTEM = "系统消息"


def _fits(header: list[str]) -> bool:
    return bool(header) and str(header[0]) == "序号" and "发送者QQ号" in header and "消息内容" in header


def sniff(source: Source) -> bool:
    return source.is_xlsx and any(_fits(header) for header in tables.headers(source))


def read(source: Source, options: ImportOptions, batch: Batch) -> None:
    table = tables.read(source, _fits)
    if not table.rows:
        raise InputError(t("import.error.qce_empty_sheet", source.language, file=source.name))
    speakers = {str(row.get("发送者QQ号") or row.get("发送者")) for _, row in table.rows if row.get("消息类型") != SYSTEM}
    refuse_if_two(source, options, speakers)
    grp = batch.group(name=options.group or group_name(source, options, batch), kind="群聊")
    for line, row in table.rows:
        at = tables.as_time(row.get("时间"), options.tz)
        if at is None:
            batch.skip(line, t("import.skip.time", batch.language))
            continue
        body, member = str(row.get("消息内容") or ""), clean(row.get("发送者QQ号"))
        if row.get("消息类型") == SYSTEM or row.get("发送者") == SYSTEM:
            system_text.add(batch, body, at, grp, "qq")
            continue
        kind, text = content_kind(body)
        kind = KINDS.get(str(row.get("消息类型")), kind) if kind in ("text", "other") and row.get("消息类型") != "文本" else kind
        batch.messages.append(Message(at, kind, text if kind in ("text", "reply") else None, member,
                                      clean(row.get("发送者")), line=line, grp=grp))  # fmt: skip
        if row.get("是否撤回") == "是":
            batch.group_events.append(GroupEvent(at, "revoke", member, clean(row.get("发送者")), None, body[:500], grp))


