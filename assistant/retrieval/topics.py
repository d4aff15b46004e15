"""The topic side: the playbooks' sections ranked by their topic read as a question.

A section's topic is its last heading and its search words. The semantic model compares a question
with these as question to question, what e5 does best, and the ranking joins the fusion as a
third side (see ``fusion.py``); the same topics feed the question view of ``relevance.py``.

An English question is also compared with each of the topic's *phrases* alone (the heading, each
search word), a section ranked by its three nearest: across languages, a short Chinese phrase
(「群二维码有效期」) is a cleaner target than the whole topic, whose dozen phrases blur one
vector. For Chinese questions the whole topic ranks better (tuned-on playbook hit@1 −3 with the
phrases), so they are not asked.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .relevance import question_matrix, topic_text
from .vector_store import StoredChunk

PHRASES_PER_SECTION = 3  # a section's score: the mean of its nearest phrases' similarities


def topic_texts(chunks: Sequence[StoredChunk]) -> list[str]:
    return [topic_text(c.title, str(c.metadata.get("hints", ""))) for c in chunks]


def topic_phrases(title: str, hints: str) -> list[str]:
    """A section's topic phrase by phrase: its last heading and each search word, each once."""
    return list(dict.fromkeys([title.split(" › ")[-1], *hints.split()]))


class TopicSide:
    """The topic vectors of one set of chunks, computed once per set (shipped where they exist)."""

    def __init__(self) -> None:
        self._cache: tuple[tuple[str, frozenset[str]], list[str], np.ndarray] | None = None
        self._phrases: tuple[tuple[str, frozenset[str]], list[str], np.ndarray, np.ndarray] | None = None

    def hits(self, embeddings: object, chunks: Sequence[StoredChunk], vector: list[float], k: int) -> list[tuple[str, float]]:
        """The ``k`` chunks whose topic is nearest to a question's ``vector``."""
        ids, matrix = self._matrix(embeddings, chunks)
        if not ids:
            return []
        return _best(ids, matrix @ _unit(vector), k)

    def phrase_hits(self, embeddings: object, chunks: Sequence[StoredChunk], vector: list[float],
                    k: int) -> list[tuple[str, float]]:
        """The ``k`` chunks whose nearest topic phrases are nearest to a question's ``vector``."""
        ids, matrix, owners = self._phrase_matrix(embeddings, chunks)
        if not ids:
            return []
        similarities = matrix @ _unit(vector)
        # Each section's phrases sorted by similarity: the best ones of a section sit at its end.
        order = np.lexsort((similarities, owners))
        ends = np.searchsorted(owners[order], np.arange(len(ids)), side="right")
        starts = np.searchsorted(owners[order], np.arange(len(ids)), side="left")
        ranked = similarities[order]
        scores = np.array([ranked[max(s, e - PHRASES_PER_SECTION):e].mean() for s, e in zip(starts, ends, strict=True)])
        return _best(ids, scores, k)

    def _matrix(self, embeddings: object, chunks: Sequence[StoredChunk]) -> tuple[list[str], np.ndarray]:
        key = _key(embeddings, chunks)
        if self._cache is None or self._cache[0] != key:
            self._cache = (key, [c.id for c in chunks], question_matrix(embeddings, tuple(topic_texts(chunks))))
        return self._cache[1], self._cache[2]

    def _phrase_matrix(self, embeddings: object, chunks: Sequence[StoredChunk]) -> tuple[list[str], np.ndarray, np.ndarray]:
        key = _key(embeddings, chunks)
        if self._phrases is None or self._phrases[0] != key:
            phrases = [topic_phrases(c.title, str(c.metadata.get("hints", ""))) for c in chunks]
            owners = np.repeat(np.arange(len(chunks)), [len(p) for p in phrases])
            matrix = question_matrix(embeddings, tuple(p for each in phrases for p in each))
            self._phrases = (key, [c.id for c in chunks], matrix, owners)
        return self._phrases[1], self._phrases[2], self._phrases[3]


def _key(embeddings: object, chunks: Sequence[StoredChunk]) -> tuple[str, frozenset[str]]:
    return str(getattr(embeddings, "identity", "")), frozenset(c.id for c in chunks)


def _unit(vector: list[float]) -> np.ndarray:
    return np.asarray(vector, np.float32) / (float(np.linalg.norm(vector)) or 1.0)


def _best(ids: list[str], similarities: np.ndarray, k: int) -> list[tuple[str, float]]:
    best = np.argsort(-similarities, kind="stable")[:k]
    return [(ids[j], float(similarities[j])) for j in best]
