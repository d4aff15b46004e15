"""Who was in a group at a given instant, from the rebuilt membership spans.

A member's first span, when its start is unknown (first seen in a snapshot or through a message,
or a member before anything was recorded), counts as membership since before the records begin:
the exports start in the middle of a group's life, not at its creation. Joins are the spans that
start with a stated or inferred join; exits are the spans that end with a stated or inferred exit,
split into voluntary, removed and inferred. An ``untracked`` start or end (presence changed with
no stated event and no two snapshots to date one) moves membership but is neither.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import duckdb

JOIN_STARTS = ("join", "inferred")
DATED_STARTS = (*JOIN_STARTS, "untracked")  # starts whose time bounds membership
UNTRACKED = "untracked"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

SPANS_SQL = """
SELECT s.member_id, epoch_us(s.started_at), s.start_source, epoch_us(s.ended_at), s.end_kind,
       coalesce(s.end_inferred, false),
       (SELECT e.via FROM member_events e
         WHERE e.group_id = s.group_id AND e.member_id = s.member_id AND e.kind = 'join'
           AND e.happened_at = s.started_at LIMIT 1) AS via,
       (SELECT e.actor_name FROM member_events e
         WHERE e.group_id = s.group_id AND e.member_id = s.member_id AND e.kind = 'join'
           AND e.happened_at = s.started_at LIMIT 1) AS inviter,
       (SELECT e.campaign FROM member_events e
         WHERE e.group_id = s.group_id AND e.member_id = s.member_id AND e.kind = 'join'
           AND e.happened_at = s.started_at LIMIT 1) AS campaign,
       epoch_us(s.ended_earliest)
FROM membership_spans s WHERE s.group_id = ?
"""


@dataclass(frozen=True)
class Span:
    """One stretch of one member's membership."""

    member_id: str
    started_at: datetime | None
    start_source: str
    ended_at: datetime | None
    end_kind: str | None
    end_inferred: bool
    via: str | None
    inviter: str | None
    campaign: str | None
    ended_earliest: datetime | None = None  # snapshot exits: left in (ended_earliest, ended_at]

    @property
    def joined(self) -> bool:
        return self.start_source in JOIN_STARTS and self.started_at is not None

    @property
    def exited(self) -> bool:
        """Ended with a stated or inferred exit (an ``untracked`` end is not one)."""
        return self.ended_at is not None and self.end_kind != UNTRACKED

    def member_at(self, instant: datetime) -> bool:
        dated = self.start_source in DATED_STARTS and self.started_at is not None
        started = not dated or self.started_at <= instant  # type: ignore[operator]
        return started and (self.ended_at is None or self.ended_at > instant)

    def joined_in(self, start: datetime, end: datetime) -> bool:
        return self.joined and start <= self.started_at < end  # type: ignore[operator]

    def ended_in(self, start: datetime, end: datetime) -> bool:
        return self.exited and start <= self.ended_at < end  # type: ignore[operator]

    def exit_weight(self, start: datetime, end: datetime) -> float:
        """How much of this exit falls in ``[start, end)``: 1 or 0 for a known time; for an exit seen only
        between two member-list snapshots, the share of that interval inside the period (spread evenly)."""
        if self.ended_at is None:
            return 0.0
        low = self.ended_earliest
        if low is None or low >= self.ended_at:
            return 1.0 if self.ended_in(start, end) else 0.0
        overlap = (min(end, self.ended_at) - max(start, low)).total_seconds()
        return max(0.0, overlap) / (self.ended_at - low).total_seconds()

    @property
    def left_around(self) -> datetime | None:
        """The best single guess of when the member left (the middle of a snapshot interval)."""
        if self.ended_at is None or self.ended_earliest is None or self.ended_earliest >= self.ended_at:
            return self.ended_at
        return self.ended_earliest + (self.ended_at - self.ended_earliest) / 2

    @property
    def exit_type(self) -> str:
        """``voluntary`` | ``removed`` | ``inferred`` for an ended span."""
        if self.end_inferred or self.end_kind == "exit":
            return "inferred"
        return "removed" if self.end_kind == "removed" else "voluntary"


def load_spans(con: duckdb.DuckDBPyConnection, group_id: int) -> list[Span]:
    rows = con.execute(SPANS_SQL, [group_id]).fetchall()
    return [Span(m, instant(start), source, instant(end), kind, inferred, via, inviter, campaign, instant(earliest))
            for m, start, source, end, kind, inferred, via, inviter, campaign, earliest in rows]


def instant(epoch_us: int | None) -> datetime | None:
    """An aware UTC datetime from DuckDB's ``epoch_us`` (fetching TIMESTAMPTZ would need pytz)."""
    return None if epoch_us is None else EPOCH + timedelta(microseconds=epoch_us)


def members_at(spans: list[Span], instant: datetime) -> int:
    return sum(1 for span in spans if span.member_at(instant))
