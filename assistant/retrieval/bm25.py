"""Okapi BM25 over jieba tokens: the exact-term side of hybrid search.

Built in memory from the indexed chunks. Exact terms matter in this domain: a question about
接龙 or 一单一结 must find the passage that names it, whatever the embedding thinks.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence

from .tokenizer import tokenize


class BM25Index:
    """Okapi BM25 (k1=1.5, b=0.75) over a fixed list of documents."""

    def __init__(
        self,
        ids: Sequence[str],
        texts: Sequence[str],
        tokenizer: Callable[[str], list[str]] = tokenize,
        k1: float = 1.5,
        b: float = 0.75,
    ) -> None:
        self.ids = list(ids)
        self._tokenize = tokenizer
        self._k1, self._b = k1, b
        self._docs = [Counter(tokenizer(text)) for text in texts]
        self._lengths = [sum(doc.values()) for doc in self._docs]
        self._avg_length = (sum(self._lengths) / len(self._lengths)) if self._lengths else 0.0
        frequencies = Counter(term for doc in self._docs for term in doc)
        n = len(self._docs)
        self._idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in frequencies.items()}

    def __len__(self) -> int:
        return len(self.ids)

    def search(self, query: str, k: int = 20, allowed: set[str] | None = None) -> list[tuple[str, float]]:
        """Best ``k`` ``(id, score)`` pairs with a positive score, best first."""
        terms = [t for t in set(self._tokenize(query)) if t in self._idf]
        scored = []
        for index, doc in enumerate(self._docs):
            if allowed is not None and self.ids[index] not in allowed:
                continue
            score = sum(self._term_score(term, doc, self._lengths[index]) for term in terms)
            if score > 0:
                scored.append((self.ids[index], score))
        scored.sort(key=lambda pair: pair[1], reverse=True)
        return scored[:k]

    def _term_score(self, term: str, doc: Counter[str], length: int) -> float:
        tf = doc.get(term, 0)
        if not tf:
            return 0.0
        norm = self._k1 * (1 - self._b + self._b * length / (self._avg_length or 1))
        return self._idf[term] * tf * (self._k1 + 1) / (tf + norm)
