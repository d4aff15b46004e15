"""Counts over the store: the groups list and the per-group summary behind ``history stats``.

Exits are split by what is known about them: voluntary (the platform said so), removed, and
inferred from member-list snapshots, whose time is only known to lie between two snapshots. When a
group has no snapshots and its platform does not record voluntary leaves (WeChat, QQ, Discord
servers), "members now" is everyone ever seen minus the exits we know of: an upper bound, and the
summary says so.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

import duckdb

from ..i18n import label, t
from .clock import from_us, local_text
from .errors import InputError

RECORDS_LEAVES = {"telegram", "wecom"}  # platforms whose exports state voluntary leaves


def via_text(counts: dict[str, int], language: str = "zh") -> str:
    """``{"qr": 3, "invite": 2}`` → ``扫码 3，邀请 2`` (a dash when empty)."""
    comma = "，" if language == "zh" else ", "
    return comma.join(f"{label('via', k, language)} {n}" for k, n in counts.items()) or "-"
INFERRED_NOTE = "由成员快照对比推断：退群时间只能确定在前后两次快照之间"


@dataclass
class GroupSummary:
    name: str
    platform: str
    chat_id: str | None
    kind: str | None
    tz: str
    first: str | None
    last: str | None
    messages: int
    members_now: int
    snapshots: int


@dataclass
class GroupStats:
    group: str
    platform: str
    tz: str
    first: str | None
    last: str | None
    messages: int
    senders: int
    members_now: int
    members_basis: str  # snapshot | events | upper_bound
    members_note: str
    joins: dict[str, Any]
    exits: dict[str, Any]
    orders: dict[str, Any]
    snapshots: int
    group_events: dict[str, int]


@dataclass
class HistoryStats:
    groups: list[GroupStats] = field(default_factory=list)

    def to_dict(self, language: str = "zh") -> dict[str, Any]:
        """The counts; the notes (how the member count is known, what an inferred exit means) in ``language``."""
        found = [asdict(g) for g in self.groups]
        if language != "zh":
            for g in found:
                g["members_note"] = label("basis", g["members_basis"], language)
                if g["exits"]["inferred_note"]:
                    g["exits"]["inferred_note"] = t("groups.inferred_note", language)
        return {"groups": found}


def groups(con: duckdb.DuckDBPyConnection) -> list[GroupSummary]:
    rows = con.execute(
        """
        SELECT g.group_id, g.name, g.platform, g.chat_id, g.kind, g.tz,
               (SELECT count(*) FROM messages m WHERE m.group_id = g.group_id),
               (SELECT count(*) FROM members x WHERE x.group_id = g.group_id AND x.is_member_now),
               (SELECT count(*) FROM snapshots s WHERE s.group_id = g.group_id)
        FROM groups g ORDER BY g.group_id
        """
    ).fetchall()
    out = []
    for group_id, name, platform, chat_id, kind, tz, messages, members, snapshots in rows:
        first, last = _range(con, group_id, ZoneInfo(tz))
        out.append(GroupSummary(name, platform, chat_id, kind, tz, first, last, messages, members, snapshots))
    return out


def history_stats(con: duckdb.DuckDBPyConnection, group: str | None = None, language: str = "zh") -> HistoryStats:
    rows = con.execute("SELECT group_id, name, platform, tz FROM groups ORDER BY group_id").fetchall()
    if group is not None:
        rows = [row for row in rows if row[1] == group]
        if not rows:
            raise InputError(t("history.error.no_group", language, group=group))
    return HistoryStats([_group_stats(con, *row) for row in rows])


def _group_stats(con: duckdb.DuckDBPyConnection, group_id: int, name: str, platform: str, tz: str) -> GroupStats:
    zone = ZoneInfo(tz)
    messages, senders = con.execute(
        "SELECT count(*), count(DISTINCT sender_id) FROM messages WHERE group_id = ?", [group_id]
    ).fetchone()
    snapshots = con.execute("SELECT count(*) FROM snapshots WHERE group_id = ?", [group_id]).fetchone()[0]
    members_now = con.execute(
        "SELECT count(*) FROM members WHERE group_id = ? AND is_member_now", [group_id]
    ).fetchone()[0]
    basis, note = _basis(platform, snapshots)
    first, last = _range(con, group_id, zone)
    return GroupStats(
        group=name, platform=platform, tz=tz, first=first, last=last, messages=messages, senders=senders,
        members_now=members_now, members_basis=basis, members_note=note, joins=_joins(con, group_id),
        exits=_exits(con, group_id), orders=_orders(con, group_id), snapshots=snapshots,
        group_events=dict(con.execute(
            "SELECT kind, count(*) FROM group_events WHERE group_id = ? GROUP BY kind ORDER BY 2 DESC", [group_id]
        ).fetchall()),
    )  # fmt: skip


def _basis(platform: str, snapshots: int) -> tuple[str, str]:
    if snapshots:
        return "snapshot", "以最近一次成员快照为准，加上之后记录到的进出"
    if platform in RECORDS_LEAVES:
        return "events", "按平台记录的入群和退群事件推算"
    return "upper_bound", "没有成员快照，且该平台不记录主动退群：这是上限（未扣除没被记录的退群）"


def _joins(con: duckdb.DuckDBPyConnection, group_id: int) -> dict[str, Any]:
    total, inferred = con.execute(
        "SELECT count(*), count(*) FILTER (inferred) FROM member_events WHERE group_id = ? AND kind = 'join'",
        [group_id],
    ).fetchone()
    by_via = dict(con.execute(
        "SELECT coalesce(via, CASE WHEN inferred THEN 'inferred' ELSE 'unknown' END), count(*) FROM member_events "
        "WHERE group_id = ? AND kind = 'join' GROUP BY 1 ORDER BY 2 DESC",
        [group_id],
    ).fetchall())  # fmt: skip
    campaigns = dict(con.execute(
        "SELECT campaign, count(*) FROM member_events WHERE group_id = ? AND kind = 'join' AND campaign IS NOT NULL "
        "GROUP BY 1 ORDER BY 2 DESC",
        [group_id],
    ).fetchall())  # fmt: skip
    return {
        "total": total,
        "stated": total - inferred,
        "inferred": inferred,
        "by_via": by_via,
        "by_campaign": campaigns,
    }


def _exits(con: duckdb.DuckDBPyConnection, group_id: int) -> dict[str, Any]:
    leave, removed, inferred = con.execute(
        """
        SELECT count(*) FILTER (kind = 'leave'), count(*) FILTER (kind = 'removed'), count(*) FILTER (kind = 'exit' AND inferred)
        FROM member_events WHERE group_id = ?
        """,
        [group_id],
    ).fetchone()
    return {
        "total": leave + removed + inferred, "voluntary": leave, "removed": removed, "inferred": inferred,
        "inferred_note": INFERRED_NOTE if inferred else None,
    }  # fmt: skip


def _orders(con: duckdb.DuckDBPyConnection, group_id: int) -> dict[str, Any]:
    count, buyers, amount, refund, solitaire = con.execute(
        "SELECT count(*), count(DISTINCT buyer_id), coalesce(sum(amount), 0), coalesce(sum(refund), 0), "
        "count(*) FILTER (source = 'solitaire') FROM orders WHERE group_id = ?",
        [group_id],
    ).fetchone()
    return {"count": count, "buyers": buyers, "amount": float(amount), "refund": float(refund),
            "from_solitaire": solitaire}  # fmt: skip


def _range(con: duckdb.DuckDBPyConnection, group_id: int, zone: ZoneInfo) -> tuple[str | None, str | None]:
    first, last = con.execute(
        """
        SELECT min(t), max(t) FROM (
            SELECT min(epoch_us(sent_at)) AS t FROM messages WHERE group_id = $g
            UNION ALL SELECT max(epoch_us(sent_at)) FROM messages WHERE group_id = $g
            UNION ALL SELECT epoch_us(happened_at) FROM member_events WHERE group_id = $g AND NOT inferred
            UNION ALL SELECT epoch_us(taken_at) FROM snapshots WHERE group_id = $g
            UNION ALL SELECT epoch_us(paid_at) FROM orders WHERE group_id = $g
            UNION ALL SELECT epoch_us(day::TIMESTAMPTZ) FROM daily_stats WHERE group_id = $g
        )
        """,
        {"g": group_id},
    ).fetchone()
    return (
        local_text(from_us(first), zone) if first is not None else None,
        local_text(from_us(last), zone) if last is not None else None,
    )
