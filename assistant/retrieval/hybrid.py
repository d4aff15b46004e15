"""Hybrid search: vector and BM25 rankings fused by reciprocal rank.

Reciprocal rank fusion (score = Σ 1 / (60 + rank)) needs no score calibration between the two
sides, which matters because cosine similarities and BM25 scores live on different scales. A
vector hit below ``MIN_SIMILARITY`` that BM25 did not find is dropped: every collection returns
*something* for any query, and an unrelated passage cited with confidence is worse than none.
"""

from __future__ import annotations

from .bm25 import BM25Index
from .passage import Passage
from .synonyms import expand_query
from .vector_store import StoredChunk, VectorStore

RRF_K = 60
CANDIDATES = 20
MIN_SIMILARITY = 0.18


class HybridSearch:
    """Searches one :class:`VectorStore` and a BM25 index over the same chunks."""

    def __init__(self, store: VectorStore) -> None:
        self.store = store
        self._chunks: dict[str, StoredChunk] = {}
        self._bm25 = BM25Index([], [])
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the BM25 side from what the vector store holds now."""
        chunks = self.store.all()
        self._chunks = {c.id: c for c in chunks}
        self._bm25 = BM25Index([c.id for c in chunks], [_bm25_text(c) for c in chunks])

    def __len__(self) -> int:
        return len(self._chunks)

    def search(self, query: str, k: int = 4) -> list[Passage]:
        """The ``k`` best passages for ``query``, best first."""
        if not query.strip() or not self._chunks:
            return []
        expanded = expand_query(query)
        vector = [(i, s) for i, s in self.store.search(expanded, CANDIDATES) if i in self._chunks]
        bm25 = self._bm25.search(expanded, CANDIDATES)
        fused = _fuse(vector, bm25)
        bm25_ids = {i for i, _ in bm25}
        vector_scores, bm25_scores = dict(vector), dict(bm25)
        passages = [
            self._passage(i, score, vector_scores.get(i), bm25_scores.get(i))
            for i, score in fused
            if i in bm25_ids or vector_scores.get(i, 0.0) >= MIN_SIMILARITY
        ]
        return passages[:k]

    def _passage(
        self, chunk_id: str, score: float, vector_score: float | None, bm25_score: float | None
    ) -> Passage:
        chunk = self._chunks[chunk_id]
        title = str(chunk.metadata.get("title", ""))
        body = chunk.text[len(title) + 1 :] if title and chunk.text.startswith(title) else chunk.text
        sides = {"vector"} if vector_score is not None else set()
        sides |= {"bm25"} if bm25_score is not None else set()
        return Passage(
            id=chunk_id,
            source=str(chunk.metadata.get("source", "")),
            title=title,
            body=body,
            score=score,
            found_by=frozenset(sides),
            vector_score=vector_score,
            bm25_score=bm25_score,
        )


def _bm25_text(chunk: StoredChunk) -> str:
    # The heading names the topic; counting it three times lets a section titled 退群率 win
    # over a passage that merely mentions 退群率 once.
    title = str(chunk.metadata.get("title", ""))
    return f"{title}\n{title}\n{chunk.text}"


def _fuse(*rankings: list[tuple[str, float]]) -> list[tuple[str, float]]:
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, (chunk_id, _) in enumerate(ranking, start=1):
            scores[chunk_id] = scores.get(chunk_id, 0.0) + 1.0 / (RRF_K + rank)
    return sorted(scores.items(), key=lambda pair: pair[1], reverse=True)
