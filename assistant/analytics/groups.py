"""The groups analytics can be asked about, and which of them a ``--group`` names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb

from ..errors import InputError
from .population import instant

RECORDS_LEAVES = {"telegram", "wecom"}  # platforms whose exports state voluntary leaves


@dataclass(frozen=True)
class Group:
    id: int
    name: str
    platform: str
    tz: str
    snapshots: int

    @property
    def sees_exits(self) -> bool:
        """Can exits be counted? Only with stated leaves or member-list snapshots to compare."""
        return self.platform in RECORDS_LEAVES or self.snapshots >= 2


def select_groups(con: duckdb.DuckDBPyConnection, name: str | None = None) -> list[Group]:
    """All groups, or the one called ``name`` (raises :class:`InputError` listing the names)."""
    rows = con.execute(
        "SELECT g.group_id, g.name, g.platform, g.tz, "
        "(SELECT count(DISTINCT taken_at) FROM snapshots s WHERE s.group_id = g.group_id) "
        "FROM groups g ORDER BY g.group_id"
    ).fetchall()
    groups = [Group(*row) for row in rows]
    if not groups:
        raise InputError("还没有导入任何群的数据。请先在「群数据」页导入聊天记录，或运行 python -m assistant demo 载入示例。")
    if name is None:
        return groups
    chosen = [g for g in groups if g.name == name]
    if not chosen:
        names = "、".join(g.name for g in groups)
        raise InputError(f"没有名为「{name}」的群。已导入的群：{names}")
    return chosen


def data_end(con: duckdb.DuckDBPyConnection, group_id: int) -> datetime | None:
    """The last instant anything was recorded for the group."""
    value = con.execute(
        "SELECT epoch_us(greatest((SELECT max(sent_at) FROM messages WHERE group_id = $g), "
        "(SELECT max(taken_at) FROM snapshots WHERE group_id = $g), "
        "(SELECT max(happened_at) FROM member_events WHERE group_id = $g AND NOT inferred)))",
        {"g": group_id},
    ).fetchone()[0]
    return instant(value)


ADMINS_SQL = """
SELECT r.role, g.name,
       coalesce((SELECT any_value(n.name) FROM member_names n WHERE n.group_id = r.group_id AND n.member_id = r.member_id),
                (SELECT any_value(m.sender_name) FROM messages m WHERE m.group_id = r.group_id AND m.sender_id = r.member_id),
                r.member_id) AS name
FROM (SELECT DISTINCT group_id, member_id, role FROM member_roles WHERE role IN ('owner', 'admin')) r
JOIN groups g USING (group_id)
"""


def by_admin(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """Each owner or admin (by display name) and the groups they run, for a "whose groups" filter."""
    runs: dict[str, set[str]] = {}
    for _, group, name in con.execute(ADMINS_SQL).fetchall():
        runs.setdefault(name, set()).add(group)
    return {name: sorted(groups) for name, groups in sorted(runs.items())}
