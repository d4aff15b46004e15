"""The messages of a time window, loaded once and shared by the churn drivers.

With ``interesting_only`` the database keeps back the plain chatter: only admin messages, texts
that break a risk rule or ask a question, and posts under an admin's name come out. Every driver
applies its own exact test afterwards, so this prefilter (a superset, run in DuckDB's regex engine)
changes no result, only how many Python objects a million-message history costs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import duckdb

from . import admins
from .groups import Group
from .population import instant
from .risk_rules import QUESTION_PATTERN, RULES

# Everything any driver could want from a member's message, as one RE2 pattern.
INTERESTING = "(?i)" + "|".join([*(f"(?:{rule.pattern.pattern})" for rule in RULES), f"(?:{QUESTION_PATTERN})"])



@dataclass(frozen=True)
class Message:
    key: str
    group: str
    tz: str
    sent_at: datetime
    sender_id: str | None
    sender_name: str | None
    text: str | None
    reply_to: str | None
    mentions: tuple[str, ...]
    from_admin: bool


def admins_of(con: duckdb.DuckDBPyConnection, group: Group) -> set[str]:
    """The ids of the group's admins: confirmed > stated > inferred (see ``admins.py``)."""
    return admins.resolve(con, group).ids


def message_count(con: duckdb.DuckDBPyConnection, group: Group) -> int:
    return con.execute("SELECT count(*) FROM messages WHERE group_id = ?", [group.id]).fetchone()[0]


def load(con: duckdb.DuckDBPyConnection, group: Group, start: datetime, end: datetime, admins: set[str],
         interesting_only: bool = False, names: Iterable[str] = ()) -> list[Message]:
    """Messages of ``group`` in ``[start, end)``, oldest first."""
    where, params = "", {"g": group.id, "start": start, "end": end}
    if interesting_only:
        names_pattern = "|".join(re.escape(n) for n in names if n) or "$^"
        where = ("AND (sender_id IN (SELECT unnest($admins)) OR regexp_matches(coalesce(text, ''), $pattern) "
                 "OR regexp_matches(coalesce(sender_name, ''), $names))")
        params |= {"admins": sorted(admins) or [""], "pattern": INTERESTING, "names": names_pattern}
    rows = con.execute(
        "SELECT msg_key, epoch_us(sent_at), sender_id, sender_name, text, reply_to, mentions FROM messages "
        f"WHERE group_id = $g AND sent_at >= $start AND sent_at < $end {where} ORDER BY sent_at",
        params,
    ).fetchall()
    return _messages(rows, group, admins)


def _messages(rows: Iterable[tuple], group: Group, admins: set[str]) -> list[Message]:
    return [
        Message(key, group.name, group.tz, instant(t), sender, name, text, reply_to, tuple(mentions or ()),
                sender in admins)
        for key, t, sender, name, text, reply_to, mentions in rows
    ]


def admin_names(con: duckdb.DuckDBPyConnection, group: Group, admins: set[str]) -> dict[str, set[str]]:
    """Every name each admin has been seen under (to spot impersonators)."""
    if not admins:
        return {}
    rows = con.execute(
        "SELECT member_id, name FROM member_names WHERE group_id = $g AND member_id IN (SELECT unnest($a)) "
        "UNION SELECT sender_id, sender_name FROM messages WHERE group_id = $g AND sender_id IN (SELECT unnest($a)) "
        "AND sender_name IS NOT NULL",
        {"g": group.id, "a": sorted(admins)},
    ).fetchall()
    names: dict[str, set[str]] = {}
    for member, name in rows:
        if name:
            names.setdefault(member, set()).add(name)
    return names


AROUND_SQL = """
WITH ordered AS (
    SELECT msg_key, sent_at, sender_id, sender_name, text, reply_to, mentions,
           row_number() OVER (ORDER BY sent_at, msg_key) AS n
    FROM messages WHERE group_id = $g
), cited AS (SELECT n FROM ordered WHERE msg_key = $key LIMIT 1)
SELECT msg_key, epoch_us(sent_at), sender_id, sender_name, text, reply_to, mentions
FROM ordered, cited WHERE ordered.n BETWEEN cited.n - $before AND cited.n + $after ORDER BY ordered.n
"""


def group_of(con: duckdb.DuckDBPyConnection, key: str) -> int | None:
    """The id of the group a message key belongs to (the first, if several groups share it)."""
    row = con.execute("SELECT min(group_id) FROM messages WHERE msg_key = $key", {"key": key}).fetchone()
    return row[0] if row else None


def around(con: duckdb.DuckDBPyConnection, group: Group, key: str, before: int, after: int,
           admins: set[str]) -> list[Message]:
    """The message ``key`` of ``group`` with up to ``before``/``after`` messages either side, chatter
    included (context is what people saw), oldest first; empty when the key is not in the group."""
    rows = con.execute(AROUND_SQL, {"g": group.id, "key": key, "before": before, "after": after}).fetchall()
    return _messages(rows, group, admins)
