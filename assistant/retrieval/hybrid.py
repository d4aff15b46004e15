"""Hybrid search: vector and BM25 rankings fused by reciprocal rank, optionally reranked.

Reciprocal rank fusion (score = Σ weight / (k + rank), with a small k so that first places count) needs no score calibration between the two
sides, which matters because cosine similarities and BM25 scores live on different scales. A
vector hit below ``MIN_SIMILARITY`` that BM25 did not find is dropped: every collection returns
*something* for any query, and an unrelated passage cited with confidence is worse than none.
Searches can be limited to collections (``bundled`` playbooks, the ``user``'s documents).
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from pathlib import Path

from . import bm25_snapshot
from .bm25 import BM25Index
from .passage import Passage
from .scope import CollectionScope
from .synonyms import expand_query
from .tokenizer import tokenize
from .vector_store import StoredChunk, VectorStore

RRF_K = 5
# The lexical embedding is the weaker judge of the two (see benchmarks/retrieval_quality.py),
# so its ranks count for less in the fusion; a real embedding model is weighted equally.
VECTOR_WEIGHT = 0.5
CANDIDATES = 20
MIN_SIMILARITY = 0.18
RERANK_POOL = 10
_LOCKED_BATCH = 512  # chunks indexed per hold of the search lock
# Below this size a rebuild takes well under a second and a snapshot is not worth a file; above
# it, the snapshot is rewritten when a start had to index at least this share of the chunks anew.
SNAPSHOT_MIN_CHUNKS = 5_000
SNAPSHOT_MIN_CHANGE = 0.02

Reranker = Callable[[str, list[Passage]], list[Passage]]


def bm25_tokens(title: str, text: str) -> list[str]:
    """BM25 tokens of a chunk. The heading names the topic; counting it three times lets a
    section titled 退群率 win over a passage that merely mentions 退群率 once."""
    return tokenize(f"{title}\n{title}\n{text}")


class HybridSearch:
    """Searches one :class:`VectorStore` and a BM25 index kept in step with it."""

    def __init__(self, store: VectorStore, reranker: Reranker | None = None, vector_weight: float | None = None,
                 snapshot: Path | None = None) -> None:
        self.store = store
        self.reranker = reranker
        self.snapshot = snapshot  # where the BM25 side is saved for the next start (large indexes only)
        lexical = getattr(store.embeddings, "identity", "").startswith("offline-hash")
        self.vector_weight = vector_weight if vector_weight is not None else (VECTOR_WEIGHT if lexical else 1.0)
        self._lock = threading.RLock()
        self._chunks: dict[str, StoredChunk] = {}
        self._scope = CollectionScope(store)
        self._bm25 = BM25Index()
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the BM25 side from what the vector store holds now (from the snapshot, when one
        exists, plus the chunks added and removed since it was written)."""
        with self._lock:
            chunks = self.store.all()
            self._chunks, self._scope = {}, CollectionScope(self.store)
            saved = bm25_snapshot.load(self.snapshot) if self.snapshot else None
            self._bm25 = saved or BM25Index()
            indexed = saved.groups() if saved else {}
            wanted = {chunk.id: _collection(chunk) for chunk in chunks}
            for chunk_id in [i for i, group in indexed.items() if wanted.get(i) != group]:
                self._bm25.remove(chunk_id)
            fresh = []
            for chunk in chunks:
                if indexed.get(chunk.id) == wanted[chunk.id]:
                    self._keep(chunk)  # its BM25 side came with the snapshot
                else:
                    fresh.append(chunk)
            self.add(fresh)
            changed = len(fresh) + len(indexed.keys() - wanted.keys())
            if self.snapshot and len(chunks) >= SNAPSHOT_MIN_CHUNKS and changed >= SNAPSHOT_MIN_CHANGE * len(chunks):
                bm25_snapshot.save(self._bm25, self.snapshot)

    def add(self, chunks: Iterable[StoredChunk]) -> None:
        """Index ``chunks`` a batch at a time, so searches never wait for a whole upload."""
        for batch in _batched(chunks, _LOCKED_BATCH):
            with self._lock:
                for chunk in batch:
                    self._add(chunk)

    def _add(self, chunk: StoredChunk) -> None:
        stored = chunk.metadata.get("tokens")
        text = f"{chunk.text}\n{chunk.metadata.get('hints', '')}"
        tokens = str(stored).split() if stored else bm25_tokens(chunk.title, text)
        self.remove([chunk.id])
        self._keep(chunk)
        self._bm25.add(chunk.id, tokens, _collection(chunk))

    def _keep(self, chunk: StoredChunk) -> None:
        """Hold the chunk for building passages (not its BM25 side)."""
        # The stored tokens are only needed for BM25; holding them would double the index's memory.
        self._chunks[chunk.id] = StoredChunk(chunk.id, chunk.text, {k: v for k, v in chunk.metadata.items() if k != "tokens"})
        self._scope.add(chunk.id, _collection(chunk))

    def remove(self, ids: Iterable[str]) -> None:
        with self._lock:
            for chunk_id in ids:
                chunk = self._chunks.pop(chunk_id, None)
                if chunk is not None:
                    self._scope.discard(chunk_id, str(chunk.metadata.get("collection", "")))
                self._bm25.remove(chunk_id)

    def nearest(
        self, vectors: Sequence[list[float]], k: int, collections: Collection[str] | None = None
    ) -> list[list[tuple[str, float]]]:
        """The ``k`` nearest stored chunks of each vector within ``collections`` (all when ``None``)."""
        with self._lock:
            return self._scope.nearest(vectors, k, collections)

    def __len__(self) -> int:
        return len(self._chunks)

    def chunk(self, chunk_id: str) -> StoredChunk | None:
        return self._chunks.get(chunk_id)

    def chunk_ids(self) -> set[str]:
        with self._lock:
            return set(self._chunks)

    def chunks(self, collection: str | None = None) -> list[StoredChunk]:
        with self._lock:
            return [c for c in self._chunks.values() if collection in (None, c.metadata.get("collection"))]

    def search(self, query: str, k: int = 4, collections: Collection[str] | None = None) -> list[Passage]:
        """The ``k`` best passages for ``query`` within ``collections`` (all when ``None``)."""
        if not query.strip():
            return []
        with self._lock:
            passages = self._fused(expand_query(query), collections)
        if self.reranker and len(passages) > 1:
            passages = self.reranker(query, passages[:RERANK_POOL]) + passages[RERANK_POOL:]
        return passages[:k]

    def _fused(self, query: str, collections: Collection[str] | None) -> list[Passage]:
        if not self._chunks:
            return []
        vector, bm25 = self.vector_hits(query, collections), self.bm25_hits(query, collections)
        vector_scores, bm25_scores = dict(vector), dict(bm25)
        return [
            self._passage(i, score, vector_scores.get(i), bm25_scores.get(i))
            for i, score in _fuse((vector, self.vector_weight), (bm25, 1.0))
            if i in bm25_scores or vector_scores.get(i, 0.0) >= MIN_SIMILARITY
        ]

    def vector_hits(self, query: str, collections: Collection[str] | None = None) -> list[tuple[str, float]]:
        """The vector side alone: ``(id, cosine similarity)`` of the best candidates for an expanded query."""
        [nearest] = self.nearest([self.store.embeddings.embed_query(query)], CANDIDATES, collections)
        return [(i, s) for i, s in nearest if i in self._chunks]

    def bm25_hits(self, query: str, collections: Collection[str] | None = None) -> list[tuple[str, float]]:
        """The BM25 side alone: ``(id, score)`` of the best candidates for an expanded query."""
        with self._lock:
            return self._bm25.search(tokenize(query), CANDIDATES, collections)

    def _passage(self, chunk_id: str, score: float, vector: float | None, bm25: float | None) -> Passage:
        chunk = self._chunks[chunk_id]
        page = chunk.metadata.get("page")
        return Passage(
            id=chunk_id,
            source=str(chunk.metadata.get("source", "")),
            title=f"{chunk.title}（第{page}页）" if page else chunk.title,
            body=chunk.body,
            score=score,
            found_by=frozenset(side for side, s in (("vector", vector), ("bm25", bm25)) if s is not None),
            vector_score=vector,
            bm25_score=bm25,
            collection=str(chunk.metadata.get("collection", "")),
            hints=str(chunk.metadata.get("hints", "")),
        )


def _collection(chunk: StoredChunk) -> str:
    return str(chunk.metadata.get("collection", ""))


def _batched(items: Iterable[StoredChunk], size: int) -> Iterator[list[StoredChunk]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _fuse(*rankings: tuple[Sequence[tuple[str, float]], float]) -> list[tuple[str, float]]:
    scores: dict[str, float] = {}
    for ranking, weight in rankings:
        for rank, (chunk_id, _) in enumerate(ranking, start=1):
            scores[chunk_id] = scores.get(chunk_id, 0.0) + weight / (RRF_K + rank)
    return sorted(scores.items(), key=lambda pair: pair[1], reverse=True)
