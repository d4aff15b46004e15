"""The raw material of a group digest: one group's messages, counts and events over a few days.

A digest ("what happened in the group yesterday") needs little from the store, but needs it fast
for twenty groups at once: the period's messages (plus the 24 hours after, to see whether an admin
answered), messages and speakers per local day for the four weeks before (what is *usual*), the
joins and exits the membership spans place in the period, orders and 接龙 posts. Everything is one
indexed range scan per table and group; composing the digest from it is the briefing's job.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import duckdb

from ..errors import InputError
from ..history.database import close_db, open_db
from ..i18n import t
from . import chatlog
from .drivers.replies import ANSWER_WINDOW
from .groups import Group, select_groups
from .periods import Period
from .population import Span, instant
from .window import ORDERS_SQL

BASELINE_DAYS = 28

SPANS_SQL = """
SELECT s.member_id, epoch_us(s.started_at), s.start_source, epoch_us(s.ended_at), s.end_kind,
       coalesce(s.end_inferred, false),
       (SELECT e.via FROM member_events e WHERE e.group_id = s.group_id AND e.member_id = s.member_id
          AND e.kind = 'join' AND e.happened_at = s.started_at LIMIT 1)
FROM membership_spans s
WHERE s.group_id = $g AND ((s.started_at >= $start AND s.started_at < $end) OR (s.ended_at >= $start AND s.ended_at < $end))
"""
ALL_MESSAGES_SQL = """
SELECT group_id, msg_key, epoch_us(sent_at), sender_id, sender_name, text, reply_to, mentions FROM messages
WHERE group_id IN (SELECT unnest($ids)) AND sent_at >= $low AND sent_at < $high ORDER BY group_id, sent_at
"""
ALL_DAILY_SQL = """
SELECT m.group_id, (m.sent_at AT TIME ZONE g.tz)::DATE AS day, count(*), count(DISTINCT m.sender_id)
FROM messages m JOIN groups g USING (group_id)
WHERE m.group_id IN (SELECT unnest($ids)) AND m.sent_at >= $low AND m.sent_at < $high GROUP BY m.group_id, day
"""
ALL_SOLITAIRE_SQL = """
SELECT group_id, event_key, epoch_us(happened_at), actor_name, coalesce(detail, '') FROM group_events
WHERE group_id IN (SELECT unnest($ids)) AND kind = 'solitaire' AND happened_at >= $low AND happened_at < $high
UNION ALL
SELECT group_id, msg_key, epoch_us(sent_at), coalesce(sender_name, sender_id), coalesce(text, '') FROM messages
WHERE group_id IN (SELECT unnest($ids)) AND sent_at >= $low AND sent_at < $high
  AND (kind = 'solitaire' OR regexp_matches(coalesce(text, ''), '^\\s*#?接龙'))
ORDER BY 1, 3
"""
ALL_ENDS_SQL = """
SELECT group_id, epoch_us(max(last_at)) FROM (
    SELECT group_id, max(sent_at) AS last_at FROM messages WHERE group_id IN (SELECT unnest($ids)) GROUP BY group_id
    UNION ALL SELECT group_id, max(taken_at) FROM snapshots WHERE group_id IN (SELECT unnest($ids)) GROUP BY group_id
    UNION ALL SELECT group_id, max(happened_at) FROM member_events
    WHERE group_id IN (SELECT unnest($ids)) AND NOT inferred GROUP BY group_id
) GROUP BY group_id
"""
ALL_ADMIN_NAMES_SQL = """
WITH a AS (SELECT unnest($g) AS g, unnest($m) AS m)
SELECT n.group_id, n.member_id, n.name FROM member_names n JOIN a ON n.group_id = a.g AND n.member_id = a.m
UNION SELECT x.group_id, x.sender_id, x.sender_name FROM messages x JOIN a ON x.group_id = a.g AND x.sender_id = a.m
WHERE x.sender_name IS NOT NULL
"""
NAMES_SQL = "SELECT member_id, display_name FROM members WHERE group_id = $g AND member_id IN (SELECT unnest($ids))"


@dataclass(frozen=True)
class Orders:
    known: bool = False  # were orders ever imported for the group?
    count: int = 0
    buyers: int = 0
    amount: float = 0.0
    refunds: float = 0.0


@dataclass(frozen=True)
class Post:
    """A 接龙 post (a system event or a message), by whom and when."""

    key: str
    sent_at: datetime
    sender: str
    text: str


@dataclass
class DayLog:
    """One group over one period, read once."""

    group: Group
    period: Period
    admins: frozenset[str]
    admin_names: dict[str, set[str]]
    messages: list[chatlog.Message]  # the period and the 24 hours after it, oldest first
    start: datetime
    end: datetime
    observed_until: datetime | None  # the last instant anything was recorded for the group
    daily: dict = field(default_factory=dict)  # local date -> (messages, speakers), period and baseline
    joined: list[tuple[str, str | None]] = field(default_factory=list)  # (member id, via)
    exited: list[tuple[str, str]] = field(default_factory=list)  # (member id, exit type)
    exits_visible: bool = True
    names: dict[str, str] = field(default_factory=dict)  # member id -> display name
    orders: Orders = Orders()
    solitaire: list[Post] = field(default_factory=list)

    def in_period(self) -> list[chatlog.Message]:
        return [m for m in self.messages if m.sent_at < self.end]

    def baseline(self) -> tuple[float, float, int]:
        """Average messages and speakers per day over the days before the period that had any
        message, and how many such days there were."""
        days = [v for d, v in self.daily.items() if d < self.period.first]
        if not days:
            return 0.0, 0.0, 0
        return sum(v[0] for v in days) / len(days), sum(v[1] for v in days) / len(days), len(days)

    def speakers(self) -> int:
        return len({m.sender_id or m.sender_name for m in self.in_period()})


def read(con: duckdb.DuckDBPyConnection, groups: list[Group], period: Period) -> list[DayLog]:
    """Everything a digest of ``groups`` over ``period`` needs: each table is scanned once for all
    of them (twenty groups cost about what one does), then split by group."""
    if not groups:
        return []
    ids = [g.id for g in groups]
    bounds = {g.id: (period.start(g.tz), period.end(g.tz)) for g in groups}
    low = min(start for start, _ in bounds.values()) - timedelta(days=BASELINE_DAYS)
    high = max(end for _, end in bounds.values()) + ANSWER_WINDOW
    window = {"ids": ids, "low": low, "high": high}
    admins = {g.id: [(m,) for m in sorted(chatlog.admins_of(con, g))] for g in groups}
    rows = _by_group(con.execute(ALL_MESSAGES_SQL, window | {"low": min(s for s, _ in bounds.values())}).fetchall())
    daily = _by_group(con.execute(ALL_DAILY_SQL, window).fetchall())
    posts = _by_group(con.execute(ALL_SOLITAIRE_SQL, window).fetchall())
    ends = dict(con.execute(ALL_ENDS_SQL, {"ids": ids}).fetchall())
    names = _by_group(con.execute(ALL_ADMIN_NAMES_SQL, _pairs(admins)).fetchall()) if any(admins.values()) else {}
    logs = []
    for g in groups:
        start, end = bounds[g.id]
        found = {m for (m,) in admins.get(g.id, [])}
        log = DayLog(g, period, frozenset(found), _names_of(names.get(g.id, [])),
                     chatlog._messages(rows.get(g.id, []), g, found), start, end, instant(ends.get(g.id)))
        log.daily = {day: (count, speakers) for day, count, speakers in daily.get(g.id, [])}
        _membership(log, _spans(con, g, start, end))
        log.names = _names(con, g, [m for m, _ in log.joined + log.exited])
        log.orders = _orders(con, g, start, end)
        log.solitaire = [Post(k, instant(t), s or "?", text) for k, t, s, text in posts.get(g.id, [])
                         if start <= instant(t) < end]
        logs.append(log)
    return logs


def _by_group(rows: list[tuple]) -> dict[int, list[tuple]]:
    grouped: dict[int, list[tuple]] = {}
    for group_id, *rest in rows:
        grouped.setdefault(group_id, []).append(tuple(rest))
    return grouped


def _pairs(admins: dict[int, list[tuple]]) -> dict:
    pairs = [(g, m) for g, members in admins.items() for (m,) in members]
    return {"g": [g for g, _ in pairs], "m": [m for _, m in pairs]}


def _names_of(rows: list[tuple]) -> dict[str, set[str]]:
    names: dict[str, set[str]] = {}
    for member, name in rows:
        if name:
            names.setdefault(member, set()).add(name)
    return names


def _spans(con: duckdb.DuckDBPyConnection, group: Group, start: datetime, end: datetime) -> list[Span]:
    """Only the spans that start or end in the period (the churn analytics load them all)."""
    rows = con.execute(SPANS_SQL, {"g": group.id, "start": start, "end": end}).fetchall()
    return [Span(m, instant(t0), source, instant(t1), kind, inferred, via, None, None)
            for m, t0, source, t1, kind, inferred, via in rows]


def _membership(log: DayLog, spans: list[Span]) -> None:
    log.exits_visible = log.group.sees_exits
    for span in spans:
        if span.joined_in(log.start, log.end):
            log.joined.append((span.member_id, span.via))
        if span.ended_in(log.start, log.end):
            log.exited.append((span.member_id, span.exit_type))


def _names(con: duckdb.DuckDBPyConnection, group: Group, ids: list[str]) -> dict[str, str]:
    if not ids:
        return {}
    return {m: n for m, n in con.execute(NAMES_SQL, {"g": group.id, "ids": sorted(set(ids))}).fetchall() if n}


def _orders(con: duckdb.DuckDBPyConnection, group: Group, start: datetime, end: datetime) -> Orders:
    known = con.execute("SELECT count(*) > 0 FROM orders WHERE group_id = ?", [group.id]).fetchone()[0]
    if not known:
        return Orders()
    count, buyers, amount, refunds, _from_solitaire = con.execute(ORDERS_SQL, {"g": group.id, "start": start, "end": end}).fetchone()
    return Orders(True, count, buyers, float(amount), float(refunds))


def last_day(con: duckdb.DuckDBPyConnection, groups: list[Group]) -> datetime | None:
    """The latest instant any of ``groups`` had a message."""
    ends = [instant(con.execute("SELECT epoch_us(max(sent_at)) FROM messages WHERE group_id = ?", [g.id]).fetchone()[0])
            for g in groups]
    known = [e for e in ends if e is not None]
    return max(known) if known else None


class DayLogs:
    """Reads day logs from the history file, opened per call like the analytics façade (its fix-it
    errors in ``language``)."""

    def __init__(self, db_path: Path, language: str = "zh") -> None:
        self.db_path = Path(db_path)
        self.language = language

    def logs(self, group: str | None, period: Period) -> list[DayLog]:
        """One log per selected group (all groups when ``group`` is None)."""
        with _connect(self.db_path, self.language) as con:
            return read(con, select_groups(con, group, self.language), period)

    def last_message(self, group: str | None = None) -> datetime | None:
        with _connect(self.db_path, self.language) as con:
            return last_day(con, select_groups(con, group, self.language))

    def group_names(self) -> list[str]:
        with _connect(self.db_path, self.language) as con:
            return [g.name for g in select_groups(con, None, self.language)]

    def fresh(self, after_import: int) -> tuple[list[chatlog.Message], int]:
        """Messages added by imports after ``after_import`` (0: the whole history), newest import id."""
        if not self.db_path.exists():
            return [], 0
        with _connect(self.db_path, self.language) as con:
            return fresh(con, after_import)


@contextmanager
def _connect(db_path: Path, language: str) -> Iterator[duckdb.DuckDBPyConnection]:
    if not db_path.exists():
        raise InputError(t("analytics.error.no_data", language))
    con = open_db(db_path, language=language)
    try:
        yield con
    except duckdb.CatalogException as exc:  # the first import is still creating the tables
        raise InputError(t("analytics.error.no_data", language)) from exc
    finally:
        close_db(con)


FRESH_SQL = """
SELECT msg_key, epoch_us(sent_at), sender_id, sender_name, text, reply_to, mentions FROM messages
WHERE group_id = $g AND import_id > $after ORDER BY sent_at
"""


def fresh(con: duckdb.DuckDBPyConnection, after_import: int) -> tuple[list[chatlog.Message], int]:
    """Messages that imports after ``after_import`` added (every group), and the newest import id."""
    newest = con.execute("SELECT coalesce(max(import_id), 0) FROM imports").fetchone()[0]
    found: list[chatlog.Message] = []
    if newest <= after_import:
        return found, newest
    for g in select_groups(con):
        rows = con.execute(FRESH_SQL, {"g": g.id, "after": after_import}).fetchall()
        if rows:
            found += chatlog._messages(rows, g, chatlog.admins_of(con, g))
    return found, newest
