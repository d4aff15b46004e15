"""Binary exports built the way their tools write them (XLSX and ZIP are binary; building them here
keeps the fixtures reviewable). Each builder names the source file it reproduces; the catalogue is
fixtures/README.md."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from openpyxl import Workbook

FIXTURES = Path(__file__).parent / "fixtures"
CN = timezone(timedelta(hours=8))
WEFLOW_JSON = FIXTURES / "weflow" / "群聊_幸福里团购3群.json"
# ExportContext.getMessageTypeName: the 消息类型 column of WeFlow's Excel
WEFLOW_TYPE_NAMES = {0: "文本消息", 1: "图片消息", 2: "语音消息", 3: "视频消息", 4: "文件消息", 5: "动画表情", 7: "链接消息",
                     25: "引用消息", 80: "系统消息", 99: "转账消息"}  # fmt: skip
# formatPlainExportContent: TXT and Excel render some messages differently from the ChatLab export
PLAIN = {"[语音消息]": "[其他消息]", "[文件] 6月团购清单.xlsx": "[文件]6月团购清单.xlsx", "恭喜发财，大吉大利": "[红包]恭喜发财，大吉大利",
         "[幸福里自提点地图](https://example.com/map)": "[链接]幸福里自提点地图\nhttps://example.com/map"}  # fmt: skip
FULL_GROUP = ["序号", "时间", "发送者昵称", "发送者微信ID", "发送者备注", "群昵称", "发送者身份", "消息类型", "内容"]
COMPACT = ["序号", "时间", "发送者身份", "消息类型", "内容"]


def weflow_rows() -> tuple[dict, list[list[object]]]:
    """The WeFlow ChatLab fixture as the rows WeFlow's Excel writers emit for the same messages."""
    doc = json.loads(WEFLOW_JSON.read_text(encoding="utf-8"))
    group, name = doc["meta"]["groupId"], doc["meta"]["name"]
    rows = []
    for n, m in enumerate(doc["messages"], start=1):
        when = datetime.fromtimestamp(m["timestamp"], CN).strftime("%Y-%m-%d %H:%M:%S")
        system = m["sender"] == group or m["type"] == 80
        label = name if m["sender"] == group else m.get("groupNickname") or m["accountName"]
        content = PLAIN.get(m["content"], m["content"])
        rows.append([n, when, m["accountName"], m["sender"], "", m.get("groupNickname", ""), label,
                     "系统消息" if system else WEFLOW_TYPE_NAMES.get(m["type"], "其他消息"), content])  # fmt: skip
    return doc, rows


def weflow_xlsx(path: Path, *, streaming: bool, compact: bool = False, session: str | None = None) -> Path:
    """``ExcelFormatter.ts`` (header on row 4, merged B2:C2) or the streaming writer (row 4 empty,
    header on row 5) of ``ExportContext.exportSessionToExcelStreaming``."""
    doc, rows = weflow_rows()
    session = session or doc["meta"]["groupId"]
    book = Workbook()
    sheet = book.active
    sheet.title = "聊天记录"
    if streaming:
        for row in (["会话信息"], ["微信ID", session, "昵称", doc["meta"]["name"]], ["导出工具", "WeFlow", "导出时间", "2026-06-20 21:00:00"], []):
            sheet.append(row)
    else:
        sheet.append(["会话信息"])
        sheet.append(["微信ID", session, None, "昵称", doc["meta"]["name"], "备注", "", None])
        sheet.merge_cells("B2:C2")
        sheet.merge_cells("G2:H2")
        sheet.append(["导出工具", "WeFlow", "导出版本", "0.0.2", "平台", "wechat", "导出时间", "2026-06-20 21:00:00"])
    sheet.append(COMPACT if compact else FULL_GROUP)
    for row in rows:
        sheet.append([row[0], row[1], row[6], row[7], row[8]] if compact else row)
    book.save(path)
    return path


def qce_xlsx(path: Path) -> Path:
    """``excel_exporter.rs``: sheet 聊天记录 (群头衔 column because one sender has a title) plus the
    statistics sheets, times as RFC 3339 UTC."""
    doc = json.loads((FIXTURES / "qce" / "幸福里团购QQ群.json").read_text(encoding="utf-8"))
    labels = {"text": "文本", "system": "系统消息", "reply": "回复"}
    book = Workbook()
    sheet = book.active
    sheet.title = "聊天记录"
    sheet.append(["序号", "时间", "发送者", "发送者QQ号", "群头衔", "消息类型", "消息内容", "是否撤回", "资源数量"])
    for n, m in enumerate(doc["messages"], start=1):
        text = m["content"]["text"] or "[空消息]"
        sheet.append([n, m["time"], m["sender"]["name"], m["sender"].get("uin", ""), m["sender"].get("title", ""),
                      labels.get(m["type"], m["type"]), text, "是" if m["recalled"] else "否",
                      len(m["content"]["resources"])])  # fmt: skip
    for title in ("统计信息", "发送者统计", "资源列表"):
        book.create_sheet(title).append(["统计项目", "数值"])
    book.save(path)
    return path


def liuhen_xlsx(path: Path, *, private: bool = False) -> Path:
    """``exporter/exporter_xlsx.py`` of 留痕: 聊天记录 (the CSV's columns) and 成员信息."""
    import csv

    book = Workbook()
    chat = book.active
    chat.title = "聊天记录"
    with open(FIXTURES / "liuhen" / "幸福里团购4群.csv", encoding="utf-8-sig", newline="") as handle:
        for row in csv.reader(handle):
            chat.append(row)
    members = book.create_sheet("成员信息")
    if private:
        members.append(["wxid", "微信号", "类型", "群昵称", "昵称", "头像地址", "头像原图", "标签", "性别", "电话", "个性签名"])
        members.append(["wxid_lisi4", "lisi", 1, "", "李四", "", "", "", "男", "", ""])
    else:
        members.append(["wxid", "微信号", "类型", "群昵称", "昵称", "头像地址", "头像原图", "标签", "性别", "个性签名"])
        for wxid, nick in (("wxid_zhangsan4", "张三"), ("wxid_lisi4", "李四"), ("wxid_wangwu4", "王五"), ("wxid_zhaoliu4", "赵六")):
            members.append([wxid, "", 1, "", nick, "", "", "", "", ""])
    book.save(path)
    return path


def zipped(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def whatsapp_zip(path: Path) -> Path:
    """iOS "Export Chat → Attach Media": ``_chat.txt`` beside the media it names."""
    return zipped(path, {"_chat.txt": (FIXTURES / "whatsapp" / "_chat.txt").read_bytes(),
                         "00000005-PHOTO-2024-06-03-12-30-00.jpg": b"\xff\xd8\xff\xe0 not really a photo"})  # fmt: skip


def qce_chunked_zip(path: Path) -> Path:
    """The ``_chunked_jsonl`` folder zipped by the user, folder name included."""
    folder = FIXTURES / "qce" / "幸福里团购QQ群_chunked_jsonl"
    files = {f"幸福里团购QQ群_chunked_jsonl/{p.relative_to(folder).as_posix()}": p.read_bytes()
             for p in sorted(folder.rglob("*")) if p.is_file()}  # fmt: skip
    return zipped(path, files)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)
