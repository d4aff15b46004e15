"""The chat page's conversations, kept in the workspace (``data/chats.db``) rather than the browser.

A reload, a second browser or the CLI (``ask --conversation ID``) see the same conversations.
Why SQLite (WAL), as for the briefing: the app's sessions and a CLI write here at the same time,
one row at a time, and the history's DuckDB file admits one writer. Every conversation belongs to
an account (``local`` without accounts); every query that reads or changes one names its owner,
except the CLI's, which runs on the machine itself (owner ``None`` = any).

Answers can be rated 👍/👎 with a note; the ratings are exported as CSV for whoever curates the
playbooks. Schema changes are numbered, append-only migrations.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..private_sqlite import PrivateSqlite

FILE_NAME = "chats.db"
MIGRATIONS: list[tuple[str, str]] = [
    ("m001_initial", """
        CREATE TABLE conversations (
            conv_id TEXT PRIMARY KEY,        -- 12 hex characters, shown to the CLI
            owner TEXT NOT NULL,             -- the account; "local" without accounts
            title TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX conversations_owner ON conversations (owner, updated_at);
        CREATE TABLE turns (
            turn_id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: the page keys widgets on it
            conv_id TEXT NOT NULL REFERENCES conversations (conv_id) ON DELETE CASCADE,
            role TEXT NOT NULL,              -- user | assistant
            content TEXT NOT NULL,
            meta TEXT NOT NULL DEFAULT '{}', -- JSON: mode, tokens, sources, route, tools, evidence
            stopped INTEGER NOT NULL DEFAULT 0,  -- the answer was stopped while streaming
            created_at TEXT NOT NULL
        );
        CREATE INDEX turns_conv ON turns (conv_id, turn_id);
        CREATE TABLE ratings (
            turn_id INTEGER PRIMARY KEY REFERENCES turns (turn_id) ON DELETE CASCADE,
            owner TEXT NOT NULL,
            rating TEXT NOT NULL,            -- up | down
            note TEXT NOT NULL DEFAULT '',
            at TEXT NOT NULL
        );
    """),
]


@dataclass
class Turn:
    turn_id: int
    role: str
    content: str
    meta: dict = field(default_factory=dict)
    stopped: bool = False
    rating: str | None = None
    note: str = ""


@dataclass
class Conversation:
    conv_id: str
    owner: str
    title: str
    created_at: str
    updated_at: str
    turns: list[Turn] = field(default_factory=list)
    size: int = 0  # how many turns (set by listings, which do not load them)


class ChatStore(PrivateSqlite):
    """Opens ``chats.db`` per use (short transactions; app sessions and the CLI take turns); private
    like the history, since questions and answers may quote members."""

    def __init__(self, data_dir: Path, language: str = "zh") -> None:
        super().__init__(Path(data_dir) / FILE_NAME, MIGRATIONS, "migrations", "private_sqlite.holds.chats", language)

    # conversations

    def create(self, owner: str, title: str = "") -> Conversation:
        now = _now()
        conv = Conversation(uuid.uuid4().hex[:12], owner, title, now, now)
        with self.connect() as con:
            con.execute("INSERT INTO conversations VALUES (?, ?, ?, ?, ?)",
                        (conv.conv_id, owner, title, now, now))
        return conv

    def find(self, conv_id: str, owner: str | None) -> Conversation | None:
        """The conversation with its turns and ratings; ``None`` if absent or someone else's."""
        with self.connect() as con:
            row = con.execute("SELECT * FROM conversations WHERE conv_id = ?", (conv_id,)).fetchone()
            if row is None or (owner is not None and row["owner"] != owner):
                return None
            rows = con.execute(
                "SELECT t.*, r.rating, r.note FROM turns t LEFT JOIN ratings r USING (turn_id) "
                "WHERE conv_id = ? ORDER BY turn_id", (conv_id,)).fetchall()
        conv = _conversation(row)
        conv.turns = [Turn(r["turn_id"], r["role"], r["content"], json.loads(r["meta"]), bool(r["stopped"]),
                           r["rating"], r["note"] or "") for r in rows]
        conv.size = len(conv.turns)
        return conv

    def listing(self, owner: str | None, search: str = "", limit: int = 200) -> list[Conversation]:
        """Newest first; ``search`` matches the title or any turn's text."""
        where, args = ["1 = 1"], []
        if owner is not None:
            where.append("c.owner = ?")
            args.append(owner)
        if search.strip():
            like = "%" + search.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            where.append("(c.title LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM turns s WHERE s.conv_id = c.conv_id "
                         "AND s.content LIKE ? ESCAPE '\\'))")
            args += [like, like]
        sql = (f"SELECT c.*, (SELECT COUNT(*) FROM turns t WHERE t.conv_id = c.conv_id) AS size "
               f"FROM conversations c WHERE {' AND '.join(where)} ORDER BY c.updated_at DESC, c.rowid DESC LIMIT ?")
        with self.connect() as con:
            rows = con.execute(sql, (*args, limit)).fetchall()
        out = []
        for row in rows:
            conv = _conversation(row)
            conv.size = row["size"]
            out.append(conv)
        return out

    def rename(self, conv_id: str, title: str) -> None:
        with self.connect() as con:
            con.execute("UPDATE conversations SET title = ? WHERE conv_id = ?", (title, conv_id))

    def delete(self, conv_id: str) -> None:
        with self.connect() as con:
            con.execute("DELETE FROM conversations WHERE conv_id = ?", (conv_id,))

    # turns

    def add_turn(self, conv_id: str, role: str, content: str, meta: dict | None = None, stopped: bool = False) -> int:
        now = _now()
        with self.connect() as con:
            cursor = con.execute(
                "INSERT INTO turns (conv_id, role, content, meta, stopped, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (conv_id, role, content, json.dumps(meta or {}, ensure_ascii=False, default=str), int(stopped), now))
            con.execute("UPDATE conversations SET updated_at = ? WHERE conv_id = ?", (now, conv_id))
            return int(cursor.lastrowid or 0)

    def delete_turn(self, turn_id: int) -> None:
        with self.connect() as con:
            con.execute("DELETE FROM turns WHERE turn_id = ?", (turn_id,))

    def turn_owner(self, turn_id: int) -> tuple[str, str] | None:
        """``(conv_id, owner)`` of a turn, or ``None``."""
        with self.connect() as con:
            row = con.execute("SELECT c.conv_id, c.owner FROM turns t JOIN conversations c USING (conv_id) "
                              "WHERE t.turn_id = ?", (turn_id,)).fetchone()
        return (row["conv_id"], row["owner"]) if row else None

    # ratings

    def rate(self, turn_id: int, owner: str, rating: str | None, note: str = "") -> None:
        with self.connect() as con:
            if rating is None:
                con.execute("DELETE FROM ratings WHERE turn_id = ?", (turn_id,))
                return
            con.execute("INSERT INTO ratings VALUES (?, ?, ?, ?, ?) ON CONFLICT (turn_id) DO UPDATE SET "
                        "owner = excluded.owner, rating = excluded.rating, note = excluded.note, at = excluded.at",
                        (turn_id, owner, rating, note, _now()))

    def ratings(self, owner: str | None) -> list[dict]:
        """Every rated answer with the question before it, oldest first."""
        sql = ("SELECT r.at, r.owner, r.rating, r.note, c.conv_id, c.title, t.content AS answer, t.meta, "
               "(SELECT q.content FROM turns q WHERE q.conv_id = t.conv_id AND q.turn_id < t.turn_id "
               " AND q.role = 'user' ORDER BY q.turn_id DESC LIMIT 1) AS question "
               "FROM ratings r JOIN turns t USING (turn_id) JOIN conversations c USING (conv_id)")
        args: tuple = ()
        if owner is not None:
            sql += " WHERE c.owner = ?"
            args = (owner,)
        with self.connect() as con:
            return [dict(row) for row in con.execute(sql + " ORDER BY r.at, r.turn_id", args).fetchall()]


def _conversation(row: sqlite3.Row) -> Conversation:
    return Conversation(row["conv_id"], row["owner"], row["title"], row["created_at"], row["updated_at"])


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")
