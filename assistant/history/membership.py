"""Membership: who was in a group when, rebuilt from every kind of evidence after each import.

Counts must be exact, so the walk keeps two kinds of events strictly apart:

* **stated** joins and exits (system messages, platform events) are facts, counted as recorded;
* **inferred** joins and exits come from member-list snapshots only, and only between two
  snapshots that both speak of the member: listed in one and missing from the next (or the other
  way round) with no stated event explaining it, or a stated join (exit) while the previous
  snapshot had them in (out). The event is dated to the interval it must lie in.

Nothing else creates an event. A message proves presence: it opens a member's record and narrows
an inferred interval, but a sender who goes quiet has not "left", and a sender seen after an exit
has not "joined": they count as a member again from that message (an ``untracked`` start) unless
a later snapshot is there to date the join. A stated join for someone already in (a second invite
notice, a re-invite after an unrecorded leave) is counted as the join it states and implies no
exit: the stretch before it ends as ``untracked``, which is not an exit; likewise a stated exit for
someone already out. Before a group's first snapshot there is nothing to compare with: the first
snapshot is the baseline, and whoever it does not list stops counting as a member (``untracked``
again) without an exit being counted. WeChat records no voluntary leave, so without two snapshots
its exits are only the removals it states, and "members now" is an upper bound (see :mod:`.stats`).

The result is stored as ``membership_spans`` (one row per stretch of membership), inferred
``member_events`` and the ``members`` table. All three are derived and rebuilt per group: walked
after each file (its report counts them), written once when the file's batch commits.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import duckdb

from .records import NAME_PREFIX
from .staging import scanned

DUPLICATE_US = 10 * 60 * 1_000_000  # the same join/exit reported twice by two sources
_ORDER = {"join": 0, "message": 1, "leave": 2, "removed": 2, "snapshot": 3, "absent": 3}
_EXITS = {"leave", "removed"}
_OBSERVATIONS = {"snapshot", "absent"}
# a span started or ended without a join/exit that was stated or can be dated between two snapshots
UNTRACKED = "untracked"


@dataclass
class Span:
    started_earliest: int | None
    started_at: int | None
    start_source: str  # join | inferred | untracked | snapshot | message | before_records
    ended_earliest: int | None = None
    ended_at: int | None = None
    end_kind: str | None = None  # leave | removed | exit (inferred) | untracked (not an exit)
    end_inferred: bool | None = None


@dataclass
class Walk:
    """One member's state as their evidence is read in time order.

    ``basis`` says what the current state rests on (snapshot, stated, message). A stated event can
    contradict only a state that rests on a snapshot, and only while a later snapshot of this
    member follows (``last_observation``): that is what "between two snapshots" means here.
    """

    member_id: str
    last_observation: int | None = None  # the last snapshot that lists or misses them
    observed: int = 0  # snapshots of them seen so far in the walk
    state: str | None = None  # None (unknown) | "in" | "out"
    basis: str | None = None
    last_in: int | None = None
    last_out: int | None = None
    last_kind: str | None = None
    back_at: int | None = None  # first message while out: narrows a later join
    spans: list[Span] = field(default_factory=list)
    inferred: list[tuple[str, int | None, int]] = field(default_factory=list)  # (kind, earliest, latest)

    def see(self, t: int, kind: str) -> None:
        if kind == "join":
            self._join(t)
        elif kind in _EXITS:
            self._exit(t, kind)
        elif kind == "snapshot":
            self._listed(t)
        elif kind == "absent":
            self._absent(t)
        else:
            self._message(t)

    def _between_snapshots(self, t: int) -> bool:
        return self.basis == "snapshot" and self.last_observation is not None and t <= self.last_observation

    def _join(self, t: int) -> None:
        if self.state == "in":
            if self.last_kind == "join" and t - self.last_in <= DUPLICATE_US:
                return
            inferred = self._between_snapshots(t)  # the snapshot had them in: they left unseen
            self._close(self.last_in, t, "exit" if inferred else UNTRACKED, inferred=inferred)
        self.spans.append(Span(t, t, "join"))
        self.state, self.basis, self.last_in, self.last_kind = "in", "stated", t, "join"

    def _exit(self, t: int, kind: str) -> None:
        if self.state == "out":
            if self.last_kind in _EXITS and t - self.last_out <= DUPLICATE_US:
                return
            self._reopen(t, inferred=self._between_snapshots(t))  # the snapshot had them out
        elif self.state is None:
            self.spans.append(Span(None, None, "before_records"))
        self.spans[-1].ended_earliest = self.spans[-1].ended_at = t
        self.spans[-1].end_kind, self.spans[-1].end_inferred = kind, False
        self.state, self.basis, self.last_out, self.last_kind, self.back_at = "out", "stated", t, kind, None

    def _message(self, t: int) -> None:
        if self.state is None:
            self.spans.append(Span(None, t, "message"))
            self.state, self.basis = "in", "message"
        elif self.state == "out":
            if self.last_observation is not None and t <= self.last_observation:
                self.back_at = self.back_at or t  # the next snapshot decides; this narrows its interval
                return
            self.spans.append(Span(self.last_out, t, UNTRACKED))  # evidently back, no join to count
            self.state, self.basis = "in", "message"
        self.last_in, self.last_kind = t, "message"

    def _listed(self, t: int) -> None:
        if self.state == "out":
            self._reopen(t, inferred=self.observed > 0)
        elif self.state is None:
            self.spans.append(Span(None, t, "snapshot"))
        self.state, self.basis, self.last_in, self.last_kind = "in", "snapshot", t, "snapshot"
        self.observed += 1

    def _absent(self, t: int) -> None:
        if self.state == "in":
            inferred = self.observed > 0  # the first snapshot is the baseline, not an exit
            self._close(self.last_in, t, "exit" if inferred else UNTRACKED, inferred=inferred)
        self.state, self.basis, self.last_out, self.last_kind, self.back_at = "out", "snapshot", t, "absent", None
        self.observed += 1

    def _reopen(self, t: int, *, inferred: bool) -> None:
        """In again after being out; the join is inferred, or untracked when nothing can date it."""
        latest = min(self.back_at or t, t)
        if inferred:
            self.inferred.append(("join", self.last_out, latest))
        self.spans.append(Span(self.last_out, latest, "inferred" if inferred else UNTRACKED))

    def _close(self, earliest: int | None, latest: int, kind: str, *, inferred: bool) -> None:
        span = self.spans[-1]
        span.ended_earliest, span.ended_at, span.end_kind, span.end_inferred = earliest, latest, kind, inferred
        if inferred:
            self.inferred.append((kind, earliest, latest))
        self.state, self.last_out, self.last_kind = "out", latest, "absent"


def walks(con: duckdb.DuckDBPyConnection, group_id: int) -> list[Walk]:
    """Every member's walk through the group's stored evidence: what :func:`write` stores."""
    return [_walk(member_id, evidence) for member_id, evidence in _evidence(con, group_id).items()]


def write(con: duckdb.DuckDBPyConnection, group_id: int, walked: list[Walk]) -> None:
    """Replace the group's membership spans, inferred events and members by these walks'."""
    for table in ("membership_spans", "members"):
        con.execute(f"DELETE FROM {table} WHERE group_id = ?", [group_id])
    con.execute("DELETE FROM member_events WHERE group_id = ? AND inferred", [group_id])
    _write_events(con, group_id, walked)
    _write_spans(con, group_id, walked)
    _write_members(con, group_id, walked)


def inferred(walked: list[Walk]) -> Counter[str]:
    """The inferred joins and exits among the walks, by kind (what :func:`write` would store)."""
    return Counter(kind for walk in walked for kind, _, _ in walk.inferred)


def _evidence(con: duckdb.DuckDBPyConnection, group_id: int) -> dict[str, list[tuple[int, str]]]:
    evidence: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for member_id, t, kind in con.execute(
        "SELECT member_id, epoch_us(happened_at), kind FROM member_events "
        "WHERE group_id = ? AND NOT inferred AND member_id IS NOT NULL",
        [group_id],
    ).fetchall():
        evidence[member_id].append((t, kind))
    for member_id, first, last in con.execute(
        "SELECT sender_id, min(epoch_us(sent_at)), max(epoch_us(sent_at)) FROM messages "
        "WHERE group_id = ? AND sender_id IS NOT NULL GROUP BY sender_id, date_trunc('day', sent_at)",
        [group_id],
    ).fetchall():
        evidence[member_id] += [(first, "message"), (last, "message")]
    _add_snapshots(con, group_id, evidence)
    return evidence


def _add_snapshots(con: duckdb.DuckDBPyConnection, group_id: int, evidence: dict) -> None:
    """Presence for everyone a snapshot lists; absence for those it would have listed.

    A snapshot of ids speaks for members known by id. A placeholder (``name:X``, someone seen only
    by name) is absent from a snapshot that lists names but not X — had they still been in, their
    name would have matched.
    """
    snapshots = con.execute(
        """
        SELECT epoch_us(taken_at), list(member_id),
               list_concat(coalesce(list(name) FILTER (name IS NOT NULL), []),
                           coalesce(list(group_nickname) FILTER (group_nickname IS NOT NULL), []))
        FROM snapshot_members WHERE group_id = ? GROUP BY taken_at
        """,
        [group_id],
    ).fetchall()
    for _, ids, _ in snapshots:
        for member_id in ids:
            evidence.setdefault(member_id, [])
    for t, ids, names in snapshots:
        listed, named = set(ids), set(names or ())
        by_name = all(member_id.startswith(NAME_PREFIX) for member_id in listed)
        for member_id, items in evidence.items():
            if member_id in listed:
                items.append((t, "snapshot"))
            elif _absent(member_id, by_name, named):
                items.append((t, "absent"))


def _absent(member_id: str, by_name: bool, named: set[str]) -> bool:
    if member_id.startswith(NAME_PREFIX):
        return by_name or (bool(named) and member_id[len(NAME_PREFIX) :] not in named)
    return not by_name


def _walk(member_id: str, evidence: list[tuple[int, str]]) -> Walk:
    walk = Walk(member_id, max((t for t, kind in evidence if kind in _OBSERVATIONS), default=None))
    for t, kind in sorted(evidence, key=lambda item: (item[0], _ORDER[item[1]])):
        walk.see(t, kind)
    return walk


def _write_events(con: duckdb.DuckDBPyConnection, group_id: int, walks: list[Walk]) -> None:
    rows = [
        (group_id, _key(w.member_id, kind, earliest, latest), latest, earliest, kind, w.member_id)
        for w in walks
        for kind, earliest, latest in w.inferred
    ]
    if not rows:
        return
    with scanned(
        con, "inferred", rows, ["g", "k", "latest", "earliest", "kind", "member"], _micros("latest", "earliest")
    ):
        con.execute(
            """
            INSERT INTO member_events
            SELECT f.g, f.k, make_timestamp(f.latest)::TIMESTAMPTZ, make_timestamp(f.earliest)::TIMESTAMPTZ,
                   f.kind, f.member, NULL, NULL, NULL, NULL, NULL, NULL,
                   CASE WHEN f.kind = 'join' THEN 'later_evidence' ELSE 'snapshot_diff' END, true, NULL
            FROM inferred f
            """
        )


def _micros(*names: str) -> dict[str, str]:
    return dict.fromkeys(names, "BIGINT")


def _key(member_id: str, kind: str, earliest: int | None, latest: int) -> str:
    return hashlib.md5(f"{member_id}|{kind}|{earliest}|{latest}".encode()).hexdigest()


def _write_spans(con: duckdb.DuckDBPyConnection, group_id: int, walks: list[Walk]) -> None:
    rows = [(group_id, w.member_id, *vars(span).values()) for w in walks for span in w.spans]
    if not rows:
        return
    times = ("started_earliest", "started_at", "ended_earliest", "ended_at")
    columns = ["g", "member", *Span.__dataclass_fields__]
    stamp = "make_timestamp({})::TIMESTAMPTZ"
    with scanned(con, "spans", rows, columns, {**_micros(*times), "end_inferred": "BOOLEAN"}):
        con.execute(
            f"""
            INSERT INTO membership_spans
            SELECT g, member, {stamp.format("started_earliest")}, {stamp.format("started_at")}, start_source,
                   {stamp.format("ended_earliest")}, {stamp.format("ended_at")}, end_kind, end_inferred
            FROM spans
            """
        )


def _write_members(con: duckdb.DuckDBPyConnection, group_id: int, walks: list[Walk]) -> None:
    rows = [(w.member_id, w.state == "in") for w in walks if w.state]
    with scanned(con, "states", rows, ["member_id", "now"], {"now": "BOOLEAN"}):
        _insert_members(con, group_id)


def _insert_members(con: duckdb.DuckDBPyConnection, group_id: int) -> None:
    """One row per person: best display name, latest role, evidence span, messages, still in."""
    con.execute(
        """
        INSERT INTO members
        WITH seen AS (
            SELECT member_id, min(t) AS first_seen, max(t) AS last_seen FROM (
                SELECT sender_id AS member_id, sent_at AS t FROM messages WHERE group_id = $g
                UNION ALL SELECT member_id, happened_at FROM member_events WHERE group_id = $g
                UNION ALL SELECT member_id, taken_at FROM snapshot_members WHERE group_id = $g
            ) WHERE member_id IS NOT NULL GROUP BY member_id
        ), counts AS (
            SELECT sender_id AS member_id, count(*) AS n FROM messages WHERE group_id = $g GROUP BY sender_id
        ), names AS (
            SELECT member_id, first(name ORDER BY CASE name_kind WHEN 'group_nickname' THEN 0 WHEN 'remark' THEN 1
                                   WHEN 'nickname' THEN 2 ELSE 3 END, last_seen DESC NULLS LAST, name) AS name
            FROM member_names WHERE group_id = $g AND name_kind <> 'self' GROUP BY member_id
        ), roles AS (
            SELECT member_id, first(role ORDER BY seen_at DESC NULLS LAST, role) AS role
            FROM member_roles WHERE group_id = $g GROUP BY member_id
        )
        SELECT $g, s.member_id,
               coalesce(n.name, CASE WHEN s.member_id LIKE 'name:%' THEN substr(s.member_id, 6) END),
               r.role, s.first_seen, s.last_seen, coalesce(c.n, 0), f.now
        FROM seen s LEFT JOIN counts c USING (member_id) LEFT JOIN names n USING (member_id)
        LEFT JOIN roles r USING (member_id) LEFT JOIN states f USING (member_id)
        """,
        {"g": group_id},
    )
