"""Member lists as CSV or XLSX: one snapshot (time from ``--at``) or many (a snapshot-time column).

These are the only source of WeChat exits (docs/formats.md §2.4): MemoTrace's VIP 成员信息 sheet,
a list copied from the group's member page, or a WeCom list. Headers vary, so columns are matched by
alias; a list with names but no ids stores ``name:`` members that identity matching links later.
"""

from __future__ import annotations

from ...i18n import t
from ..batch import Batch
from ..options import ImportOptions
from ..records import name_id
from ..source import Source
from . import tables
from .base import add_member, clean, group_name, role_of, snapshot_time, via_of

NAME = "member_list"
LABEL = "成员名单 CSV / XLSX（成员快照）"
PLATFORM = "other"
ID = ("微信号", "wxid", "微信ID", "用户名", "UserName", "userid", "user_id", "成员ID", "memberid", "member_id",
      "QQ号", "QQ", "账号", "ID")  # fmt: skip
NAME_COLS = ("昵称", "NickName", "nickname", "名称", "姓名", "name", "用户昵称")
GROUP_NICK = ("群昵称", "群名片", "group_nickname", "displayName", "群内昵称")
TAKEN = ("快照时间", "导出时间", "采集时间", "snapshot_time", "snapshot_at", "taken_at")
JOINED = ("入群时间", "加入时间", "join_time", "jointime")
ROLE = ("身份", "角色", "群身份", "role")
VIA = ("入群方式", "join_scene", "加入方式")
INVITER = ("邀请人", "invitor", "inviter")
CAMPAIGN = ("渠道", "来源渠道", "渠道码", "state", "campaign")
GROUP = ("群名", "群聊名称", "group")
# message logs, orders, chatlog's chatroom CSV and MemoTrace's contacts.csv are not member lists
NOT_MEMBERS = ("内容", "content", "msg", "StrContent", "消息", "订单金额", "金额", "amount", "跟团号", "订单号",
               "UserCount", "PYInitial")  # fmt: skip


def _fits(header: list[str]) -> bool:
    has_person = bool(tables.find(header, ID) or tables.find(header, NAME_COLS + GROUP_NICK))
    return has_person and not tables.find(header, NOT_MEMBERS)


def sniff(source: Source) -> bool:
    return any(_fits(header) for header in tables.headers(source))


def read(source: Source, options: ImportOptions, batch: Batch) -> None:
    table = tables.read(source, _fits)
    cols = {key: table.column(aliases) for key, aliases in (
        ("id", ID), ("name", NAME_COLS), ("nick", GROUP_NICK), ("taken", TAKEN), ("joined", JOINED), ("role", ROLE),
        ("via", VIA), ("inviter", INVITER), ("campaign", CAMPAIGN), ("group", GROUP))}  # fmt: skip
    batch.platform = _platform([clean(row.get(cols["id"])) for _, row in table.rows] if cols["id"] else [])
    batch.snapshot_source = "member_list"
    fixed_time = None if cols["taken"] else snapshot_time(source, options, batch)
    default_group = None if cols["group"] else group_name(source, options, batch)
    for line, row in table.rows:
        cell = {key: clean(row.get(col)) if col else None for key, col in cols.items()}
        taken = tables.as_time(row.get(cols["taken"]), options.tz) if cols["taken"] else fixed_time
        person = cell["id"] or (name_id(cell["nick"] or cell["name"]) if cell["nick"] or cell["name"] else None)
        if taken is None or person is None:
            batch.skip(line, t("import.skip.snapshot_time" if taken is None else "import.skip.no_member", batch.language))
            continue
        grp = batch.group(cell["group"] or "", name=cell["group"] or default_group)
        add_member(
            batch, taken, person, grp, name=cell["name"], group_nickname=cell["nick"], role=role_of(cell["role"]),
            joined_at=tables.as_time(row.get(cols["joined"]), options.tz) if cols["joined"] else None,
            via=via_of(cell["via"]), inviter_id=cell["inviter"], campaign=cell["campaign"],
        )  # fmt: skip


def _platform(ids: list[str | None]) -> str:
    """Which platform's ids these are: wxid_… is WeChat, all digits is QQ; otherwise unknown."""
    present = [i for i in ids if i]
    if any(i.startswith("wxid_") for i in present):
        return "wechat"
    if present and all(i.isdigit() for i in present):
        return "qq"
    return "other"
