"""Raw counts for one group over one period: the numbers every metric is a ratio of.

Counts add up across groups, so the "all groups" figures are computed from summed counts rather
than averaged ratios (a 20-member group does not weigh as much as a 500-member one).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta

import duckdb

from . import chatlog, content
from .drivers.replies import ANSWER_WINDOW, response_minutes
from .groups import Group, data_end
from .periods import Period
from .population import Span, instant, load_spans, members_at
from .risk_rules import SPAM, matches

MESSAGES_SQL = """
SELECT (sent_at AT TIME ZONE $tz)::DATE AS day, count(*) AS messages, count(DISTINCT sender_id) AS speakers
FROM messages WHERE group_id = $g AND sent_at >= $start AND sent_at < $end GROUP BY day
"""
ORDERS_SQL = """
SELECT count(*) FILTER (WHERE coalesce(status, '') <> 'cancelled'),
       count(DISTINCT coalesce(buyer_id, buyer_name)) FILTER (WHERE coalesce(status, '') <> 'cancelled'),
       coalesce(sum(amount) FILTER (WHERE coalesce(status, '') <> 'cancelled'), 0),
       coalesce(sum(refund), 0),
       count(*) FILTER (WHERE source = 'solitaire')
FROM orders WHERE group_id = $g AND paid_at >= $start AND paid_at < $end
"""


@dataclass
class Window:
    """Summable counts of one period (for one group, or added up over several)."""

    days: int = 0
    members_start: int = 0
    members_end: int = 0
    joins: Counter = field(default_factory=Counter)
    exits: Counter = field(default_factory=Counter)
    exits_visible: bool = True
    messages: int = 0
    speaker_days: float = 0.0  # Σ over days of speakers ÷ members that day, averaged later
    day_count: int = 0
    orders_known: bool = False
    orders: int = 0
    solitaire_orders: int = 0  # of which read from 接龙 lists
    buyers: int = 0
    gmv: float = 0.0
    refunds: float = 0.0
    joined: int = 0
    activated: int = 0
    activation_eligible: int = 0
    retained: Counter = field(default_factory=Counter)
    retention_eligible: Counter = field(default_factory=Counter)
    questions: int = 0
    answered: int = 0
    unanswered: int = 0
    response_minutes: list = field(default_factory=list)
    admins_known: bool = False
    content_mix: Counter = field(default_factory=Counter)
    content_basis: str = "all"

    def __add__(self, other: Window) -> Window:
        total = Window()
        for f in fields(Window):
            a, b = getattr(self, f.name), getattr(other, f.name)
            if isinstance(a, bool):
                value = (a and b) if f.name == "exits_visible" else (a or b)
            elif isinstance(a, str):
                value = a if a == b else "mixed"
            else:
                value = a + b
            setattr(total, f.name, value)
        total.days = max(self.days, other.days)
        return total


def measure(con: duckdb.DuckDBPyConnection, group: Group, period: Period, spans: list[Span] | None = None) -> Window:
    """All counts of ``group`` over ``period``."""
    spans = load_spans(con, group.id) if spans is None else spans
    start, end = period.start(group.tz), period.end(group.tz)
    window = Window(days=period.days, exits_visible=group.sees_exits)
    window.members_start, window.members_end = members_at(spans, start), members_at(spans, end)
    _membership(window, spans, start, end)
    _activity(con, window, group, period, spans)
    _orders(con, window, group, start, end)
    last = data_end(con, group.id)
    admins = chatlog.admins_of(con, group)
    _newcomers(con, window, group, spans, start, end, last)
    _conversation(con, window, group, admins, start, end, last)
    return window


def _membership(window: Window, spans: list[Span], start: datetime, end: datetime) -> None:
    for span in spans:
        if span.joined_in(start, end):
            window.joins[span.via or "unknown"] += 1
        if span.ended_in(start, end):
            window.exits[span.exit_type] += 1


def _activity(con: duckdb.DuckDBPyConnection, window: Window, group: Group, period: Period, spans: list[Span]) -> None:
    rows = con.execute(MESSAGES_SQL, {"tz": group.tz, "g": group.id, "start": period.start(group.tz),
                                      "end": period.end(group.tz)}).fetchall()
    speakers = {day: count for day, _, count in rows}
    window.messages = sum(messages for _, messages, _ in rows)
    for offset, day in enumerate(period.each_day()):
        members = members_at(spans, period.start(group.tz) + timedelta(days=offset + 1))
        if members:
            window.speaker_days += speakers.get(day, 0) / members
            window.day_count += 1


def _orders(con: duckdb.DuckDBPyConnection, window: Window, group: Group, start: datetime, end: datetime) -> None:
    window.orders_known = con.execute("SELECT count(*) > 0 FROM orders WHERE group_id = ?", [group.id]).fetchone()[0]
    orders, buyers, gmv, refunds, solitaire = con.execute(
        ORDERS_SQL, {"g": group.id, "start": start, "end": end}
    ).fetchone()
    window.orders, window.buyers, window.gmv, window.refunds = orders, buyers, float(gmv), float(refunds)
    window.solitaire_orders = solitaire


def _newcomers(con: duckdb.DuckDBPyConnection, window: Window, group: Group, spans: list[Span],
               start: datetime, end: datetime, last: datetime | None) -> None:
    """Activation and retention of the joiners whose 7 (or 30) days ended inside this period."""
    if last is None:
        return
    earliest = start - timedelta(days=30)
    first_words = {sender: instant(t) for sender, t in con.execute(
        "SELECT sender_id, epoch_us(min(sent_at)) FROM messages WHERE group_id = $g AND sent_at >= $start "
        "GROUP BY sender_id", {"g": group.id, "start": earliest}).fetchall()}
    week = timedelta(days=7)
    bots = _spam_senders(con, group, earliest, {s.member_id for s in spans if s.joined and s.started_at >= earliest})
    for span in spans:
        if not span.joined or span.member_id in bots:
            continue  # a spam bot "speaking" is not a newcomer activated
        joined_at = span.started_at
        assert joined_at is not None
        if start <= joined_at < end:
            window.joined += 1
        if start <= joined_at + week < end and joined_at + week <= last:
            window.activation_eligible += 1
            spoke = first_words.get(span.member_id)
            window.activated += bool(spoke and joined_at <= spoke < joined_at + week)
        for days in (7, 30):
            mark = joined_at + timedelta(days=days)
            if start <= mark < end and mark <= last:
                window.retention_eligible[days] += 1
                window.retained[days] += span.ended_at is None or span.ended_at > mark


def _spam_senders(con: duckdb.DuckDBPyConnection, group: Group, since: datetime, joiners: set[str]) -> set[str]:
    """The ``joiners`` who posted spam (links, QR invites, side jobs) since ``since``: a spam bot
    "speaking" is not a newcomer activated, so they are left out of activation."""
    if not joiners:
        return set()
    rows = con.execute("SELECT DISTINCT sender_id, text FROM messages WHERE group_id = $g AND sent_at >= $start "
                       "AND sender_id IN (SELECT unnest($ids)) AND text IS NOT NULL",
                       {"g": group.id, "start": since, "ids": sorted(joiners)}).fetchall()
    return {sender for sender, text in rows if any(rule.kind == SPAM for rule in matches(text))}


def _conversation(con: duckdb.DuckDBPyConnection, window: Window, group: Group, admins: set[str],
                  start: datetime, end: datetime, last: datetime | None) -> None:
    messages = chatlog.load(con, group, start, end + ANSWER_WINDOW, admins)
    window.admins_known = bool(admins)
    window.content_basis = "admins" if admins else "all"
    for m in messages:
        if m.sent_at < end and (not admins or m.from_admin):
            window.content_mix[content.classify(m.text)] += 1
    if not admins:
        return
    minutes, missed = response_minutes(messages, start, end, last)
    window.response_minutes, window.unanswered = minutes, missed
    window.answered, window.questions = len(minutes), len(minutes) + missed
