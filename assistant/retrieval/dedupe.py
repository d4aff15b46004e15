"""Near-duplicate detection between chunks.

Operators upload the same SOP twice under different names, or a new version that repeats most
paragraphs of the old one. Indexing every copy would fill the top results with the same
paragraph. Two chunks whose bodies share at least ``THRESHOLD`` of their character trigrams
(Jaccard similarity, after dropping whitespace and punctuation) are treated as one passage.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

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
    common = len(a & b)  # |a ∪ b| = |a| + |b| − |a ∩ b|: no union set is built
    return common / (len(a) + len(b) - common)


def is_near_duplicate(a: str, b: str) -> bool:
    return jaccard(shingles(a), shingles(b)) >= THRESHOLD


class ShingleIndex:
    """Finds, among the chunks added so far, the first whose shingles are a near-duplicate.

    Comparing every new chunk with every earlier one is quadratic: a 2,000-chunk upload made
    two million comparisons. Prefix filtering makes it near-linear without losing a match: put
    all shingles in one fixed order; if ``jaccard(a, b) >= t`` then ``|a ∩ b| >= t·|a|``, so the
    first ``|a| − ⌈t·|a|⌉ + 1`` shingles (or one more) of ``a`` and those of ``b`` share at least one. Only
    chunks that share a prefix shingle, and whose sizes allow ``t`` (``jaccard <= min/max size``),
    are compared in full.

    The order puts the rarest shingles first (counted over ``corpus``, the chunks about to be
    checked): a document whose chunks recombine the same sentences shares its common trigrams
    everywhere, and a hash order let ~300,000 of a 1,064-chunk PDF's ~560,000 pairs through.
    Shingles not in ``corpus`` are ranked after it as first seen; a rank never changes once given,
    so the order stays fixed, which is all the filter's exactness needs.
    """

    def __init__(self, threshold: float = THRESHOLD, corpus: Iterable[frozenset[str]] = ()) -> None:
        self.threshold = threshold
        self._entries: list[tuple[str, frozenset[str]]] = []
        self._by_shingle: dict[str, list[int]] = {}
        counts = Counter(gram for grams in corpus for gram in grams)
        self._rank = {gram: rank for rank, gram in enumerate(sorted(counts, key=lambda g: (counts[g], hash(g), g)))}

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
            if _sizes_allow(len(grams), len(other), self.threshold) and jaccard(grams, other) >= self.threshold:
                return key
        return None

    def _prefix(self, grams: frozenset[str]) -> list[str]:
        for gram in grams:
            if gram not in self._rank:
                self._rank[gram] = len(self._rank)
        keep = len(grams) - math.floor(self.threshold * len(grams)) + 1  # ≥ the bound, never short
        return sorted(grams, key=self._rank.__getitem__)[:keep] if grams else []


def _sizes_allow(a: int, b: int, threshold: float) -> bool:
    # jaccard ≤ min/max (and rounding is monotonic), so a size ratio below the threshold rules a pair out.
    return bool(a and b) and min(a, b) / max(a, b) >= threshold
