"""The briefing's own small database: alert rules and the alert queue, schedules and their runs,
delivery channels (with their secrets) and the delivery log, and the app inbox.

Why not the history file: the history is DuckDB, which one process at a time may open for writing,
and the scheduler worker, the app and a cron command all write here while an import may be holding
the history. SQLite in WAL mode lets them take turns in milliseconds. Why not JSON files: the alert
queue grows with the history and is updated one row at a time from several processes.

The file (``data/briefing.db``) holds webhook secrets and SMTP passwords, so it is created with
mode 0600 and its mode is checked on every open. Schema changes are numbered, append-only
migrations, as for the history.
"""

from __future__ import annotations

from pathlib import Path

from ..private_sqlite import PrivateSqlite

FILE_NAME = "briefing.db"
MIGRATIONS: list[tuple[str, str]] = [
    ("m001_initial", """
        CREATE TABLE alert_rules (
            rule_id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,              -- keyword | regex | intent
            pattern TEXT NOT NULL,           -- keywords (one a line) | a regular expression | an intent key
            terms TEXT NOT NULL DEFAULT '',  -- competitor names for the competitor intent, one a line
            groups TEXT NOT NULL DEFAULT '[]',  -- JSON list of group names; [] = every group
            enabled INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL
        );
        CREATE TABLE alerts (
            alert_id INTEGER PRIMARY KEY,
            rule_id INTEGER NOT NULL,
            rule_name TEXT NOT NULL,
            group_name TEXT NOT NULL,
            message_id TEXT NOT NULL,
            sent_at TEXT NOT NULL,           -- local time of the message, YYYY-MM-DD HH:MM
            sender TEXT NOT NULL,
            text TEXT NOT NULL,
            matched TEXT NOT NULL,           -- what in the text fired the rule
            status TEXT NOT NULL DEFAULT 'new',  -- new | handled | ignored
            handled_by TEXT,
            handled_at TEXT,
            note TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (rule_id, group_name, message_id)
        );
        CREATE INDEX alerts_status ON alerts (status, sent_at);
        CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE schedules (
            schedule_id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            job TEXT NOT NULL,               -- daily_digest | weekly_report | alert_check | weflow_sync
            times TEXT NOT NULL,             -- JSON list of HH:MM
            days TEXT NOT NULL,              -- JSON list of weekday numbers, 0 = Monday
            tz TEXT NOT NULL,
            options TEXT NOT NULL DEFAULT '{}',  -- JSON: group, member, channels …
            paused INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            last_due TEXT                    -- ISO instant of the last fire time that was run
        );
        CREATE TABLE runs (
            run_id INTEGER PRIMARY KEY,
            schedule_id INTEGER,
            job TEXT NOT NULL,
            due_at TEXT,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL,            -- ok | failed | running
            log TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE channels (
            channel_id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,              -- inbox | folder | wecom | feishu | dingtalk | email
            audience TEXT NOT NULL,          -- admin (privately) | group
            config TEXT NOT NULL,            -- JSON, secrets included (this file is 0600)
            created_at TEXT NOT NULL
        );
        CREATE TABLE deliveries (
            delivery_id INTEGER PRIMARY KEY,
            channel TEXT NOT NULL,
            subject TEXT NOT NULL,
            status TEXT NOT NULL,            -- ok | failed
            attempts INTEGER NOT NULL,
            parts INTEGER NOT NULL,
            detail TEXT NOT NULL DEFAULT '',
            at TEXT NOT NULL
        );
        CREATE TABLE inbox (
            item_id INTEGER PRIMARY KEY,
            subject TEXT NOT NULL,
            body TEXT NOT NULL,              -- Markdown
            at TEXT NOT NULL,
            read INTEGER NOT NULL DEFAULT 0
        );
    """),
]


class BriefingStore(PrivateSqlite):
    """Opens ``briefing.db`` per use (short transactions; several processes take turns)."""

    def __init__(self, data_dir: Path, language: str = "zh") -> None:
        super().__init__(Path(data_dir) / FILE_NAME, MIGRATIONS, "schema_migrations", "private_sqlite.holds.briefing",
                         language)
