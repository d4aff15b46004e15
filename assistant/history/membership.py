"""Membership: who was in a group when, rebuilt from every kind of evidence after each import.

WeChat writes no message when someone leaves on their own, so stated exits are not enough. Each
member's evidence is walked in time order:

* stated joins and exits (system messages, platform events);
* presence: a member-list snapshot that lists them, or a message they sent;
* absence: a snapshot that would have listed them (same id space, or by name) but does not.

From the walk come *inferred* events, marked as such with the interval they lie in: absent after
being present means an exit somewhere in (last evidence of presence, snapshot]; present after being
out means a join no message recorded; a stated join while already in means they left unseen and came
back. The result is stored as ``membership_spans`` (one row per stretch of membership), inferred
``member_events`` and the ``members`` table. All three are derived and rebuilt per group.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

import duckdb

from .records import NAME_PREFIX
from .staging import scanned

DUPLICATE_US = 10 * 60 * 1_000_000  # the same join/exit reported twice by two sources
_ORDER = {"join": 0, "message": 1, "leave": 2, "removed": 2, "snapshot": 3, "absent": 3}
_EXITS = {"leave", "removed"}


@dataclass
class Span:
    started_earliest: int | None
    started_at: int | None
    start_source: str
    ended_earliest: int | None = None
    ended_at: int | None = None
    end_kind: str | None = None
    end_inferred: bool | None = None


@dataclass
class Walk:
    """One member's state as their evidence is read in time order."""

    member_id: str
    state: str | None = None  # None (unknown) | "in" | "out"
    last_in: int | None = None
    last_out: int | None = None
    last_kind: str | None = None
    spans: list[Span] = field(default_factory=list)
    inferred: list[tuple[str, int | None, int]] = field(default_factory=list)  # (kind, earliest, latest)

    def see(self, t: int, kind: str) -> None:
        if kind == "join":
            self._join(t)
        elif kind in _EXITS:
            self._exit(t, kind)
        elif kind == "absent":
            self._absent(t)
        else:
            self._present(t, kind)

    def _join(self, t: int) -> None:
        if self.state == "in":
            if self.last_kind == "join" and t - self.last_in <= DUPLICATE_US:
                return
            self._close(self.last_in, t, "exit", inferred=True)  # left unseen, came back
        self.spans.append(Span(t, t, "join"))
        self._now_in(t, "join")

    def _present(self, t: int, source: str) -> None:
        if self.state == "out":
            self.inferred.append(("join", self.last_out, t))
            self.spans.append(Span(self.last_out, t, "inferred"))
        elif self.state is None:
            self.spans.append(Span(None, t, source))
        self._now_in(t, source)

    def _exit(self, t: int, kind: str) -> None:
        if self.state == "out":
            if self.last_kind in _EXITS and t - self.last_out <= DUPLICATE_US:
                return
            self.inferred.append(("join", self.last_out, t))
            self.spans.append(Span(self.last_out, t, "inferred"))
        elif self.state is None:
            self.spans.append(Span(None, None, "before_records"))
        self.spans[-1].ended_earliest = self.spans[-1].ended_at = t
        self.spans[-1].end_kind, self.spans[-1].end_inferred = kind, False
        self.state, self.last_out, self.last_kind = "out", t, kind

    def _absent(self, t: int) -> None:
        if self.state == "in":
            self._close(self.last_in, t, "exit", inferred=True)
        self.state, self.last_out, self.last_kind = "out", t, "absent"

    def _close(self, earliest: int | None, latest: int, kind: str, *, inferred: bool) -> None:
        span = self.spans[-1]
        span.ended_earliest, span.ended_at, span.end_kind, span.end_inferred = earliest, latest, kind, inferred
        if inferred:
            self.inferred.append((kind, earliest, latest))
        self.state, self.last_out, self.last_kind = "out", latest, "absent"

    def _now_in(self, t: int, kind: str) -> None:
        self.state, self.last_in, self.last_kind = "in", t, kind


def rebuild(con: duckdb.DuckDBPyConnection, group_id: int) -> None:
    """Recompute the group's derived membership tables from its stored evidence."""
    for table in ("membership_spans", "members"):
        con.execute(f"DELETE FROM {table} WHERE group_id = ?", [group_id])
    con.execute("DELETE FROM member_events WHERE group_id = ? AND inferred", [group_id])
    walks = [_walk(member_id, evidence) for member_id, evidence in _evidence(con, group_id).items()]
    _write_events(con, group_id, walks)
    _write_spans(con, group_id, walks)
    _write_members(con, group_id, walks)


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
    walk = Walk(member_id)
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
                                   WHEN 'nickname' THEN 2 ELSE 3 END, last_seen DESC NULLS LAST) AS name
            FROM member_names WHERE group_id = $g AND name_kind <> 'self' GROUP BY member_id
        ), roles AS (
            SELECT member_id, first(role ORDER BY seen_at DESC NULLS LAST) AS role
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
