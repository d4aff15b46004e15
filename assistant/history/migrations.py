"""Numbered, append-only schema migrations for the history database.

Each migration runs once, in order, inside one transaction, and is recorded by name in
``schema_migrations``. Never edit a migration that has shipped: add ``m00N_…`` after it.

The schema is shaped for the analytics that come next (metrics per local day or ISO week):
every fact keeps its instant as ``TIMESTAMPTZ`` and every group its time zone, so a query can
bucket by ``sent_at AT TIME ZONE groups.tz``. Tables marked *derived* are rebuilt for a group
after each import by :mod:`assistant.history.membership`; the others only ever gain rows.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

Migration = Callable[[duckdb.DuckDBPyConnection], None]
MIGRATIONS: list[tuple[str, Migration]] = []


def migration(fn: Migration) -> Migration:
    MIGRATIONS.append((fn.__name__, fn))
    return fn


@migration
def m001_initial(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        """
        CREATE TABLE groups (
            group_id INTEGER PRIMARY KEY,
            name VARCHAR NOT NULL UNIQUE,   -- the handle users type after --group
            platform VARCHAR NOT NULL,      -- wechat | wecom | qq | telegram | discord | other
            chat_id VARCHAR,                -- the platform's own id of the chat, when an export has it
            kind VARCHAR,                   -- what the export calls the chat (群聊, private_supergroup …)
            tz VARCHAR NOT NULL,            -- zone of naive times in its exports and of per-day metrics
            created_at TIMESTAMPTZ NOT NULL
        );
        CREATE TABLE imports (
            import_id INTEGER PRIMARY KEY,
            file_name VARCHAR NOT NULL,
            file_sha256 VARCHAR NOT NULL,
            format VARCHAR NOT NULL,
            options VARCHAR NOT NULL,       -- group, tz and --at as given; part of "same import"
            imported_at TIMESTAMPTZ NOT NULL,
            report JSON NOT NULL
        );
        CREATE TABLE messages (
            group_id INTEGER NOT NULL,
            msg_key VARCHAR NOT NULL,       -- platform id (tg:/dc:/wc:) or a content hash; dedup key
            platform_msg_id VARCHAR,
            sent_at TIMESTAMPTZ NOT NULL,
            sender_id VARCHAR,              -- platform id, or 'name:<显示名>' until a name is matched
            sender_name VARCHAR,
            sender_confidence DOUBLE,       -- 1 = platform id; lower when matched by name
            is_self BOOLEAN,                -- sent by the account that exported the chat
            kind VARCHAR NOT NULL,          -- text, image, link, reply, red_packet, solitaire …
            text VARCHAR,
            reply_to VARCHAR,               -- msg_key of the message replied to, when known
            mentions VARCHAR[],             -- names as displayed after '@'
            import_id INTEGER NOT NULL
        );
        CREATE TABLE member_events (
            group_id INTEGER NOT NULL,
            event_key VARCHAR NOT NULL,
            happened_at TIMESTAMPTZ NOT NULL, -- when, or the latest it can have happened
            happened_earliest TIMESTAMPTZ,  -- inferred events: after this instant (exclusive)
            kind VARCHAR NOT NULL,          -- join | leave (voluntary) | removed | exit (reason unknown)
            member_id VARCHAR,
            member_name VARCHAR,
            member_confidence DOUBLE,
            actor_id VARCHAR,               -- inviter, QR sharer or remover
            actor_name VARCHAR,
            via VARCHAR,                    -- invite | qr | link | request | direct
            campaign VARCHAR,               -- channel tag (WeCom 'state'), when the source has one
            source VARCHAR NOT NULL,        -- system_message | platform_event | member_list | snapshot_diff …
            inferred BOOLEAN NOT NULL,      -- derived from snapshots or a later join, not stated
            import_id INTEGER               -- NULL for inferred rows (derived)
        );
        CREATE TABLE group_events (
            group_id INTEGER NOT NULL,
            event_key VARCHAR NOT NULL,
            happened_at TIMESTAMPTZ NOT NULL,
            kind VARCHAR NOT NULL,          -- rename | revoke | pat | red_packet_claim | pin | system …
            actor_id VARCHAR,
            actor_name VARCHAR,
            target_name VARCHAR,
            detail VARCHAR,
            import_id INTEGER NOT NULL
        );
        CREATE TABLE member_names (
            group_id INTEGER NOT NULL,
            member_id VARCHAR NOT NULL,
            name VARCHAR NOT NULL,
            name_kind VARCHAR NOT NULL,     -- nickname | remark | group_nickname | display
            first_seen TIMESTAMPTZ,
            last_seen TIMESTAMPTZ
        );
        CREATE TABLE member_roles (
            group_id INTEGER NOT NULL,
            member_id VARCHAR NOT NULL,
            role VARCHAR NOT NULL,          -- owner | admin | bot
            seen_at TIMESTAMPTZ
        );
        CREATE TABLE contacts (             -- platform-wide directory (PyWxDump users.json …)
            platform VARCHAR NOT NULL,
            member_id VARCHAR NOT NULL,
            nickname VARCHAR,
            remark VARCHAR,
            alias VARCHAR
        );
        CREATE TABLE snapshots (
            group_id INTEGER NOT NULL,
            taken_at TIMESTAMPTZ NOT NULL,
            source VARCHAR NOT NULL,
            import_id INTEGER NOT NULL
        );
        CREATE TABLE snapshot_members (
            group_id INTEGER NOT NULL,
            taken_at TIMESTAMPTZ NOT NULL,
            member_id VARCHAR NOT NULL,
            name VARCHAR,
            group_nickname VARCHAR,
            role VARCHAR,
            joined_at TIMESTAMPTZ,
            via VARCHAR,
            inviter_id VARCHAR,
            campaign VARCHAR
        );
        CREATE TABLE orders (
            group_id INTEGER NOT NULL,
            order_key VARCHAR NOT NULL,
            order_no VARCHAR,
            buyer_id VARCHAR,
            buyer_name VARCHAR,
            buyer_phone VARCHAR,            -- as exported (usually masked 138****0002)
            buyer_confidence DOUBLE,
            paid_at TIMESTAMPTZ NOT NULL,
            items VARCHAR,
            amount DECIMAL(14, 2),
            refund DECIMAL(14, 2),
            status VARCHAR,                 -- paid | refunded | partially_refunded | cancelled | pending
            status_raw VARCHAR,
            import_id INTEGER NOT NULL
        );
        CREATE TABLE daily_stats (          -- platform aggregates (WeCom groupchat/statistic)
            group_id INTEGER NOT NULL,
            day DATE NOT NULL,
            metric VARCHAR NOT NULL,
            value DOUBLE,
            import_id INTEGER NOT NULL
        );
        -- derived: one row per member of a group, rebuilt after each import
        CREATE TABLE members (
            group_id INTEGER NOT NULL,
            member_id VARCHAR NOT NULL,
            display_name VARCHAR,
            role VARCHAR,
            first_seen TIMESTAMPTZ,
            last_seen TIMESTAMPTZ,
            messages BIGINT NOT NULL,
            is_member_now BOOLEAN           -- NULL when nothing says whether they are still in
        );
        -- derived: each stretch of membership; left in (ended_earliest, ended_at]; ended_at NULL = still in
        CREATE TABLE membership_spans (
            group_id INTEGER NOT NULL,
            member_id VARCHAR NOT NULL,
            started_earliest TIMESTAMPTZ,   -- joined in (started_earliest, started_at]; NULL = unknown
            started_at TIMESTAMPTZ,         -- NULL = a member before anything recorded
            start_source VARCHAR NOT NULL,  -- join | snapshot | message | inferred | before_records
            ended_earliest TIMESTAMPTZ,
            ended_at TIMESTAMPTZ,
            end_kind VARCHAR,               -- leave | removed | exit
            end_inferred BOOLEAN
        );
        """
    )


@migration
def m002_order_sources(con: duckdb.DuckDBPyConnection) -> None:
    """Orders read from 接龙 lists in the chat sit beside exported ones, marked as such (their status
    is ``ordered``: a line in a list, no payment seen)."""
    con.execute(
        """
        ALTER TABLE orders ADD COLUMN source VARCHAR DEFAULT 'export';  -- export | solitaire (derived, rebuilt)
        ALTER TABLE orders ADD COLUMN quantity DOUBLE;                   -- how many, when the source says
        ALTER TABLE orders ADD COLUMN unit VARCHAR;                      -- 斤, 份, 箱 …
        ALTER TABLE orders ADD COLUMN solitaire_key VARCHAR;             -- msg_key (or event_key) of the 接龙's first copy
        ALTER TABLE orders ADD COLUMN solitaire_title VARCHAR;           -- what the 接龙 is about
        ALTER TABLE orders ADD COLUMN entry VARCHAR;                     -- the 接龙 line as written
        """
    )


@migration
def m003_admins(con: duckdb.DuckDBPyConnection) -> None:
    """Admins chosen by the user, and those inferred from behaviour (``analytics/admins.py``)."""
    con.execute(
        """
        CREATE TABLE admin_choices (
            group_id INTEGER NOT NULL,
            member_id VARCHAR NOT NULL,
            choice VARCHAR NOT NULL,        -- admin | not_admin
            set_at TIMESTAMPTZ NOT NULL
        );
        CREATE TABLE admin_guesses (        -- derived: recomputed after an import
            group_id INTEGER NOT NULL,
            member_id VARCHAR NOT NULL,     -- '' = nobody found (so the search is not repeated)
            reasons VARCHAR[] NOT NULL,
            as_of INTEGER NOT NULL          -- the newest import_id when inferred
        );
        """
    )


def apply(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Run the migrations this database has not seen yet; returns their names."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMPTZ)")
    done = {row[0] for row in con.execute("SELECT name FROM schema_migrations").fetchall()}
    applied = []
    for name, fn in MIGRATIONS:
        if name in done:
            continue
        con.execute("BEGIN")
        try:
            fn(con)
            con.execute("INSERT INTO schema_migrations VALUES (?, now())", [name])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied
