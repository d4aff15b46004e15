"""Near-duplicate detection between chunks.

Operators upload the same SOP twice under different names, or a new version that repeats most
paragraphs of the old one. Indexing every copy would fill the top results with the same
paragraph. Two chunks whose bodies share at least ``THRESHOLD`` of their character trigrams
(Jaccard similarity, after dropping whitespace and punctuation) are treated as one passage.
"""

from __future__ import annotations

import math
import re

THRESHOLD = 0.85
_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


def shingles(text: str, size: int = 3) -> frozenset[str]:
    """Character ``size``-grams of ``text`` without whitespace and punctuation."""
    core = _NOISE.sub("", text.lower())
    if len(core) <= size:
        return frozenset({core}) if core else frozenset()
    return frozenset(core[i : i + size] for i in range(len(core) - size + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def is_near_duplicate(a: str, b: str) -> bool:
    return jaccard(shingles(a), shingles(b)) >= THRESHOLD


class ShingleIndex:
    """Finds, among the chunks added so far, the first whose shingles are a near-duplicate.

    Comparing every new chunk with every earlier one is quadratic: a 2,000-chunk upload made
    two million comparisons. Prefix filtering makes it near-linear without losing a match: put
    all shingles in one fixed order; if ``jaccard(a, b) >= t`` then ``|a ∩ b| >= t·|a|``, so the
    first ``|a| − ⌈t·|a|⌉ + 1`` shingles (or one more) of ``a`` and those of ``b`` share at least one. Only
    chunks that share a prefix shingle are compared in full.
    """

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._entries: list[tuple[str, frozenset[str]]] = []
        self._by_shingle: dict[str, list[int]] = {}

    def add(self, key: str, grams: frozenset[str]) -> None:
        position = len(self._entries)
        self._entries.append((key, grams))
        for gram in self._prefix(grams):
            self._by_shingle.setdefault(gram, []).append(position)

    def match(self, grams: frozenset[str]) -> str | None:
        """The key of the earliest added chunk with ``jaccard >= threshold``, if any."""
        candidates = {p for gram in self._prefix(grams) for p in self._by_shingle.get(gram, ())}
        for position in sorted(candidates):
            key, other = self._entries[position]
            if jaccard(grams, other) >= self.threshold:
                return key
        return None

    def _prefix(self, grams: frozenset[str]) -> list[str]:
        keep = len(grams) - math.floor(self.threshold * len(grams)) + 1  # ≥ the bound, never short
        return sorted(grams, key=_order)[:keep] if grams else []


def _order(gram: str) -> tuple[int, str]:
    # Any fixed total order works; hashing spreads common shingles over the prefixes.
    return hash(gram), gram
