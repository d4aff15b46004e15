"""WeChat via MemoTrace (留痕) v2: the per-chat TXT ``<备注>.txt``.

One block per message, ``{StrTime} {显示名}`` then the text, then a blank line; a system message is a
single line ``{StrTime} {text}`` with *no* name (docs/formats.md §1.2.4), so a header directly
followed by a blank line is a system message, not a sender called "“张三”邀请…". A header is only
recognised after a blank line, so a message line that happens to start with a date stays text.
Senders are display names (remark or nickname, MemoTrace-sanitised); identity matching links them.
Every block ends with a blank line, so a file that stops mid-line was cut off and is refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...i18n import t
from ..batch import Batch
from ..clock import parse_time
from ..options import ImportOptions
from ..records import Message
from ..source import Source
from . import wechat_system
from .base import group_name, header_blocks, refuse_if_two, truncated
from .wechat_types import placeholder_kind

NAME = "memotrace_txt"
LABEL = "微信 · 留痕 MemoTrace 单聊 TXT"
PLATFORM = "wechat"
HEADER = re.compile(r"^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) (.+)$")


def sniff(source: Source) -> bool:
    lines = [line for line in source.head.split("\n")[:50]]
    starts = [n for n, line in enumerate(lines) if HEADER.match(line) and (n == 0 or not lines[n - 1].strip())]
    return bool(starts) and starts[0] == next(n for n, line in enumerate(lines) if line.strip())


def read(source: Source, options: ImportOptions, batch: Batch) -> None:
    text = source.text
    if text.strip() and not text.endswith("\n"):  # every block ends with a blank line
        raise truncated(source, t("import.cut.memotrace_txt", source.language))
    found = list(blocks(text))
    refuse_if_two(source, options, {who for _, _, who, body in found if body})  # the file does not say
    grp = batch.group(name=group_name(source, options, batch), kind="群聊")
    for line, stamp, who, body in found:
        at = parse_time(stamp, options.tz)
        if at is None:
            batch.skip(line, t("import.skip.time", batch.language))
        elif not body:
            wechat_system.add(batch, who, at, grp)
        else:
            kind, text = placeholder_kind(body)
            batch.messages.append(Message(at, kind, text, None, who, line=line, grp=grp))


def blocks(text: str) -> Iterator[tuple[int, str, str, str]]:
    """``(line, time, name or system text, body)`` per block; body is '' for system lines."""
    return ((number, stamp, who.strip(), body) for number, stamp, who, body in header_blocks(text, HEADER))