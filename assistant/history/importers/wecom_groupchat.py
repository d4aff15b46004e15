"""WeCom group details as member snapshots: ``externalcontact/groupchat/get`` and ``msgaudit/groupchat/get``.

Customer groups list ``member_list[{userid, join_time, join_scene (1 invite, 2 link, 3 QR), invitor,
group_nickname, name, state}]`` plus ``owner`` and ``admin_list``; ``state`` is the channel tag of the
QR code, i.e. the campaign (docs/formats.md §3.2). Internal groups give ``members[{memberid,
jointime}]``. The API response carries no time: a saved response is dated by ``--at``, by a
``fetched_at`` field the saving script added, or by the file's time. A JSON array of saved
responses is a series of snapshots.
"""

from __future__ import annotations

from datetime import datetime

from ...i18n import t
from ..batch import Batch
from ..clock import from_epoch, parse_time
from ..options import ImportOptions
from ..source import Source
from .base import add_member, json_records, snapshot_time, via_of

NAME = "wecom_groupchat"
LABEL = "企业微信 · 群详情 groupchat/get JSON（成员快照）"
PLATFORM = "wecom"


def sniff(source: Source) -> bool:
    head = source.head
    return ('"group_chat"' in head and '"member_list"' in head) or ('"roomname"' in head and '"memberid"' in head)


def read(source: Source, options: ImportOptions, batch: Batch) -> None:
    batch.snapshot_source = "wecom_groupchat"
    for response in json_records(source, "responses"):
        stated = parse_time(str(response.get("fetched_at") or ""), options.tz)
        taken = snapshot_time(source, options, batch, stated)
        if "group_chat" in response:
            _customer_group(batch, response["group_chat"], taken)
        else:
            _internal_group(batch, response, taken, options)


def _customer_group(batch: Batch, chat: dict, taken: datetime) -> None:
    grp = batch.group(chat["chat_id"], chat_id=chat["chat_id"], name=chat.get("name") or None, kind="客户群")
    admins = {a.get("userid") for a in chat.get("admin_list") or []}
    for member in chat.get("member_list") or []:
        userid = member.get("userid")
        if not userid:
            batch.skip(chat["chat_id"], t("import.skip.member_field", batch.language, field="userid"))
            continue
        role = "owner" if userid == chat.get("owner") else "admin" if userid in admins else None
        joined = from_epoch(member["join_time"]) if member.get("join_time") else None
        facts = {"name": member.get("name") or None, "group_nickname": member.get("group_nickname") or None}
        add_member(
            batch, taken, userid, grp, role=role, joined_at=joined, via=via_of(member.get("join_scene")),
            inviter_id=(member.get("invitor") or {}).get("userid"), campaign=member.get("state") or None, **facts,
        )  # fmt: skip


def _internal_group(batch: Batch, room: dict, taken: datetime, options: ImportOptions) -> None:
    name = options.group or room.get("roomname")
    grp = batch.group(name or "", name=name, kind="内部群")
    for member in room.get("members") or []:
        joined = from_epoch(member["jointime"]) if member.get("jointime") else None
        role = "owner" if member.get("memberid") == room.get("creator") else None
        add_member(batch, taken, member["memberid"], grp, role=role, joined_at=joined)
