"""Metadata filters beyond the group: a conversation thread's time span and the like.

One condition object serves both sides of the hybrid search: BM25 checks it in Python on its
candidates, the vector side hands it to Chroma's filter, so the two never disagree on what a
filter means.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass


@dataclass(frozen=True)
class Where:
    """Metadata conditions beyond the group, e.g. a conversation thread's time span:
    ``(("end", "$gte", t0), ("start", "$lt", t1))``. Checked in Python on the BM25 side and
    handed to Chroma's filter on the vector side."""

    conditions: tuple[tuple[str, str, float], ...]

    def matches(self, metadata: dict) -> bool:
        return all(_OPERATORS[op](metadata.get(key), value) for key, op, value in self.conditions)

    def chroma(self, group_key: str, groups: Collection[str] | None) -> dict:
        clauses: list[dict] = [{key: {op: value}} for key, op, value in self.conditions]
        if groups is not None:
            clauses.append({group_key: {"$in": sorted(groups)}})
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}


_OPERATORS = {
    "$gte": lambda a, b: a is not None and a >= b,
    "$lt": lambda a, b: a is not None and a < b,
}
