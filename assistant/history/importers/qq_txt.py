"""QQ 消息管理器 TXT (legacy PC QQ): one file may hold many chats.

A header block of 64 ``=`` separates chats (``消息分组:`` / ``消息对象:``); a message starts with
``YYYY-M-D H:MM:SS [AM|PM] 昵称(QQ号)`` or ``昵称<email>``, unpadded and possibly 12-hour, and the
*last* bracket is the id because nicknames contain brackets. ``【群主】``/``【管理员】`` prefixes give
roles. A part cut out of a longer file has no header block: it is still QQ (12-hour times and QQ
numbers are never WeChat's), named by ``--group`` or the file name. ``系统消息(10000)`` lines carry joins (``赵六加入本群。``). The encoding is written nowhere; the
source's encoding ladder handles GBK and UTF-16 (docs/formats.md §4).
"""

from __future__ import annotations

import re
from datetime import datetime

from ...i18n import t
from ..batch import Batch
from ..clock import parse_time
from ..options import ImportOptions
from ..records import GroupEvent, MemberEvent, Message, Role
from ..source import Source
from .base import group_name, role_of, skip_private, truncated
from .wechat_types import placeholder_kind

NAME = "qq_txt"
LABEL = "QQ 消息管理器 TXT"
PLATFORM = "qq"
TITLE = "消息记录（此消息记录为文本格式，不支持重新导入）"
RULER = "=" * 64
HEADER = re.compile(
    r"^(?P<time>\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}:\d{2}(?: ?[AP]M)?) (?P<who>.*?)(?:\((?P<qq>\d+)\)|<(?P<mail>[^<>]+)>)$"
)
TITLES = re.compile(r"^((?:【[^】]*】)+)")
SYSTEM_IDS = {"10000", "1000000"}
SYSTEM_RULES = (
    (re.compile(r"^(?P<who>.+?)加入(了)?本群"), "join"),
    (re.compile(r"^(?P<who>.+?)退出(了)?本群"), "leave"),
    (re.compile(r"^(?P<who>.+?)被(?P<actor>.+?)移出(了)?本群"), "removed"),
    (re.compile(r"^(?P<who>.+?)撤回了一条消息"), "revoke"),
)


TWELVE_HOUR = re.compile(r"^\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}:\d{2} ?[AP]M \S")
QQ_ID = re.compile(r"(?:\(\d{5,}\)|<[^<>@\s]+@[^<>\s]+>)$")


def sniff(source: Source) -> bool:
    """The header block, or (a file cut out of a longer export) a first line of QQ's own shape:
    12-hour time, or a QQ number / e-mail after the name. WeChat TXT never writes either."""
    head = source.head.lstrip("\ufeff")
    if head.startswith(TITLE) or head.startswith(RULER + "\n消息分组"):
        return True
    first = next((line.strip() for line in head.split("\n") if line.strip()), "")
    return TWELVE_HOUR.match(first) is not None or (HEADER.match(first) is not None and QQ_ID.search(first) is not None)


def read(source: Source, options: ImportOptions, batch: Batch) -> None:
    grp: str | None = None
    folder, current = "", None
    headed = source.head.lstrip("\ufeff").startswith((TITLE, RULER))
    if headed and not source.text.endswith("\n"):  # the message manager ends every message with a line break
        raise truncated(source, t("import.cut.last_message", source.language))
    if not headed:  # no 消息对象 line names the chat
        grp = batch.group(name=group_name(source, options, batch), kind="群聊")
    for number, line in enumerate(source.text.split("\n"), start=1):
        if line.startswith(("消息分组:", "消息对象:")):
            _flush(batch, current, options, grp)
            current = None
            key, value = line.split(":", 1)
            if key == "消息分组":
                folder = value.strip()
            else:
                grp = _chat(batch, options, folder, value.strip())
        elif (match := HEADER.match(line)) and grp is not None:
            _flush(batch, current, options, grp)
            current = [number, match, []]
        elif current is not None and line != RULER:
            current[2].append(line)
    _flush(batch, current, options, grp)


def _chat(batch: Batch, options: ImportOptions, folder: str, name: str) -> str | None:
    if ("好友" in folder or "朋友" in folder) and skip_private(batch, options, name):
        return None
    return batch.group(name, name=name, kind=folder or None)


def _flush(batch: Batch, current: list | None, options: ImportOptions, grp: str | None) -> None:
    if current is None or grp is None:
        return
    number, match, lines = current
    body = "\n".join(lines).strip("\n")
    at = parse_time(match["time"], options.tz)
    if at is None:
        batch.skip(number, t("import.skip.time", batch.language))
        return
    who = match["who"].strip()
    member_id = match["qq"] or match["mail"]
    if who == "系统消息" and member_id in SYSTEM_IDS:
        _system(batch, body, at, grp)
        return
    titles = TITLES.match(who)
    if titles:
        who = who[titles.end() :].strip()
        for title in re.findall(r"【([^】]*)】", titles[1]):
            if role := role_of(title):
                batch.roles.append(Role(member_id, role, at, grp))
    kind, text = placeholder_kind(body)
    batch.messages.append(Message(at, kind, text, member_id, who or None, line=number, grp=grp))


def _system(batch: Batch, text: str, at: datetime, grp: str) -> None:
    for pattern, kind in SYSTEM_RULES:
        match = pattern.match(text)
        if not match:
            continue
        if kind == "revoke":
            batch.group_events.append(GroupEvent(at, "revoke", actor_name=match["who"], grp=grp))
        else:
            actor = match.groupdict().get("actor")
            batch.member_events.append(
                MemberEvent(at, kind, None, match["who"], None, actor, None, None, "system_message", grp)
            )
        return
    batch.group_events.append(GroupEvent(at, "system", detail=text[:500], grp=grp))
