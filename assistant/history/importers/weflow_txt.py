"""WeChat via WeFlow: the TXT export (``TxtFormatter.ts``, layout unchanged since 2026-01-23).

Each message is ``YYYY-MM-DD HH:MM:SS '<sender label>'``, its content on the following lines, then a
blank line; there is no file header or footer. Times are the exporting PC's local time (``--tz``).
The label is a display name (``我`` for your own messages in a private chat); a group's system
notices carry the *group's* name as their label, so the label of the recognised notices is learned
and everything it sends is a notice, never a member; recalls and pats carry the member's label and
are recognised by their wording. Content spans lines and may contain blank lines,
so a header is only recognised after a blank line. Every block ends with a blank line: a file that
does not end that way was cut off and is refused. The file names no group: ``--group``, else the
notices' label, else the file name without WeFlow's ``群聊_`` prefix and date range.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ...i18n import t
from ..batch import Batch
from ..clock import parse_time
from ..options import ImportOptions
from ..records import Message
from ..source import Source
from . import wechat_system
from .base import header_blocks, refuse_private, truncated
from .wechat_types import placeholder_kind

NAME = "weflow_txt"
LABEL = "微信 · WeFlow 导出 TXT"
PLATFORM = "wechat"
SIGNATURE = "2026-06-01 08:00:00 '发送者'（每条消息的第一行）"
HEADER = re.compile(r"^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) '(.*)'$")
_FILE_NAME = re.compile(r"^(?:群聊|私聊|公众号|曾经的好友)_|_\d{8}-\d{8}$")
SELF = "我"


def sniff(source: Source) -> bool:
    first = next((line for line in source.head.lstrip("\ufeff").split("\n") if line.strip()), "")
    return HEADER.match(first) is not None


def read(source: Source, options: ImportOptions, batch: Batch) -> None:
    text = source.text.lstrip("\ufeff")
    blocks = list(split(text))
    if blocks and not text.endswith("\n"):
        raise truncated(source, t("import.cut.last_message_from", source.language, line=blocks[-1][0]))
    chat = notice_label(blocks)
    speakers = {who for _, _, who, _ in blocks if who != chat}
    if source.name.startswith("私聊_") or (SELF in speakers and len(speakers) <= 2):
        refuse_private(source, options, next((w for w in speakers if w != SELF), None))
    grp = batch.group(name=options.group or chat or _from_file_name(source), kind="群聊")
    for line, stamp, who, body in blocks:
        system = who == chat or wechat_system.recognise(body)  # recalls and pats carry the member's label
        add(batch, options, (line, stamp, who, body), grp, system=system)


def add(batch: Batch, options: ImportOptions, block: tuple[int, str, str, str], grp: str, *, system: bool,
        sender_id: str | None = None, hint: str | None = None) -> None:  # fmt: skip
    """One block (or one Excel row): a notice when the group sent it, else a message (``hint``: the
    Excel type column, used when the content alone says nothing, e.g. voice shown as ``[其他消息]``)."""
    line, stamp, who, body = block
    at = parse_time(stamp, options.tz)
    if at is None:
        batch.skip(line, t("import.skip.time", batch.language))
    elif system:
        wechat_system.add(batch, body, at, grp)
    else:
        kind, content = placeholder_kind(body)
        if hint and hint != "text" and kind in ("text", "other"):
            kind, content = hint, None
        batch.messages.append(Message(at, kind, content, sender_id, who or None, line=line, grp=grp))


def notice_label(blocks: list[tuple[int, str, str, str]]) -> str | None:
    """The label that sends the recognised system notices: the group's own name. Recalls are left out:
    WeFlow gives them the revoker's label."""
    labels = Counter(who for _, _, who, body in blocks if wechat_system.recognise(body) and "撤回" not in body)
    return labels.most_common(1)[0][0] if labels else None


def split(text: str) -> Iterator[tuple[int, str, str, str]]:
    """``(line, time, label, content)`` per block; a header counts only at the start or after a blank line."""
    return header_blocks(text, HEADER)


def _from_file_name(source: Source) -> str:
    stem = source.name.rsplit(".", 1)[0]
    return _FILE_NAME.sub("", stem) or stem
