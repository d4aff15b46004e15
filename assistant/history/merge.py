"""Merge: staged records into the store, keyed so that re-imports and overlapping exports add nothing.

Keys are computed here, in SQL, for every format alike:

* messages: the platform's id where there is exactly one per platform (Telegram, Discord, WeCom);
  otherwise a hash of (second, kind, text for text messages) plus the message's rank among identical
  ones in the file. The sender is left out on purpose: the same WeChat message exported as MemoTrace
  CSV (wxid) and as TXT (display name) must meet.
* member events: (second, kind, the person as the text names them), and an explicit event within two
  minutes of a stored one of the same kind and person is the same event seen by another source.
* orders: the order number, buyer and payment second; a re-export updates refunds and status.

Red packets and 接龙 posts become group events rather than messages. The sender of a name-only
message becomes ``name:<显示名>`` with confidence 0.5 until identity matching finds the platform id.
"""

from __future__ import annotations

from typing import Any

import duckdb

SECOND = "epoch_us({col}) // 1000000"
EVENT_KINDS = ("red_packet", "solitaire")
# the stored explicit event ``e`` that staged event ``k`` repeats (same key, or same kind and person within 2 min)
_SAME_EVENT = """e.group_id = k.group_id AND NOT e.inferred AND e.kind = k.kind
    AND (e.event_key = k.event_key
         OR ((e.member_id = k.member_id OR e.member_name = k.member_name)
             AND abs(epoch(e.happened_at) - epoch(k.happened_at)) <= 120))"""
MENTION = r"@([^\s\x{2005}@]+)"


def merge(con: duckdb.DuckDBPyConnection, import_id: int, platform: str, snapshot_source: str | None) -> dict[str, Any]:
    """Move ``stage_*`` into the store for the groups in ``stage_groups``; returns what was added."""
    counts: dict[str, Any] = {}
    _events_not_chatter(con)
    counts.update(_messages(con, import_id))
    _names(con)
    _roles(con)
    _contacts(con, platform)
    counts.update(_member_events(con, import_id))
    counts["group_events_added"] = _group_events(con, import_id)
    counts["group_events"] = dict(
        con.execute("SELECT kind, count(*) FROM stage_group_events GROUP BY kind ORDER BY 2 DESC, 1").fetchall()
    )
    counts.update(_snapshots(con, import_id, snapshot_source or "member_list"))
    counts.update(_orders(con, import_id))
    counts["daily_stats"] = _daily_stats(con, import_id)
    return counts


def _count(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> int:
    row = con.execute(sql, params or []).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _events_not_chatter(con: duckdb.DuckDBPyConnection) -> None:
    """Red packets and 接龙 posts are things that happened in the group, not conversation: they go
    to ``group_events`` (sender as actor, the list or wish as detail) and stay out of message counts."""
    kinds = ", ".join(f"'{kind}'" for kind in EVENT_KINDS)
    con.execute(
        f"""
        INSERT INTO stage_group_events
        SELECT sent_at, kind, sender_id, sender_name, NULL, text, grp FROM stage_messages WHERE kind IN ({kinds});
        DELETE FROM stage_messages WHERE kind IN ({kinds});
        """
    )


def _messages(con: duckdb.DuckDBPyConnection, import_id: int) -> dict[str, Any]:
    second = SECOND.format(col="s.sent_at")
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE keyed_messages AS
        SELECT * FROM (
            SELECT *, coalesce(key, md5(concat_ws('|', second, kind, basis,
                       row_number() OVER (PARTITION BY group_id, second, kind, basis ORDER BY line)))) AS msg_key
            FROM (
                SELECT g.group_id, s.*, {second} AS second,
                       nullif(trim(replace(coalesce(s.text, ''), chr(13), ''), ' ' || chr(10) || chr(9)), '') AS clean,
                       CASE WHEN s.kind = 'text' THEN coalesce(clean, '') ELSE '' END AS basis
                FROM stage_messages s JOIN stage_groups g USING (grp)
            )
        ) QUALIFY row_number() OVER (PARTITION BY group_id, msg_key ORDER BY line) = 1
        """
    )
    added = _count(
        con,
        f"""
        INSERT INTO messages
        SELECT k.group_id, k.msg_key, k.platform_msg_id, k.sent_at,
               coalesce(k.sender_id, 'name:' || k.sender_name), k.sender_name,
               CASE WHEN k.sender_id IS NOT NULL THEN 1.0 WHEN k.sender_name IS NOT NULL THEN 0.5 END,
               k.is_self, k.kind, k.clean, k.reply_to,
               coalesce(k.mentions, CASE WHEN k.kind = 'text' AND contains(k.clean, '@')
                                         THEN regexp_extract_all(k.clean, '{MENTION}', 1) END),
               ?
        FROM keyed_messages k ANTI JOIN messages m ON m.group_id = k.group_id AND m.msg_key = k.msg_key
        """,
        [import_id],
    )
    kinds = dict(con.execute("SELECT kind, count(*) FROM keyed_messages GROUP BY kind ORDER BY 2 DESC").fetchall())
    return {"messages_by_kind": kinds, "messages_added": added}


def _names(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE staged_names AS
        SELECT g.group_id, s.member_id, s.name, s.name_kind, min(s.seen_at) AS first_seen, max(s.seen_at) AS last_seen
        FROM (
            SELECT grp, member_id, name, name_kind, seen_at FROM stage_names
            UNION ALL SELECT grp, sender_id, sender_name, 'display', sent_at FROM stage_messages
                WHERE sender_id IS NOT NULL AND sender_name IS NOT NULL
            UNION ALL SELECT grp, member_id, name, 'nickname', taken_at FROM stage_snapshot_members WHERE name IS NOT NULL
            UNION ALL SELECT grp, member_id, group_nickname, 'group_nickname', taken_at FROM stage_snapshot_members
                WHERE group_nickname IS NOT NULL
            UNION ALL SELECT grp, member_id, member_name, 'display', happened_at FROM stage_member_events
                WHERE member_id IS NOT NULL AND member_name IS NOT NULL
            UNION ALL SELECT grp, actor_id, actor_name, 'display', happened_at FROM stage_member_events
                WHERE actor_id IS NOT NULL AND actor_name IS NOT NULL
        ) s JOIN stage_groups g USING (grp)
        WHERE s.name <> '' AND s.member_id NOT LIKE 'name:%'
        GROUP BY ALL;
        UPDATE member_names n SET first_seen = least(n.first_seen, s.first_seen), last_seen = greatest(n.last_seen, s.last_seen)
        FROM staged_names s
        WHERE n.group_id = s.group_id AND n.member_id = s.member_id AND n.name = s.name AND n.name_kind = s.name_kind;
        INSERT INTO member_names SELECT s.* FROM staged_names s ANTI JOIN member_names n
            ON n.group_id = s.group_id AND n.member_id = s.member_id AND n.name = s.name AND n.name_kind = s.name_kind;
        """
    )


def _roles(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        """
        INSERT INTO member_roles
        SELECT DISTINCT g.group_id, s.member_id, s.role, s.seen_at
        FROM (
            SELECT grp, member_id, role, seen_at FROM stage_roles
            UNION ALL SELECT grp, member_id, role, taken_at FROM stage_snapshot_members WHERE role IS NOT NULL
        ) s JOIN stage_groups g USING (grp)
        ANTI JOIN member_roles r ON r.group_id = g.group_id AND r.member_id = s.member_id AND r.role = s.role
            AND r.seen_at IS NOT DISTINCT FROM s.seen_at
        """
    )


def _contacts(con: duckdb.DuckDBPyConnection, platform: str) -> None:
    con.execute(
        "DELETE FROM contacts WHERE platform = ? AND member_id IN (SELECT member_id FROM stage_contacts)", [platform]
    )
    con.execute(
        "INSERT INTO contacts SELECT DISTINCT ON (member_id) ?, member_id, nickname, remark, alias FROM stage_contacts",
        [platform],
    )


def _member_events(con: duckdb.DuckDBPyConnection, import_id: int) -> dict[str, Any]:
    second = SECOND.format(col="s.happened_at")
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE keyed_member_events AS
        SELECT * FROM (
            SELECT g.group_id, s.*, md5(concat_ws('|', {second}, s.kind, coalesce(s.member_name, s.member_id))) AS event_key
            FROM stage_member_events s JOIN stage_groups g USING (grp)
        ) QUALIFY row_number() OVER (PARTITION BY group_id, event_key) = 1
        """
    )
    added = _count(
        con,
        f"""
        INSERT INTO member_events
        SELECT k.group_id, k.event_key, k.happened_at, NULL, k.kind,
               coalesce(k.member_id, 'name:' || k.member_name), k.member_name,
               CASE WHEN k.member_id IS NOT NULL THEN 1.0 ELSE 0.5 END,
               coalesce(k.actor_id, 'name:' || k.actor_name), k.actor_name,
               k.via, k.campaign, k.source, false, ?
        FROM keyed_member_events k
        WHERE NOT EXISTS (SELECT 1 FROM member_events e WHERE {_SAME_EVENT})
        """,
        [import_id],
    )
    _enrich_member_events(con)
    kinds = dict(con.execute("SELECT kind, count(*) FROM keyed_member_events GROUP BY kind ORDER BY kind").fetchall())
    return {"member_events": kinds, "member_events_added": added}


def _enrich_member_events(con: duckdb.DuckDBPyConnection) -> None:
    """A second source of the same event may know more (the campaign tag, who invited)."""
    con.execute(
        f"""
        UPDATE member_events e
        SET via = coalesce(e.via, k.via), campaign = coalesce(e.campaign, k.campaign),
            actor_id = coalesce(e.actor_id, k.actor_id), actor_name = coalesce(e.actor_name, k.actor_name)
        FROM keyed_member_events k
        WHERE {_SAME_EVENT} AND (e.via IS NULL AND k.via IS NOT NULL OR e.campaign IS NULL AND k.campaign IS NOT NULL
                                 OR e.actor_id IS NULL AND k.actor_id IS NOT NULL)
        """
    )


def _group_events(con: duckdb.DuckDBPyConnection, import_id: int) -> int:
    second = SECOND.format(col="s.happened_at")
    return _count(
        con,
        f"""
        INSERT INTO group_events
        SELECT DISTINCT ON (k.group_id, k.event_key) k.group_id, k.event_key, k.happened_at, k.kind,
               k.actor_id, k.actor_name, k.target_name, k.detail, ?
        FROM (
            SELECT g.group_id, s.*, md5(concat_ws('|', {second}, s.kind, coalesce(s.actor_id, s.actor_name, ''),
                                                  coalesce(s.target_name, ''), coalesce(s.detail, ''))) AS event_key
            FROM stage_group_events s JOIN stage_groups g USING (grp)
        ) k ANTI JOIN group_events e ON e.group_id = k.group_id AND e.event_key = k.event_key
        """,
        [import_id],
    )


def _snapshots(con: duckdb.DuckDBPyConnection, import_id: int, source: str) -> dict[str, Any]:
    con.execute(
        """
        INSERT INTO snapshots
        SELECT DISTINCT g.group_id, s.taken_at, ?, ? FROM stage_snapshot_members s JOIN stage_groups g USING (grp)
        ANTI JOIN snapshots x ON x.group_id = g.group_id AND x.taken_at = s.taken_at
        """,
        [source, import_id],
    )
    con.execute(
        """
        INSERT INTO snapshot_members
        SELECT DISTINCT ON (g.group_id, s.taken_at, s.member_id)
               g.group_id, s.taken_at, s.member_id, s.name, s.group_nickname, s.role, s.joined_at, s.via,
               s.inviter_id, s.campaign
        FROM stage_snapshot_members s JOIN stage_groups g USING (grp)
        ANTI JOIN snapshot_members x ON x.group_id = g.group_id AND x.taken_at = s.taken_at AND x.member_id = s.member_id
        """
    )
    row = con.execute("SELECT count(DISTINCT (grp, taken_at)), count(*) FROM stage_snapshot_members").fetchone()
    return {"snapshots": row[0], "snapshot_members": row[1]}


def _orders(con: duckdb.DuckDBPyConnection, import_id: int) -> dict[str, Any]:
    second = SECOND.format(col="s.paid_at")
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE keyed_orders AS
        SELECT * FROM (
            SELECT g.group_id, s.*, coalesce(s.key, md5(concat_ws('|', coalesce(s.order_no, ''), coalesce(s.buyer_name, ''),
                                                          coalesce(s.buyer_id, ''), {second}))) AS order_key
            FROM stage_orders s JOIN stage_groups g USING (grp)
        ) QUALIFY row_number() OVER (PARTITION BY group_id, order_key ORDER BY line DESC) = 1
        """
    )
    updated = _count(
        con,
        """
        UPDATE orders o SET amount = k.amount, refund = k.refund, status = k.status, status_raw = k.status_raw
        FROM keyed_orders k
        WHERE o.group_id = k.group_id AND o.order_key = k.order_key
          AND (o.amount IS DISTINCT FROM k.amount OR o.refund IS DISTINCT FROM k.refund OR o.status IS DISTINCT FROM k.status)
        """,
    )
    added = _count(
        con,
        """
        INSERT INTO orders (group_id, order_key, order_no, buyer_id, buyer_name, buyer_phone, buyer_confidence, paid_at,
                            items, amount, refund, status, status_raw, import_id)
        SELECT k.group_id, k.order_key, k.order_no, coalesce(k.buyer_id, 'name:' || k.buyer_name), k.buyer_name,
               k.buyer_phone, CASE WHEN k.buyer_id IS NOT NULL THEN 1.0 WHEN k.buyer_name IS NOT NULL THEN 0.5 END,
               k.paid_at, k.items, k.amount, k.refund, k.status, k.status_raw, ?
        FROM keyed_orders k ANTI JOIN orders o ON o.group_id = k.group_id AND o.order_key = k.order_key
        """,
        [import_id],
    )
    return {
        "orders": _count(con, "SELECT count(*) FROM keyed_orders"),
        "orders_added": added,
        "orders_updated": updated,
    }


def _daily_stats(con: duckdb.DuckDBPyConnection, import_id: int) -> int:
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE keyed_stats AS
        SELECT DISTINCT ON (g.group_id, s.day, s.metric) g.group_id, s.day, s.metric, s.value
        FROM stage_daily_stats s JOIN stage_groups g USING (grp);
        DELETE FROM daily_stats d USING keyed_stats k WHERE d.group_id = k.group_id AND d.day = k.day AND d.metric = k.metric;
        """
    )
    return _count(con, "INSERT INTO daily_stats SELECT group_id, day, metric, value, ? FROM keyed_stats", [import_id])


def time_range(con: duckdb.DuckDBPyConnection) -> tuple[int | None, int | None]:
    """Earliest and latest instant the staged file speaks of, as epoch microseconds."""
    row = con.execute(
        """
        SELECT min(epoch_us(t)), max(epoch_us(t)) FROM (
            SELECT sent_at AS t FROM stage_messages
            UNION ALL SELECT happened_at FROM stage_member_events
            UNION ALL SELECT happened_at FROM stage_group_events
            UNION ALL SELECT taken_at FROM stage_snapshot_members
            UNION ALL SELECT paid_at FROM stage_orders
            UNION ALL SELECT day::TIMESTAMPTZ FROM stage_daily_stats
        )
        """
    ).fetchone()
    return row[0], row[1]
