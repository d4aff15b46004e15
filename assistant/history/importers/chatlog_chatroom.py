"""WeChat via chatlog: ``/api/v1/chatroom`` JSON, the member list of each group — a snapshot.

``[{name, owner, users:[{userName, displayName}], remark, nickName}]`` (docs/formats.md §1.4); the
response has no time, so the snapshot is dated by ``--at`` (or the file's time, with a warning).
Taken regularly, these lists are what WeChat exits are inferred from. chatlog's CSV variant is
written unquoted and breaks on commas in names, so only JSON is read.
"""

from __future__ import annotations

from ...i18n import t
from ..batch import Batch
from ..options import ImportOptions
from ..source import Source
from .base import add_member, json_records, snapshot_time

NAME = "chatlog_chatroom"
LABEL = "微信 · chatlog 群成员列表 JSON（成员快照）"
PLATFORM = "wechat"


def sniff(source: Source) -> bool:
    head = source.head
    return '"users"' in head and '"userName"' in head and '"owner"' in head


def read(source: Source, options: ImportOptions, batch: Batch) -> None:
    batch.snapshot_source = "chatlog_chatroom"
    taken = snapshot_time(source, options, batch)
    for room in json_records(source, "items"):
        chat_id = room.get("name")
        grp = batch.group(
            chat_id, chat_id=chat_id, name=room.get("remark") or room.get("nickName") or None, kind="群聊"
        )
        for user in room.get("users") or []:
            member = user.get("userName")
            if not member:
                batch.skip(chat_id, t("import.skip.member_field", batch.language, field="userName"))
                continue
            role = "owner" if member == room.get("owner") else None
            add_member(batch, taken, member, grp, group_nickname=user.get("displayName") or None, role=role)
