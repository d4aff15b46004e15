"""接龙 orders: each line of a 接龙 becomes one order, once, however many copies were posted.

Every member who adds a line re-posts the whole list, so a 接龙 of ten orders reaches the export as
ten growing copies. After each import the group's copies are read (:mod:`.solitaire`), chained into
接龙s, and each line is written once to ``orders`` with ``source = 'solitaire'``, status ``ordered``
(a line in a list; no payment is seen). Like membership, these rows are derived: deleted and rebuilt
per group, so a later file (an earlier copy, a 快团团 export) corrects them.

* Copies are one 接龙 when their heads are equal, the gap is under three days, and the new copy keeps
  at least half of the lines the 接龙 had (next week's list under the same head starts over).
* A line stays the same line across copies by the name it starts with and how many lines before it
  start with that name (or by its words when it names nobody): renumbering and edits keep one order,
  the latest wording wins, and a line a copy dropped (a copy made from an older one) is kept.
* Its time is the copy that first carried it. Its buyer is the name it starts with (matched to a member
  like every name), or the member who posted that copy when it starts with no name or a room label.
* Its amount is quantity × the unit price the head states, when it states one.

A 快团团 (or other exported) order of the same buyer, paid between a day before the 接龙's first copy
and three days after its last, is the same order: the exported one is kept (it has the amount and
status) and the 接龙 line is not written.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import duckdb

from .records import NAME_PREFIX, name_id
from .solitaire import Entry, Solitaire, is_room, parse
from .staging import scanned

DAY_US = 86_400 * 1_000_000
GAP_US = 3 * DAY_US  # longest pause between two copies of one 接龙
MATCH_BEFORE_US, MATCH_AFTER_US = DAY_US, 3 * DAY_US  # an exported order of the same buyer in this window

COPIES_SQL = """
SELECT msg_key, epoch_us(sent_at), sender_id, sender_name, text, import_id FROM messages
WHERE group_id = $g AND (text LIKE '%接龙%' OR text LIKE '%接龍%')
UNION ALL
SELECT event_key, epoch_us(happened_at), actor_id, actor_name, detail, import_id FROM group_events
WHERE group_id = $g AND kind = 'solitaire' AND (detail LIKE '%接龙%' OR detail LIKE '%接龍%')
ORDER BY 2, 1
"""
COLUMNS = ("group_id", "order_key", "order_no", "buyer_id", "buyer_name", "buyer_confidence", "paid_at", "items",
           "amount", "status", "status_raw", "import_id", "source", "quantity", "unit", "solitaire_key",
           "solitaire_title", "entry")  # fmt: skip
TYPES = {"buyer_confidence": "DOUBLE", "paid_at": "BIGINT", "amount": "DOUBLE", "quantity": "DOUBLE",
         "import_id": "BIGINT", "group_id": "BIGINT"}  # fmt: skip


@dataclass(frozen=True)
class Copy:
    key: str
    at: int
    sender_id: str | None
    sender_name: str | None
    import_id: int
    solitaire: Solitaire


@dataclass
class Line:
    identity: tuple[str, int]
    first: Copy  # the copy that first carried it
    entry: Entry  # its latest wording


@dataclass
class Chain:
    """One 接龙: its copies in time order and its lines by identity."""

    copies: list[Copy] = field(default_factory=list)
    lines: dict[tuple[str, int], Line] = field(default_factory=dict)

    def continues(self, copy: Copy, lines: dict[tuple[str, int], Entry]) -> bool:
        last = self.copies[-1]
        kept = len(lines.keys() & self.lines.keys())
        return copy.at - last.at <= GAP_US and kept * 2 >= len(self.lines)

    def add(self, copy: Copy, lines: dict[tuple[str, int], Entry]) -> None:
        self.copies.append(copy)
        for identity, entry in lines.items():
            if identity in self.lines:
                self.lines[identity].entry = entry
            else:
                self.lines[identity] = Line(identity, copy, entry)


@dataclass
class Order:
    chain: Chain
    line: Line
    buyer_id: str | None
    buyer_name: str | None
    confidence: float
    items: str


def derive(con: duckdb.DuckDBPyConnection, group_id: int) -> dict[str, int]:
    """Rewrite the group's 接龙 orders; returns how many were written and how many an export held."""
    con.execute("DELETE FROM orders WHERE group_id = ? AND source = 'solitaire'", [group_id])
    chains = [chain for chain in _chains(_copies(con, group_id)) if _is_orders(chain)]
    if not chains:
        return {"solitaire_orders": 0, "solitaire_in_exports": 0}
    names = _names(con, group_id)
    orders = [_order(chain, line, names) for chain in chains for line in chain.lines.values()]
    kept = _not_exported(con, group_id, orders, names)
    _write(con, group_id, kept)
    return {"solitaire_orders": len(kept), "solitaire_in_exports": len(orders) - len(kept)}


def _copies(con: duckdb.DuckDBPyConnection, group_id: int) -> list[Copy]:
    copies = []
    for key, at, sender_id, sender_name, text, import_id in con.execute(COPIES_SQL, {"g": group_id}).fetchall():
        solitaire = parse(text)
        if solitaire is not None:
            copies.append(Copy(key, at, sender_id, sender_name, import_id, solitaire))
    return copies


def _chains(copies: list[Copy]) -> list[Chain]:
    chains: list[Chain] = []
    by_head: dict[str, list[Chain]] = defaultdict(list)
    for copy in copies:
        lines = identities(copy.solitaire)
        candidates = by_head[copy.solitaire.head_key]
        chain = next((c for c in reversed(candidates) if c.continues(copy, lines)), None)
        if chain is None:
            chain = Chain()
            candidates.append(chain)
            chains.append(chain)
        chain.add(copy, lines)
    return chains


def identities(solitaire: Solitaire) -> dict[tuple[str, int], Entry]:
    """Each filled line under its identity: (the words it starts with, their occurrence so far)."""
    seen: Counter[str] = Counter()
    out = {}
    for entry in solitaire.entries:
        if not entry.text:  # the initiator's empty "1."
            continue
        base = norm(entry.who or entry.what or entry.text)
        seen[base] += 1
        out[(base, seen[base])] = entry
    return out


def _is_orders(chain: Chain) -> bool:
    return bool(chain.lines) and chain.copies[-1].solitaire.is_order_list


def norm(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


def _names(con: duckdb.DuckDBPyConnection, group_id: int) -> dict[str, set[str]]:
    """Every name each member of the group is known by, normalised."""
    names: dict[str, set[str]] = defaultdict(set)
    rows = con.execute(
        "SELECT member_id, name FROM member_names WHERE group_id = $g "
        "UNION SELECT sender_id, sender_name FROM messages WHERE group_id = $g AND sender_name IS NOT NULL",
        {"g": group_id},
    ).fetchall()
    for member_id, name in rows:
        if member_id and name:
            names[member_id].add(norm(name))
    return names


def _order(chain: Chain, line: Line, names: dict[str, set[str]]) -> Order:
    entry, copy = line.entry, line.first
    sender = copy.sender_id or (name_id(copy.sender_name) if copy.sender_name else None)
    sender_names = names.get(sender or "", set()) | ({norm(copy.sender_name)} if copy.sender_name else set())
    who, items = entry.who, entry.what or chain.copies[-1].solitaire.product
    if who is None and entry.what and _known(norm(entry.what), names):
        who, items = entry.what, chain.copies[-1].solitaire.product  # "王五+1": a member's name and a quantity
    if who and not is_room(who):
        if norm(who) in sender_names:
            return Order(chain, line, sender, who, _confidence(sender), items)
        return Order(chain, line, name_id(who), who, 0.5, items)
    return Order(chain, line, sender, copy.sender_name, _confidence(sender), items)


def _known(name: str, names: dict[str, set[str]]) -> bool:
    return any(name in known for known in names.values())


def _confidence(member_id: str | None) -> float:
    return 0.5 if member_id is None or member_id.startswith(NAME_PREFIX) else 1.0


def _not_exported(
    con: duckdb.DuckDBPyConnection, group_id: int, orders: list[Order], names: dict[str, set[str]]
) -> list[Order]:
    """The 接龙 orders no exported order of the same buyer and time already stands for."""
    exported = con.execute(
        "SELECT order_key, buyer_id, buyer_name, epoch_us(paid_at) FROM orders WHERE group_id = ? AND source <> 'solitaire'",
        [group_id],
    ).fetchall()
    if not exported:
        return orders
    used: set[str] = set()
    kept = []
    for order in sorted(orders, key=lambda o: o.line.first.at):
        start, end = order.chain.copies[0].at - MATCH_BEFORE_US, order.chain.copies[-1].at + MATCH_AFTER_US
        mine = _known_as(order.buyer_id, order.buyer_name, names)
        matches = [
            (abs(paid - order.line.first.at), key)
            for key, buyer_id, buyer_name, paid in exported
            if key not in used and start <= paid <= end
            and ((buyer_id and buyer_id == order.buyer_id) or mine & _known_as(buyer_id, buyer_name, names))
        ]  # fmt: skip
        if matches:
            used.add(min(matches)[1])
        else:
            kept.append(order)
    return kept


def _known_as(member_id: str | None, name: str | None, names: dict[str, set[str]]) -> set[str]:
    known = set(names.get(member_id or "", ()))
    if name:
        known.add(norm(name))
    if member_id and member_id.startswith(NAME_PREFIX):
        known.add(norm(member_id[len(NAME_PREFIX) :]))
    return known


def _write(con: duckdb.DuckDBPyConnection, group_id: int, orders: list[Order]) -> None:
    rows = [_row(group_id, order) for order in orders]
    if not rows:
        return
    with scanned(con, "solitaire_rows", rows, COLUMNS, TYPES):
        con.execute(
            f"""
            INSERT INTO orders ({", ".join(COLUMNS)})
            SELECT group_id::INTEGER, order_key, order_no, buyer_id, buyer_name, buyer_confidence,
                   make_timestamp(paid_at)::TIMESTAMPTZ, items, amount::DECIMAL(14, 2), status, status_raw,
                   import_id::INTEGER, source, quantity, unit, solitaire_key, solitaire_title, entry
            FROM solitaire_rows
            """
        )


def _row(group_id: int, order: Order) -> tuple:
    chain, line = order.chain, order.line
    head = chain.copies[-1].solitaire
    entry = line.entry
    first_key = chain.copies[0].key
    base, occurrence = line.identity
    order_key = "jl:" + hashlib.md5(f"{first_key}|{base}|{occurrence}".encode()).hexdigest()
    return (group_id, order_key, str(entry.number), order.buyer_id, order.buyer_name, order.confidence,
            line.first.at, order.items, head.amount(entry), "ordered", "接龙", line.first.import_id,
            "solitaire", entry.quantity, entry.unit, first_key, head.title, f"{entry.number}. {entry.text}")  # fmt: skip
