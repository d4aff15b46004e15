"""The topic side: the playbooks' sections ranked by their topic read as a question.

A section's topic is its last heading and its search words. The semantic model compares a question
with these as question to question, what e5 does best, and the ranking joins the fusion as a
third side (see ``fusion.py``); the same topics feed the question view of ``relevance.py``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .relevance import question_matrix, topic_text
from .vector_store import StoredChunk


def topic_texts(chunks: Sequence[StoredChunk]) -> list[str]:
    return [topic_text(c.title, str(c.metadata.get("hints", ""))) for c in chunks]


class TopicSide:
    """The topic vectors of one set of chunks, computed once per set (shipped where they exist)."""

    def __init__(self) -> None:
        self._cache: tuple[tuple[str, frozenset[str]], list[str], np.ndarray] | None = None

    def hits(self, embeddings: object, chunks: Sequence[StoredChunk], vector: list[float], k: int) -> list[tuple[str, float]]:
        """The ``k`` chunks whose topic is nearest to a question's ``vector``."""
        ids, matrix = self._matrix(embeddings, chunks)
        if not ids:
            return []
        similarities = matrix @ (np.asarray(vector, np.float32) / (float(np.linalg.norm(vector)) or 1.0))
        best = np.argsort(-similarities, kind="stable")[:k]
        return [(ids[j], float(similarities[j])) for j in best]

    def _matrix(self, embeddings: object, chunks: Sequence[StoredChunk]) -> tuple[list[str], np.ndarray]:
        key = (str(getattr(embeddings, "identity", "")), frozenset(c.id for c in chunks))
        if self._cache is None or self._cache[0] != key:
            self._cache = (key, [c.id for c in chunks], question_matrix(embeddings, tuple(topic_texts(chunks))))
        return self._cache[1], self._cache[2]
