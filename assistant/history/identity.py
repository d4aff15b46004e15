"""Identity: people known only by a display name are matched to platform ids, with a confidence.

Join notices in WeChat text, QQ TXT senders, Telegram invite lists and 快团团 buyers carry names,
not ids. A name that exactly one member of the group has ever used (nickname, remark, 群昵称, or the
contact directory) becomes that member's id with confidence 0.9; the MemoTrace-sanitised spelling
(spaces and ``\\/:*?"<>|.`` turned into ``_``) matches with 0.8. A name shared by several members stays
a ``name:`` placeholder at 0.2 so nobody's history is merged into the wrong person; an unknown name
stays a placeholder at 0.5. Matching reruns after every import, so later files improve earlier ones.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import duckdb

from .records import NAME_PREFIX
from .staging import scanned

EXACT, SANITISED, UNKNOWN, AMBIGUOUS = 0.9, 0.8, 0.5, 0.2
_UNSAFE = re.compile(r'[\\/:*?"<>|\s.]')
# (table, id column, confidence column) holding name: placeholders
_TARGETS = (
    ("messages", "sender_id", "sender_confidence"),
    ("member_events", "member_id", "member_confidence"),
    ("member_events", "actor_id", None),
    ("orders", "buyer_id", "buyer_confidence"),
    ("snapshot_members", "member_id", None),
)


@dataclass
class MatchCounts:
    matched: int = 0
    ambiguous: int = 0
    unknown: int = 0


def sanitise(name: str) -> str:
    """MemoTrace's file-safe spelling of a contact name (``app/person.py``)."""
    return _UNSAFE.sub("_", name)


def resolve(con: duckdb.DuckDBPyConnection, group_id: int, platform: str) -> MatchCounts:
    """Replace the group's matchable ``name:`` placeholders by platform ids."""
    pending = _placeholders(con, group_id)
    if not pending:
        return MatchCounts()
    exact, loose = _index(con, group_id, platform)
    links, counts = [], MatchCounts()
    for name in pending:
        ids = exact.get(name) or loose.get(sanitise(name)) or set()
        if len(ids) == 1:
            links.append((name, next(iter(ids)), EXACT if name in exact else SANITISED))
            counts.matched += 1
        else:
            links.append((name, None, AMBIGUOUS if ids else UNKNOWN))
            counts.ambiguous += bool(ids)
            counts.unknown += not ids
    _apply(con, group_id, links)
    return counts


def _placeholders(con: duckdb.DuckDBPyConnection, group_id: int) -> list[str]:
    union = " UNION ".join(
        f"SELECT {column} AS id FROM {table} WHERE group_id = $g AND {column} LIKE 'name:%'"
        for table, column, _ in _TARGETS
    )
    rows = con.execute(f"SELECT DISTINCT id FROM ({union})", {"g": group_id}).fetchall()
    return [row[0][len(NAME_PREFIX) :] for row in rows]


def _index(con: duckdb.DuckDBPyConnection, group_id: int, platform: str) -> tuple[dict, dict]:
    rows = con.execute(
        """
        SELECT member_id, name FROM member_names WHERE group_id = $g
        UNION
        SELECT c.member_id, unnest([c.nickname, c.remark, c.alias]) FROM contacts c
        WHERE c.platform = $p AND c.member_id IN (
            SELECT sender_id FROM messages WHERE group_id = $g
            UNION SELECT member_id FROM snapshot_members WHERE group_id = $g
            UNION SELECT member_id FROM member_names WHERE group_id = $g)
        """,
        {"g": group_id, "p": platform},
    ).fetchall()
    exact: dict[str, set[str]] = defaultdict(set)
    loose: dict[str, set[str]] = defaultdict(set)
    for member_id, name in rows:
        if name and not member_id.startswith(NAME_PREFIX):
            exact[name.strip()].add(member_id)
            loose[sanitise(name.strip())].add(member_id)
    return exact, loose


def _apply(con: duckdb.DuckDBPyConnection, group_id: int, links: list[tuple[str, str | None, float]]) -> None:
    with scanned(con, "links", links, ["name", "member_id", "confidence"], {"confidence": "DOUBLE"}):
        con.execute(
            "CREATE OR REPLACE TEMP TABLE name_links AS "
            "SELECT 'name:' || name AS placeholder, member_id::VARCHAR AS member_id, confidence FROM links"
        )
    for table, column, confidence in _TARGETS:
        sets = [f"{column} = coalesce(l.member_id, t.{column})"]
        if confidence:
            sets.append(f"{confidence} = l.confidence")
        con.execute(
            f"UPDATE {table} t SET {', '.join(sets)} FROM name_links l "
            f"WHERE t.group_id = ? AND t.{column} = l.placeholder",
            [group_id],
        )
