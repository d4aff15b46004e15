"""Okapi BM25 over jieba tokens: the exact-term side of hybrid search.

Exact terms matter in this domain: a question about 接龙 or 一单一结 must find the passage that
names it, whatever the embedding thinks. The index is an inverted index updated in place as
documents are added and removed, so a new upload never re-tokenises the whole library; tokens
are stored with each chunk so that a restart does not re-tokenise either.

It is sized for 100,000 chunks on a laptop. Documents live in integer slots; each term's postings
are two packed arrays (slots, term frequencies), so a posting costs 8 bytes instead of a Python
dict entry (~100), and a query scores a term's postings in one numpy operation instead of a
Python loop (common bigrams like 群里 occur in half the chunks). A removed document only clears
its slot's ``alive`` flag; document frequencies count live postings at query time, and the
arrays are compacted once dead slots outnumber live ones.
"""

from __future__ import annotations

import json
import math
from array import array
from collections import Counter
from collections.abc import Collection, Iterable

import numpy as np

K1 = 1.5
B = 0.75
_MIN_COMPACT = 1024


class _Postings:
    """One term's postings: packed slots and frequencies, with a numpy copy made on first search."""

    __slots__ = ("frozen", "slots", "tfs")

    def __init__(self) -> None:
        self.slots = array("i")
        self.tfs = array("f")
        self.frozen: tuple[np.ndarray, np.ndarray] | None = None  # cleared by every append

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        if self.frozen is None:
            self.frozen = (np.frombuffer(self.slots, np.int32).copy(), np.frombuffer(self.tfs, np.float32).astype(np.float64))
        return self.frozen


class BM25Index:
    """Okapi BM25 over pre-tokenised documents, with in-place add and remove.

    Each document may carry a ``group`` (the knowledge collection it belongs to), and a search
    can be limited to some groups.
    """

    def __init__(self) -> None:
        self._slot_of: dict[str, int] = {}
        self._ids: list[str | None] = []
        self._postings: dict[str, _Postings] = {}
        self._lengths = np.zeros(0, np.float64)
        self._alive = np.zeros(0, bool)
        self._group_codes = np.zeros(0, np.int16)
        self._groups: dict[str, int] = {}
        self._total_length = 0.0

    def __len__(self) -> int:
        return len(self._slot_of)

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._slot_of

    def add(self, doc_id: str, tokens: Iterable[str], group: str = "") -> None:
        """Index ``tokens`` under ``doc_id`` (replacing what was indexed under it before)."""
        if doc_id in self._slot_of:
            self.remove(doc_id)
        slot = self._new_slot(doc_id, group)
        counts = Counter(tokens)
        known = self._postings.get
        for term, tf in counts.items():  # the hot loop of a rebuild: 30 million postings at 100k chunks
            postings = known(term)
            if postings is None:
                postings = self._postings[term] = _Postings()
            postings.slots.append(slot)
            postings.tfs.append(tf)
            postings.frozen = None
        length = sum(counts.values())
        self._lengths[slot] = length
        self._total_length += length

    def remove(self, doc_id: str) -> None:
        slot = self._slot_of.pop(doc_id, None)
        if slot is None:
            return
        self._alive[slot] = False
        self._ids[slot] = None
        self._total_length -= self._lengths[slot]
        dead = len(self._ids) - len(self._slot_of)
        if dead > max(_MIN_COMPACT, len(self._slot_of)):
            self._compact()

    def search(
        self, terms: Iterable[str], k: int = 20, groups: Collection[str] | None = None
    ) -> list[tuple[str, float]]:
        """Best ``k`` ``(id, score)`` pairs for the query ``terms``, best first."""
        n = len(self._slot_of)
        if not n:
            return []
        scores = self._scores(set(terms), n, self._total_length / n or 1.0)
        if groups is not None:
            wanted = [self._groups.get(group, -1) for group in groups]
            scores[~np.isin(self._group_codes[: len(scores)], wanted)] = 0.0
        hits = np.flatnonzero(scores > 0)
        if len(hits) > k:
            hits = hits[np.argpartition(-scores[hits], k - 1)[:k]]
        ranked = hits[np.lexsort((hits, -scores[hits]))]  # best first; ties in insertion order
        return [(self._ids[slot], float(scores[slot])) for slot in ranked]  # type: ignore[misc]

    def _scores(self, terms: set[str], n: int, average: float) -> np.ndarray:
        size = len(self._ids)
        scores = np.zeros(size, np.float64)
        alive, lengths = self._alive[:size], self._lengths[:size]
        for term in terms:
            postings = self._postings.get(term)
            if postings is None:
                continue
            slots, tfs = postings.arrays()
            live = alive[slots]
            slots, tfs = slots[live], tfs[live]
            if not len(slots):
                continue
            idf = math.log(1 + (n - len(slots) + 0.5) / (len(slots) + 0.5))
            norm = K1 * (1 - B + B * lengths[slots] / average)
            scores[slots] += idf * tfs * (K1 + 1) / (tfs + norm)  # a slot occurs once per term
        return scores

    def coverage(self, terms: Iterable[str], doc_id: str) -> float:
        """The share of the query's IDF mass that ``doc_id`` contains (0–1): how much of what was
        asked the passage speaks of, independent of the query's length."""
        slot = self._slot_of.get(doc_id)
        n = len(self._slot_of)
        if slot is None or not n:
            return 0.0
        total = found = 0.0
        for term in set(terms):
            postings = self._postings.get(term)
            slots = postings.arrays()[0] if postings is not None else np.zeros(0, np.int32)
            live = int(np.count_nonzero(self._alive[slots]))  # a term no passage has counts fully
            idf = math.log(1 + (n - live + 0.5) / (live + 0.5))
            total += idf
            if slot in slots:
                found += idf
        return found / total if total else 0.0

    def groups(self) -> dict[str, str]:
        """Each indexed document's group."""
        names = list(self._groups)  # codes are given in insertion order: 0, 1, 2 …
        return {doc_id: names[int(self._group_codes[slot])] for doc_id, slot in self._slot_of.items()}

    def to_arrays(self) -> dict[str, np.ndarray]:
        """The whole index as flat arrays (what ``bm25_snapshot`` writes); dead slots are dropped first.
        Ids and terms are stored newline-joined: neither is empty or contains whitespace."""
        if len(self._ids) != len(self._slot_of):
            self._compact()
        terms = list(self._postings)
        parts = [self._postings[t].arrays() for t in terms]
        n = len(self._ids)
        return {
            "ids": _joined(self._ids), "terms": _joined(terms),  # type: ignore[arg-type]
            "groups": np.frombuffer(json.dumps(list(self._groups)).encode(), np.uint8),  # may hold ""
            "offsets": np.cumsum([0, *(len(slots) for slots, _ in parts)], dtype=np.int64),
            "slots": np.concatenate([slots for slots, _ in parts]).astype(np.int32) if parts else np.zeros(0, np.int32),
            "tfs": np.concatenate([tfs for _, tfs in parts]).astype(np.float32) if parts else np.zeros(0, np.float32),
            "lengths": self._lengths[:n].copy(), "group_codes": self._group_codes[:n].copy(),
        }

    @classmethod
    def from_arrays(cls, data: dict[str, np.ndarray]) -> BM25Index:
        """The index :meth:`to_arrays` described."""
        index = cls()
        index._ids = _split(data["ids"])  # type: ignore[assignment]
        index._slot_of = {doc_id: slot for slot, doc_id in enumerate(index._ids)}  # type: ignore[misc]
        index._groups = {name: code for code, name in enumerate(json.loads(data["groups"].tobytes().decode()))}
        n = len(index._ids)
        index._resize(max(_MIN_COMPACT, 2 * n))
        index._lengths[:n], index._group_codes[:n], index._alive[:n] = data["lengths"], data["group_codes"], True
        index._total_length = float(np.sum(data["lengths"]))
        slots, tfs = data["slots"].astype(np.int32).tobytes(), data["tfs"].astype(np.float32).tobytes()
        offsets = (data["offsets"] * 4).tolist()  # both arrays hold 4-byte items
        for k, term in enumerate(_split(data["terms"])):
            postings = index._postings[term] = _Postings()
            postings.slots.frombytes(slots[offsets[k] : offsets[k + 1]])
            postings.tfs.frombytes(tfs[offsets[k] : offsets[k + 1]])
        return index

    def _new_slot(self, doc_id: str, group: str) -> int:
        slot = len(self._ids)
        if slot == len(self._alive):
            self._resize(max(_MIN_COMPACT, 2 * slot))
        self._ids.append(doc_id)
        self._slot_of[doc_id] = slot
        self._alive[slot] = True
        self._group_codes[slot] = self._groups.setdefault(group, len(self._groups))
        return slot

    def _compact(self) -> None:
        """Drop dead slots: renumber live ones and filter every term's postings."""
        size = len(self._ids)
        keep = np.flatnonzero(self._alive[:size])
        renumber = np.full(size, -1, np.int32)
        renumber[keep] = np.arange(len(keep), dtype=np.int32)
        for term in list(self._postings):
            slots, tfs = self._postings[term].arrays()
            live = renumber[slots] >= 0
            if not live.any():
                del self._postings[term]
                continue
            packed = _Postings()
            packed.slots.frombytes(renumber[slots[live]].tobytes())
            packed.tfs.frombytes(tfs[live].astype(np.float32).tobytes())
            self._postings[term] = packed
        self._ids = [self._ids[slot] for slot in keep]
        self._slot_of = {doc_id: slot for slot, doc_id in enumerate(self._ids)}  # type: ignore[misc]
        self._resize(max(_MIN_COMPACT, 2 * len(keep)), keep)

    def _resize(self, capacity: int, keep: np.ndarray | None = None) -> None:
        """Give the per-slot arrays room for ``capacity`` slots, keeping only ``keep`` if given."""
        for name in ("_lengths", "_alive", "_group_codes"):
            values = getattr(self, name)
            setattr(self, name, _grown(values if keep is None else values[keep], capacity))


def _grown(values: np.ndarray, capacity: int) -> np.ndarray:
    grown = np.zeros(capacity, values.dtype)
    grown[: len(values)] = values
    return grown


def _joined(strings: Iterable[str]) -> np.ndarray:
    return np.frombuffer("\n".join(strings).encode(), np.uint8)


def _split(data: np.ndarray) -> list[str]:
    text = data.tobytes().decode()
    return text.split("\n") if text else []
