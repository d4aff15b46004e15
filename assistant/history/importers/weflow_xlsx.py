"""WeChat via WeFlow: the Excel export (``ExcelFormatter.ts`` and the streaming writer for > 20,000 rows).

One sheet ``聊天记录``: ``会话信息`` on row 1, ``微信ID | <session id> | 昵称 | <name>`` on row 2, tool
and export time on row 3, and the header on row 4 (normal writer) or row 5 (streaming writer, row 4
empty), so the header row is found by ``序号`` in its first cell. Columns: compact
``序号 时间 发送者身份 消息类型 内容`` or full ``… 发送者昵称 发送者微信ID 发送者备注 [群昵称] 发送者身份 …``.
A session id ending in ``@chatroom`` is a group (anything else is a private chat); its rows with that
id as sender are system notices. Times are the exporting PC's local time. Content uses the TXT
renderings.
"""

from __future__ import annotations

from ...i18n import t
from ..batch import Batch
from ..errors import InputError
from ..options import ImportOptions
from ..records import Name
from ..source import Source
from . import tables, wechat_system
from .base import clean, refuse_private
from .weflow_txt import add, notice_label

NAME = "weflow_xlsx"
LABEL = "微信 · WeFlow 导出 Excel"
PLATFORM = "wechat"
SIGNATURE = "序号 | 时间 | … | 发送者身份 | 消息类型 | 内容（第 4 或第 5 行）"
SYSTEM = "系统消息"
KINDS = {"文本消息": "text", "图片消息": "image", "语音消息": "voice", "名片消息": "card", "视频消息": "video",
         "动画表情": "sticker", "位置消息": "location", "链接消息": "link", "通话消息": "call", "引用消息": "reply",
         "音乐消息": "music", "群公告": "notice", "转账消息": "transfer", "文件消息": "file", "聊天记录": "forward",
         "小程序消息": "mini_program", "其他消息": "other"}  # getMessageTypeName  # fmt: skip


def _fits(header: list[str]) -> bool:
    return bool(header) and header[0] == "序号" and "发送者身份" in header and "内容" in header


def sniff(source: Source) -> bool:
    return source.is_xlsx and any(_fits(header) for header in tables.headers(source))


def read(source: Source, options: ImportOptions, batch: Batch) -> None:
    rows = next((rows for rows in tables.sheets(source).values() if any(_fits(_cells(r)) for r in rows[:6])), None)
    if rows is None:
        raise InputError(t("import.error.weflow_sheet", source.language, file=source.name))
    start = next(n for n, row in enumerate(rows) if _fits(_cells(row)))
    session, title = _session(rows[:start])
    if session and not session.endswith("@chatroom"):
        refuse_private(source, options, title)
    header = _cells(rows[start])
    body = [(start + 2 + n, dict(zip(header, _cells(row), strict=False))) for n, row in enumerate(rows[start + 1 :])
            if any(_cells(row))]  # fmt: skip
    grp = batch.group(name=options.group or title, chat_id=session, kind="群聊")
    chat = notice_label([(line, "", row.get("发送者身份", ""), row.get("内容", "")) for line, row in body])
    for line, row in body:
        _row(batch, options, line, row, session, chat, grp)


def _row(batch: Batch, options: ImportOptions, line: int, row: dict[str, str], session: str | None,
         chat: str | None, grp: str) -> None:  # fmt: skip
    wxid = clean(row.get("发送者微信ID"))
    label = row.get("发送者身份", "")
    system = row.get("消息类型") == SYSTEM or (wxid is not None and wxid == session) or (not wxid and label == chat)
    system = system or wechat_system.recognise(row.get("内容", ""))
    block = (line, row.get("时间", ""), label, row.get("内容", ""))
    add(batch, options, block, grp, system=system, sender_id=None if system else wxid,
        hint=KINDS.get(row.get("消息类型", "")))
    if wxid and not system:
        for column, name_kind in (("发送者昵称", "nickname"), ("发送者备注", "remark"), ("群昵称", "group_nickname")):
            if clean(row.get(column)):
                batch.names.append(Name(wxid, str(row[column]).strip(), name_kind, None, grp))


def _session(rows: list[list]) -> tuple[str | None, str | None]:
    """``(session id, name)`` from the ``微信ID … 昵称 …`` row above the header."""
    for row in rows:
        cells = _cells(row)
        if cells and cells[0] == "微信ID":
            name = cells[cells.index("昵称") + 1] if "昵称" in cells[:-1] else None
            return clean(cells[1] if len(cells) > 1 else None), clean(name)
    return None, None


def _cells(row: list) -> list[str]:
    return ["" if v is None else str(v).strip() for v in row]
