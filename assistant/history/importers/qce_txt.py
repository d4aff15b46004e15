"""QQ via QQChatExporter: the TXT export (``qq-chat-export-core/src/text_exporter.rs``).

A banner (``[QQChatExporter V5 / https://github.com/shuakami/qq-chat-exporter]``), a ``===`` block,
``聊天名称:``, ``聊天类型: 群聊|私聊|临时会话``, ``消息总数:``; then per message ``[群头衔] 名字:``, ``时间: …``
(the exporting PC's local time), ``内容: …`` (possibly over several lines), optional ``资源: n 个文件``
with ``  - type: file`` lines, ``提及: …`` and ``回复: …``; messages are separated by two blank lines;
the file ends with ``导出完成`` and ``总计导出 N 条消息``. A message starts where a line ending in ``:``
is followed by a ``时间:`` line. No QQ numbers: senders are names. Without the closing block the
file was cut off and is refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...i18n import t
from ..batch import Batch
from ..clock import parse_time
from ..errors import InputError
from ..options import ImportOptions
from ..records import Message
from ..source import Source
from . import system_text
from .base import refuse_private, truncated
from .qce import PLACEHOLDER, REPLY_MARK

NAME = "qce_txt"
LABEL = "QQ · QQChatExporter 导出 TXT"
PLATFORM = "qq"
SIGNATURE = "[QQChatExporter V5 / https://github.com/shuakami/qq-chat-exporter]"
BANNER = re.compile(r"^\[QQChatExporter[^\]]*\]")
TIME = re.compile(r"^时间: (\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})$")
SENDER = re.compile(r"^(?:\[(?P<title>[^\]]*)\] )?(?P<name>.+):$")
META = re.compile(r"^(?:资源: \d+ 个文件|  - [^:]+: .*|提及: .*|回复: .*)$")
TOTAL = re.compile(r"^总计导出 (\d+) 条消息$")
FIRST_PLACEHOLDER = (("[图片", "image"), ("[文件", "file"), ("[视频", "video"), ("[语音", "voice"), ("[表情", "sticker"),
                     ("[image", "image"), ("[file", "file"), ("[video", "video"), ("[audio", "voice"))  # fmt: skip
SYSTEM_SENDER = "系统消息"
FACES = re.compile(r"^(?:\[[^\[\]:：]{1,8}\])+$")  # QQ faces rendered by name: [小黄脸][爱心]


def sniff(source: Source) -> bool:
    return BANNER.match(source.head.lstrip("\ufeff")) is not None


def read(source: Source, options: ImportOptions, batch: Batch) -> None:
    lines = source.text.lstrip("\ufeff").split("\n")
    info = dict(_info(lines))
    if info.get("聊天类型") in ("私聊", "临时会话"):
        refuse_private(source, options, info.get("聊天名称"))
    footer = next((n for n in range(len(lines) - 1, -1, -1) if TOTAL.match(lines[n].strip())), None)
    if footer is None or not any("导出完成" in line for line in lines[max(0, footer - 3) : footer]):
        raise truncated(source, t("import.cut.qce_footer", source.language))
    grp = batch.group(name=options.group or info.get("聊天名称"), kind="群聊")
    count = 0
    for line, name, stamp, body in _messages(lines[: footer - 3]):
        count += 1
        _add(batch, options, line, name, stamp, body, grp)
    total = int(TOTAL.match(lines[footer].strip())[1])  # type: ignore[index]
    if total != count:
        batch.warn(t("import.warn.qce_total", batch.language, total=total, count=count))


def _info(lines: list[str]) -> Iterator[tuple[str, str]]:
    for line in lines[:20]:
        if ": " in line and not line.startswith("["):
            key, value = line.split(": ", 1)
            yield key.strip(), value.strip()


def _messages(lines: list[str]) -> Iterator[tuple[int, str, str, str]]:
    """``(line, sender label, time, content)`` per message."""
    starts = [n for n in range(len(lines) - 1) if SENDER.match(lines[n]) and TIME.match(lines[n + 1])]
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(lines)
        body = lines[start + 2 : end]
        while body and not body[-1].strip():
            body.pop()
        cut = next((n for n in range(len(body)) if META.match(body[n]) and all(META.match(b) for b in body[n:] if b)),
                   len(body))  # fmt: skip
        text = "\n".join(body[:cut]).removeprefix("内容: ").strip()
        sender, stamp = SENDER.match(lines[start]), TIME.match(lines[start + 1])
        yield start + 1, sender["name"], stamp[1], text  # type: ignore[index]


def _add(batch: Batch, options: ImportOptions, line: int, name: str, stamp: str, body: str, grp: str) -> None:
    at = parse_time(stamp, options.tz)
    if at is None:
        raise InputError(t("import.error.qce_time", batch.language, line=line, stamp=stamp))
    if name == SYSTEM_SENDER:
        system_text.add(batch, body, at, grp, "qq")
        return
    kind, text = content_kind(body)
    batch.messages.append(Message(at, kind, text, None, name, line=line, grp=grp))


def content_kind(body: str) -> tuple[str, str | None]:
    """``(kind, text)`` of a QCE rendering: ``[回复消息]…`` replies, ``[图片:x.jpg]`` placeholders."""
    reply = REPLY_MARK.match(body) is not None
    text = PLACEHOLDER.sub("", REPLY_MARK.sub("", body)).strip()
    if reply:
        return "reply", text or None
    if text and FACES.match(text):
        return "sticker", None
    if text and not (text.startswith("[") and text.endswith("消息]")):
        return "text", text
    kind = next((kind for prefix, kind in FIRST_PLACEHOLDER if body.lstrip().startswith(prefix)), "other")
    return kind, None
