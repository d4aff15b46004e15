"""The groups analytics can be asked about, and which of them a ``--group`` names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb

from ..errors import InputError
from ..i18n import t
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


def select_groups(con: duckdb.DuckDBPyConnection, name: str | None = None, language: str = "zh") -> list[Group]:
    """All groups, or the one called ``name`` (raises :class:`InputError`, in ``language``, listing the names)."""
    rows = con.execute(
        "SELECT g.group_id, g.name, g.platform, g.tz, "
        "(SELECT count(DISTINCT taken_at) FROM snapshots s WHERE s.group_id = g.group_id) "
        "FROM groups g ORDER BY g.group_id"
    ).fetchall()
    groups = [Group(*row) for row in rows]
    if not groups:
        raise InputError(t("analytics.error.no_data", language))
    if name is None:
        return groups
    chosen = [g for g in groups if g.name == name]
    if not chosen:
        names = t("tool.names", language).join(g.name for g in groups)
        raise InputError(t("analytics.error.no_group", language, name=name, names=names))
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
