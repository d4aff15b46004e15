"""WeChat via 留痕 (MemoTrace's successor for WeChat 4.x, the ``wxManager`` rewrite): CSV and XLSX.

Header ``消息ID,类型,发送人,时间,内容,备注,昵称,更多信息`` (``exporter/exporter_csv.py``): the server id,
``MessageType.name`` in Chinese (文本, 图片, 引用消息, 系统消息, 拍一拍, 红包 …), the sender's display name,
``str_time`` in the exporting PC's local time, ``to_text()`` (a quote is ``回复\\n引用：名字: 原文``), the
sender's remark and nickname, and the literal ``more``. CSV is UTF-8 with BOM. The XLSX puts the same
table on sheet ``聊天记录`` and the group's members (``wxid, 微信号, 类型, 群昵称, 昵称 …``) on ``成员信息``:
their names let identity matching link the display names to wxids, and the sheet is a member
snapshot (dated by ``--at``, else the file's time). A private chat's member sheet has a ``电话``
column; a CSV says nothing, so two speakers or fewer look private. Senders are names only.
"""

from __future__ import annotations

from ...i18n import t
from ..batch import Batch
from ..clock import parse_time
from ..options import ImportOptions
from ..records import Message
from ..source import Source
from . import tables, wechat_system
from .base import add_member, clean, csv_rows, group_name, refuse_if_two, refuse_private, snapshot_time

NAME = "liuhen_table"
LABEL = "微信 · 留痕新版（wxManager）导出 CSV / XLSX"
PLATFORM = "wechat"
HEADER = ["消息ID", "类型", "发送人", "时间", "内容", "备注", "昵称", "更多信息"]
SIGNATURE = ",".join(HEADER)
KINDS = {"文本": "text", "图片": "image", "视频": "video", "语音": "voice", "表情包": "sticker", "音视频通话": "call",
         "文件": "file", "位置分享": "location", "分享链接": "link", "红包": "red_packet", "转账": "transfer",
         "引用消息": "reply", "合并转发的聊天记录": "forward", "小程序": "mini_program", "视频号": "channels_video",
         "音乐分享": "music", "收藏笔记": "link", "个人/公众号名片": "card", "企业微信名片": "card", "未知类型": "other"}
SYSTEM = {"系统消息", "拍一拍"}
QUOTE = "\n引用："


def _fits(header: list) -> bool:
    return [str(cell).strip().lstrip("\ufeff") for cell in header[: len(HEADER)]] == HEADER


def sniff(source: Source) -> bool:
    if source.is_xlsx:
        return any(_fits(header) for header in tables.headers(source))
    return _fits(source.header_row)


def read(source: Source, options: ImportOptions, batch: Batch) -> None:
    members = _member_sheet(source) if source.is_xlsx else None
    if members and "电话" in members[0]:
        refuse_private(source, options)
    rows = tables.read(source, _fits).rows if source.is_xlsx else list(csv_rows(source, whole_lines=True))
    if not members:
        refuse_if_two(source, options, {str(row["发送人"]) for _, row in rows if row["类型"] not in SYSTEM})
    grp = batch.group(name=group_name(source, options, batch), kind="群聊")
    for line, row in rows:
        _row(batch, options, line, {key: "" if value is None else str(value) for key, value in row.items()}, grp)
    if members:
        _snapshot(source, options, batch, members, grp)


def _row(batch: Batch, options: ImportOptions, line: int, row: dict[str, str], grp: str) -> None:
    at = parse_time(row["时间"], options.tz)
    if at is None:
        batch.skip(line, t("import.skip.time", batch.language))
    elif row["类型"] in SYSTEM:
        wechat_system.add(batch, row["内容"], at, grp)
    else:
        kind = KINDS.get(row["类型"], "other")
        text = row["内容"].split(QUOTE, 1)[0].strip() if kind in ("text", "reply") else None
        batch.messages.append(Message(at, kind, text or None, None, clean(row["发送人"]),
                                      platform_msg_id=clean(row["消息ID"]), line=line, grp=grp))  # fmt: skip


def _member_sheet(source: Source) -> list[list[str]] | None:
    rows = tables.sheets(source).get("成员信息")
    return [[str(cell) for cell in row] for row in rows if any(str(c) for c in row)] if rows else None


def _snapshot(source: Source, options: ImportOptions, batch: Batch, members: list[list[str]], grp: str) -> None:
    header, *body = members
    column = {name: header.index(name) for name in ("wxid", "群昵称", "昵称") if name in header}
    if "wxid" not in column:
        return
    batch.snapshot_source = "member_list"
    taken = snapshot_time(source, options, batch)
    for row in body:
        cell = {name: clean(row[index]) if index < len(row) else None for name, index in column.items()}
        if cell["wxid"]:
            add_member(batch, taken, cell["wxid"], grp, name=cell.get("昵称"), group_nickname=cell.get("群昵称"))
