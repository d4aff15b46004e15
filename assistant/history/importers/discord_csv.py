"""DiscordChatExporter CSV: ``AuthorID,Author,Date,Content,Attachments,Reactions``.

Every data field is quoted; ``Date`` is the round-trip format with 7 fractional digits and an offset;
there are no message ids and no channel name, so the group comes from ``--group`` (or the file name)
and messages are keyed by content. System messages survive only as their fallback text
(``Joined the server.``, ``Left the group.`` …), which is read back into events.
"""

from __future__ import annotations

import re
from datetime import datetime

from ...i18n import t
from ..batch import Batch
from ..clock import parse_time
from ..options import ImportOptions
from ..records import GroupEvent, MemberEvent, Message
from ..source import Source
from .base import csv_rows, group_name, header_has

NAME = "discord_csv"
LABEL = "Discord · DiscordChatExporter CSV"
PLATFORM = "discord"
IMAGE = re.compile(r"\.(png|jpe?g|gif|webp)(\?|$)", re.I)
SYSTEM = (
    (re.compile(r"^Joined the server\.$"), "join"),
    (re.compile(r"^Added (?P<who>.+) to the group\.$"), "join"),
    (re.compile(r"^Left the group\.$"), "leave"),
    (re.compile(r"^Removed (?P<who>.+) from the group\.$"), "removed"),
    (re.compile(r"^Pinned a message\.$"), "pin"),
    (re.compile(r"^Changed the channel name: (?P<who>.+)$"), "rename"),
)


def sniff(source: Source) -> bool:
    return header_has(source, "AuthorID", "Author", "Date", "Content")


def read(source: Source, options: ImportOptions, batch: Batch) -> None:
    grp = batch.group(name=group_name(source, options, batch))
    for line, row in csv_rows(source):
        at = parse_time(row["Date"], options.tz)
        if at is None:
            batch.skip(line, t("import.skip.field_time", batch.language, field="Date"))
            continue
        author_id, author = row["AuthorID"] or None, re.sub(r"#\d{4}$", "", row["Author"]) or None
        content = row["Content"]
        if not _system(batch, content, at, author_id, author, grp):
            kind = "text" if content else ("image" if IMAGE.search(row.get("Attachments", "")) else "file")
            batch.messages.append(Message(at, kind, content or None, author_id, author, line=line, grp=grp))


def _system(batch: Batch, content: str, at: datetime, author_id: str | None, author: str | None, grp: str) -> bool:
    for pattern, kind in SYSTEM:
        match = pattern.match(content)
        if not match:
            continue
        other = match.groupdict().get("who")
        if kind in ("pin", "rename"):
            batch.group_events.append(GroupEvent(at, kind, author_id, author, None, other, grp))
            return True
        via = ("invite" if other else "link") if kind == "join" else None
        member_id, member, actor_id, actor = (
            (None, other, author_id, author) if other else (author_id, author, None, None)
        )
        batch.member_events.append(
            MemberEvent(at, kind, member_id, member, actor_id, actor, via, source="platform_event", grp=grp)
        )
        return True
    return False
