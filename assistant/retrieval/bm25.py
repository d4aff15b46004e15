"""Okapi BM25 over jieba tokens: the exact-term side of hybrid search.

Exact terms matter in this domain: a question about 接龙 or 一单一结 must find the passage that
names it, whatever the embedding thinks. The index is an inverted index updated in place as
documents are added and removed, so a new upload never re-tokenises the whole library; tokens
are stored with each chunk so that a restart does not re-tokenise either.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable

K1 = 1.5
B = 0.75


class BM25Index:
    """Okapi BM25 over pre-tokenised documents, with in-place add and remove."""

    def __init__(self) -> None:
        self._postings: dict[str, dict[str, int]] = defaultdict(dict)
        self._lengths: dict[str, int] = {}
        self._terms: dict[str, list[str]] = {}
        self._total_length = 0

    def __len__(self) -> int:
        return len(self._lengths)

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._lengths

    def add(self, doc_id: str, tokens: Iterable[str]) -> None:
        """Index ``tokens`` under ``doc_id`` (replacing what was indexed under it before)."""
        if doc_id in self._lengths:
            self.remove(doc_id)
        counts = Counter(tokens)
        for term, tf in counts.items():
            self._postings[term][doc_id] = tf
        length = sum(counts.values())
        self._terms[doc_id] = list(counts)
        self._lengths[doc_id] = length
        self._total_length += length

    def remove(self, doc_id: str) -> None:
        length = self._lengths.pop(doc_id, None)
        if length is None:
            return
        self._total_length -= length
        for term in self._terms.pop(doc_id):
            del self._postings[term][doc_id]
            if not self._postings[term]:
                del self._postings[term]

    def search(self, terms: Iterable[str], k: int = 20, allowed: set[str] | None = None) -> list[tuple[str, float]]:
        """Best ``k`` ``(id, score)`` pairs for the query ``terms``, best first."""
        n = len(self._lengths)
        if not n:
            return []
        average = self._total_length / n or 1.0
        scores: dict[str, float] = defaultdict(float)
        for term in set(terms):
            docs = self._postings.get(term)
            if not docs:
                continue
            idf = math.log(1 + (n - len(docs) + 0.5) / (len(docs) + 0.5))
            for doc_id, tf in docs.items():
                if allowed is None or doc_id in allowed:
                    norm = K1 * (1 - B + B * self._lengths[doc_id] / average)
                    scores[doc_id] += idf * tf * (K1 + 1) / (tf + norm)
        return sorted(scores.items(), key=lambda pair: pair[1], reverse=True)[:k]
