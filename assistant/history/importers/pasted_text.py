"""Text pasted from a chat window: the quickest way in when no exporter is at hand.

Copies look like ``张三 2024/6/1 20:15`` or ``2024-06-01 20:15:02 张三`` followed by the text, or
``[20:15] 张三: 内容`` on one line. Times without a date (``20:15``, ``昨天 20:15``) are dated from the
paste time. Every chat window copies a name *and* a time above each message; text without any such
header (a note, an article, ``注意事项：明天集合``) is refused instead of turning whatever precedes a
colon into a sender (a pasted system notice alone is fine: it names no sender). Lines before the
first header are skipped and reported. WeChat system lines
pasted along become events like in any other export.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from ...i18n import t
from ..batch import Batch
from ..clock import parse_time
from ..errors import InputError
from ..options import ImportOptions
from ..records import Message
from ..source import Source
from . import wechat_system
from .base import require_group
from .wechat_types import placeholder_kind

NAME = "pasted_text"
LABEL = "从聊天窗口粘贴的文字"
PLATFORM = "wechat"
_TIME = r"(?P<date>\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|昨天|前天|今天)?\s*(?P<clock>\d{1,2}:\d{2}(?::\d{2})?)"
BRACKET = re.compile(rf"^\[{_TIME}\]\s*(?P<who>[^:：\]]{{1,24}})[:：]\s*(?P<text>.*)$")
NAME_TIME = re.compile(rf"^(?P<who>\S[^:：]{{0,23}}?)\s+{_TIME}$")
TIME_NAME = re.compile(rf"^{_TIME}\s+(?P<who>\S.{{0,23}})$")
SAID = re.compile(r"^(?P<who>[^:：\s\"][^:：\"]{0,23})[:：]\s*(?P<text>.+)$")
_SYSTEM = re.compile(r"加入了?群聊|移出了?群聊|撤回了一条消息|修改群名为|拍了拍")


def sniff(source: Source) -> bool:
    return False  # chosen explicitly (the page's paste box, or --format pasted_text)


def read(source: Source, options: ImportOptions, batch: Batch) -> None:
    grp = batch.group(name=require_group(source, options, "粘贴的文字"))
    now = options.at or datetime.now(options.tz)
    lines = source.text.split("\n")
    headed = any(NAME_TIME.match(line.strip()) or TIME_NAME.match(line.strip()) for line in lines)
    notices = any(_SYSTEM.search(line) and wechat_system.recognise(line.strip()) for line in lines)
    if not headed and not notices and not any(BRACKET.match(line.strip()) for line in lines):
        raise InputError(t("import.error.pasted_no_header", source.language))
    current: list | None = None
    last = None
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        if _SYSTEM.search(line) and not SAID.match(line):
            wechat_system.add(batch, line, last or now, grp)
            continue
        match = BRACKET.match(line)
        header = (NAME_TIME.match(line) or TIME_NAME.match(line)) if headed else None
        if match or header:
            _emit(batch, current, grp)
            found = match or header
            last = _when(found, now, options) or last
            current = [number, last or now, found["who"].strip(), [found.groupdict().get("text") or ""]]
        elif current is not None:
            current[3].append(line)
        else:
            batch.skip(number, t("import.skip.before_header", batch.language))
    _emit(batch, current, grp)


def _emit(batch: Batch, current: list | None, grp: str) -> None:
    if current is None:
        return
    number, at, who, parts = current
    body = "\n".join(part for part in parts if part).strip()
    if body:
        kind, text = placeholder_kind(body)
        batch.messages.append(Message(at, kind, text, None, who, line=number, grp=grp))


def _when(match: re.Match[str], now: datetime, options: ImportOptions) -> datetime | None:
    clock, day = match.groupdict().get("clock"), match.groupdict().get("date")
    if not clock:
        return None
    if day and day[0].isdigit():
        return parse_time(f"{day} {clock}", options.tz)
    back = {"昨天": 1, "前天": 2}.get(day or "", 0)
    date = (now - timedelta(days=back)).date()
    return parse_time(f"{date.isoformat()} {clock}", options.tz)
