"""LINE "Save chat" / "Send chat history": ``[LINE] Chat history in <group>.txt``.

A header ``[LINE] Chat history in X`` (a group; ``… with X`` is a one-to-one chat; Chinese and
Japanese clients write ``[LINE] X的聊天记录`` / ``[LINE] 与X的聊天记录`` / ``…のトーク履歴``), a ``Saved on:``
line, then date lines (``2024.01.02 Tuesday``, ``2024/01/02(Tue)``, ``2024/1/2週二``, ``Tue, 01/02/2024``)
and messages ``HH:MM<TAB>name<TAB>text`` (older exports: spaces; 12-hour ``03:05PM`` or ``下午03:04``).
A notice has an empty name (``HH:MM<TAB><TAB>Alice joined the group.``); a message in double quotes
spans lines. Times are the phone's local time (``--tz``). Formats checked against ChatLab's
``line.ts`` and meyfa/line-chat-parser.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from ...i18n import t
from ..batch import Batch
from ..errors import InputError
from ..options import ImportOptions
from ..records import GroupEvent, Message
from ..source import Source
from . import system_text
from .base import refuse_private

NAME = "line_txt"
LABEL = "LINE 聊天记录 TXT"
PLATFORM = "line"
SIGNATURE = "[LINE] Chat history in 群名"
HEADERS = (
    (re.compile(r"^\[LINE\] Chat history in (?P<name>.+)$"), True),
    (re.compile(r"^\[LINE\] Chat history with (?P<name>.+)$"), False),
    (re.compile(r"^\[LINE\] (?:与|與)(?P<name>.+)的聊天(?:记录|記錄)$"), False),
    (re.compile(r"^\[LINE\] (?P<name>.+)的聊天(?:记录|記錄)$"), True),
    (re.compile(r"^\[LINE\] (?P<name>.+)とのトーク履歴$"), False),
    (re.compile(r"^\[LINE\] (?P<name>.+)のトーク履歴$"), True),
)
DATES = (
    re.compile(r"^(?P<y>\d{4})\.(?P<m>\d{2})\.(?P<d>\d{2})(?:\s+\w+)?$"),
    re.compile(r"^(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:\s*[（(].{1,4}[)）]|\s*[週周星].{1,3})?$"),
    re.compile(r"^[A-Za-z]{3},\s*(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})$"),
)
_CLOCK = r"(?P<ap0>上午|下午|午前|午後)?(?P<h>\d{1,2}):(?P<mi>\d{2})(?P<ap>[AaPp][Mm])?"
TAB_LINE = re.compile(rf"^{_CLOCK}\t(?P<who>[^\t]*)(?:\t(?P<text>.*))?$")
SPACE_LINE = re.compile(rf"^{_CLOCK} (?P<who>\S+) (?P<text>.*)$")
MEDIA = {"[Photo]": "image", "[照片]": "image", "[写真]": "image", "[Sticker]": "sticker", "[贴图]": "sticker",
         "[貼圖]": "sticker", "[スタンプ]": "sticker", "[Video]": "video", "[视频]": "video", "[影片]": "video",
         "[動画]": "video", "[Voice message]": "voice", "[语音信息]": "voice", "[語音訊息]": "voice",
         "[File]": "file", "[文件]": "file", "[檔案]": "file", "[ファイル]": "file", "[Location]": "location",
         "[位置]": "location", "[位置情報]": "location", "[Contact]": "card", "[联系人]": "card", "[聯絡人資訊]": "card"}


def sniff(source: Source) -> bool:
    first = next((line.strip() for line in source.head.lstrip("\ufeff").split("\n") if line.strip()), "")
    return any(pattern.match(first) for pattern, _ in HEADERS)


def read(source: Source, options: ImportOptions, batch: Batch) -> None:
    lines = source.text.lstrip("\ufeff").split("\n")
    name, is_group = _header(lines[0].strip())
    if not is_group:
        refuse_private(source, options, name)
    grp = batch.group(name=options.group or name, kind="群聊")
    entries = list(_entries(lines[1:]))
    if not entries:
        raise InputError(t("import.error.line_lines", source.language, file=source.name))
    for number, day, clock, who, text in entries:
        at = _when(day, clock, options)
        if at is None:
            batch.skip(number, t("import.skip.no_date_line", batch.language))
        elif not who:
            system_text.add(batch, text, at, grp, "line")
        elif system_text.DELETED.match(text) or text in ("Message unsent.", "已收回訊息"):
            batch.group_events.append(GroupEvent(at, "revoke", None, who, None, text, grp))
        else:
            kind = next((kind for marker, kind in MEDIA.items() if text.startswith(marker)), "text")
            batch.messages.append(Message(at, kind, text if kind == "text" else None, None, who, line=number, grp=grp))


def _header(first: str) -> tuple[str, bool]:
    for pattern, is_group in HEADERS:
        match = pattern.match(first)
        if match:
            return match["name"].strip(), is_group
    raise InputError(t("import.error.line_header"))  # sniffed, so not reached


def _entries(lines: list[str]) -> list[tuple[int, date | None, re.Match[str], str, str]]:
    """``(line, day, clock match, sender ('' = notice), text)``; quoted messages span lines."""
    found: list[list] = []
    day: date | None = None
    open_quote = False
    for number, raw in enumerate(lines, start=2):
        line = raw.rstrip("\r")
        if open_quote and found:
            found[-1][4] += "\n" + line.rstrip('"')
            open_quote = not line.endswith('"')
            continue
        if (parsed := _day(line.strip())) is not None:
            day = parsed
            continue
        match = TAB_LINE.match(line) or SPACE_LINE.match(line)
        if match:
            text = (match["text"] if match["text"] is not None else match["who"]) or ""
            who = match["who"] if match["text"] is not None else ""
            open_quote = text.startswith('"') and not (len(text) > 1 and text.endswith('"'))
            found.append([number, day, match, who.strip(), text.strip('"') if text.startswith('"') else text])
        elif line.strip() and found:
            found[-1][4] += "\n" + line
    return [tuple(entry) for entry in found]  # type: ignore[misc]


def _day(line: str) -> date | None:
    for pattern in DATES:
        match = pattern.match(line)
        if match:
            try:
                return date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                return None
    return None


def _when(day: date | None, clock: re.Match[str], options: ImportOptions) -> datetime | None:
    if day is None:
        return None
    hour = int(clock["h"])
    marker = (clock["ap0"] or clock["ap"] or "").lower()
    if marker in ("pm", "下午", "午後") and hour < 12:
        hour += 12
    elif marker in ("am", "上午", "午前") and hour == 12:
        hour = 0
    return datetime(day.year, day.month, day.day, hour, int(clock["mi"]), tzinfo=options.tz)
