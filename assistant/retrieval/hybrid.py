"""Hybrid search: vector and BM25 rankings fused by reciprocal rank, optionally reranked.

Two vector sides can exist. The *catalogue* store holds every chunk's text, metadata and a
vector of the embedding it was opened with; it is written at once. With a slow local semantic
model, a second *semantic* store holds that model's vectors, filled in the background
(``semantic_side.py``, ``filler.py``); it serves once it has covered every chunk.

The rankings are fused by reciprocal rank (``fusion.py``). A
vector hit below ``MIN_SIMILARITY`` that BM25 did not find is dropped: every collection returns
*something* for any query, and an unrelated passage cited with confidence is worse than none.
Searches can be limited to collections (``bundled`` playbooks, the ``user``'s documents) and by
metadata (``filters.py``); whether anything relevant was found at all is judged by
``relevance.py`` and ``not_found.py``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path

import numpy as np

from . import bm25_snapshot
from .bm25 import BM25Index
from .filters import Where
from .fusion import (FOCUS_WEIGHT, PHRASE_WEIGHT, RRF_K, SEMANTIC_RRF_K, SEMANTIC_WEIGHT, TOPIC_WEIGHT, VECTOR_WEIGHT,
                     Sides, bm25_weight, foreign, fuse)
from .relevance import Relevance, Retrieved, contrasts
from .passage import USER, Passage, passage_of
from .scope import CollectionScope
from .semantic_side import SemanticSide
from .synonyms import expand_query
from .topics import TopicSide, topic_texts
from .tokenizer import tokenize, tokenize_lines
from .vector_store import StoredChunk, VectorStore

CANDIDATES = 20
MIN_SIMILARITY = 0.18
RERANK_POOL = 10
_LOCKED_BATCH = 512  # chunks indexed per hold of the search lock
# Below this size a rebuild takes well under a second and a snapshot is not worth a file; above
# it, the snapshot is rewritten when a start had to index at least this share of the chunks anew.
SNAPSHOT_MIN_CHUNKS = 5_000
SNAPSHOT_MIN_CHANGE = 0.02

_RELEVANCE_DEPTH = 3  # passages whose coverage of the question counts
Reranker = Callable[[str, list[Passage]], list[Passage]]


def bm25_tokens(title: str, text: str) -> list[str]:
    """BM25 tokens of a chunk. The heading names the topic; counting it three times lets a
    section titled 退群率 win over a passage that merely mentions 退群率 once (the chunk's text
    starts with it too: cut once, see ``tokenize_lines``)."""
    return tokenize_lines([title, title, *text.split("\n")])


class HybridSearch:
    """Searches one :class:`VectorStore` and a BM25 index kept in step with it."""

    def __init__(self, store: VectorStore, reranker: Reranker | None = None, vector_weight: float | None = None,
                 snapshot: Path | None = None, semantic: VectorStore | None = None, group_key: str = "collection",
                 lexical_needs_bm25: bool = False) -> None:
        self.store = store
        # The metadata field the index is partitioned by: the knowledge collection, or a chat group.
        self.group_key = group_key
        # With a lexical embedding, keep only what BM25 also found and rank those by the embedding
        # (conversation threads: a thread the hash alone finds shares a character or two, 票 in 发票
        # and 门票, and is noise); the vector side then never asks Chroma.
        self.lexical_needs_bm25 = lexical_needs_bm25
        self.topic_group: str | None = None  # whose sections name the topics (the bundled playbooks)
        self.language = "zh"  # of the page mark in a PDF passage's title
        self._topic_side = TopicSide()
        self.reranker = reranker
        self.snapshot = snapshot  # where the BM25 side is saved for the next start (large indexes only)
        self._weight = vector_weight
        self._lock = threading.RLock()
        self._chunks: dict[str, StoredChunk] = {}
        self._scope = CollectionScope(store)
        marker = snapshot.with_name(f"{semantic.name}.ready") if snapshot and semantic else None
        self._semantic_side = SemanticSide(semantic, marker) if semantic else None
        self._bm25 = BM25Index()
        self.refresh()

    @property
    def semantic(self) -> VectorStore | None:
        """The semantic model's store (``None`` without a separate semantic side)."""
        return self._semantic_side.store if self._semantic_side is not None else None

    @property
    def active(self) -> VectorStore:
        """The store whose vectors serve the vector side now."""
        side = self._semantic_side
        return side.store if side is not None and side.ready else self.store

    @property
    def _semantic(self) -> bool:  # the vectors serving now come from a model (the hash embedding: False)
        return getattr(self.active.embeddings, "semantic", True)

    @property
    def vector_weight(self) -> float:
        default = SEMANTIC_WEIGHT if self._semantic else VECTOR_WEIGHT
        return default if self._weight is None else self._weight

    @property
    def rrf_k(self) -> int:
        return SEMANTIC_RRF_K if self._semantic else RRF_K

    @property
    def min_similarity(self) -> float:
        """A vector-only hit below this similarity is dropped (see the module docstring)."""
        return getattr(self.active.embeddings, "min_similarity", MIN_SIMILARITY)

    def refresh(self) -> None:
        """Rebuild the BM25 side from what the vector store holds now (from the snapshot, when one
        exists, plus the chunks added and removed since it was written)."""
        with self._lock:
            chunks = self.store.all()
            self._chunks, self._scope = {}, CollectionScope(self.store)
            saved = bm25_snapshot.load(self.snapshot) if self.snapshot else None
            self._bm25 = saved or BM25Index()
            indexed = saved.groups() if saved else {}
            wanted = {chunk.id: self._group(chunk) for chunk in chunks}
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
            self._refresh_semantic()

    # -- the semantic side (semantic_side.py) ----------------------------------------------------
    def _refresh_semantic(self) -> None:
        if self._semantic_side is not None:
            self._semantic_side.refresh({i: self._group(c) for i, c in self._chunks.items()})

    def pending(self) -> list[StoredChunk]:
        """Chunks without a semantic vector yet, in insertion order (empty without a semantic side)."""
        if self._semantic_side is None:
            return []
        with self._lock:
            return [c for i, c in self._chunks.items() if i not in self._semantic_side.embedded]

    def coverage(self) -> tuple[int, int]:
        """``(chunks with a semantic vector, all chunks)``."""
        with self._lock:
            return len(self._semantic_side.embedded) if self._semantic_side else 0, len(self._chunks)

    @property
    def semantic_ready(self) -> bool:
        return self._semantic_side is not None and self._semantic_side.ready

    def add_vectors(self, chunks: Sequence[StoredChunk], vectors: Sequence[Sequence[float]]) -> None:
        """Store semantic vectors of ``chunks`` (those removed meanwhile are skipped)."""
        side = self._semantic_side
        assert side is not None
        with self._lock:
            pairs = [(c, v) for c, v in zip(chunks, vectors, strict=True) if c.id in self._chunks]
            if pairs:
                side.add([c.id for c, _ in pairs], [v for _, v in pairs], [self._group(c) for c, _ in pairs], self.group_key)
                side.check_complete(len(self._chunks))

    def add(self, chunks: Iterable[StoredChunk]) -> None:
        """Index ``chunks`` a batch at a time, so searches never wait for a whole upload."""
        chunks = list(chunks)
        for start in range(0, len(chunks), _LOCKED_BATCH):
            with self._lock:
                for chunk in chunks[start:start + _LOCKED_BATCH]:
                    self._add(chunk)

    def _add(self, chunk: StoredChunk) -> None:
        stored = chunk.metadata.get("tokens")
        text = f"{chunk.text}\n{chunk.metadata.get('hints', '')}"
        tokens = str(stored).split() if stored else bm25_tokens(chunk.title, text)
        self._forget([chunk.id])
        self._keep(chunk)
        self._bm25.add(chunk.id, tokens, self._group(chunk))

    def _keep(self, chunk: StoredChunk) -> None:
        """Hold the chunk for building passages (not its BM25 side)."""
        # The stored tokens are only needed for BM25; holding them would double the index's memory.
        self._chunks[chunk.id] = StoredChunk(chunk.id, chunk.text, {k: v for k, v in chunk.metadata.items() if k != "tokens"})
        self._scope.add(chunk.id, self._group(chunk))

    def _group(self, chunk: StoredChunk) -> str:
        return str(chunk.metadata.get(self.group_key, ""))

    def remove(self, ids: Iterable[str]) -> None:
        """Forget ``ids`` on every side (their semantic vectors are deleted too)."""
        with self._lock:
            ids = list(ids)
            self._forget(ids)
            if self._semantic_side is not None:
                self._semantic_side.remove(ids)

    def _forget(self, ids: Iterable[str]) -> None:
        for chunk_id in ids:
            chunk = self._chunks.pop(chunk_id, None)
            if chunk is not None:
                self._scope.discard(chunk_id, self._group(chunk))
            self._bm25.remove(chunk_id)

    def nearest(
        self, vectors: Sequence[list[float]], k: int, collections: Collection[str] | None = None
    ) -> list[list[tuple[str, float]]]:
        """The ``k`` nearest chunks of each catalogue vector within ``collections`` (all when ``None``)."""
        with self._lock:
            return self._scope.nearest(vectors, k, collections)

    def __len__(self) -> int:
        return len(self._chunks)

    def chunk(self, chunk_id: str) -> StoredChunk | None:
        return self._chunks.get(chunk_id)

    def chunk_ids(self) -> set[str]:
        with self._lock:
            return set(self._chunks)

    def groups(self) -> set[str]:
        """The collections (groups) that hold chunks."""
        with self._lock:
            return self._scope.names()

    def ids(self, group: str | None = None) -> set[str]:
        with self._lock:
            return self._scope.members(group)

    def chunks(self, collection: str | None = None) -> list[StoredChunk]:
        with self._lock:
            return [c for c in self._chunks.values() if collection in (None, c.metadata.get(self.group_key))]

    def search(self, query: str, k: int = 4, collections: Collection[str] | None = None) -> list[Passage]:
        """The ``k`` best passages for ``query`` within ``collections`` (all when ``None``)."""
        return self.retrieve(query, k, collections).passages

    def retrieve(self, query: str, k: int = 4, collections: Collection[str] | None = None,
                 where: Where | None = None, focus: str = "") -> Retrieved:
        """The ``k`` best passages within ``collections`` (groups) and matching ``where`` (e.g. a time
        span), and how relevant the best of them are (see ``relevance.py``). ``focus``: a follow-up's
        own words, searched beside ``query`` (the follow-up joined with the question before it)."""
        if not query.strip():
            return Retrieved([], Relevance())
        expanded = expand_query(query)
        with self._lock:
            passages, relevance = self._fused(query, expanded, collections, where, focus.strip())
        if self.reranker and len(passages) > 1:
            passages = self.reranker(query, passages[:RERANK_POOL]) + passages[RERANK_POOL:]
        return Retrieved(passages[:k], relevance)

    def _fused(self, query: str, expanded: str, collections: Collection[str] | None,
               where: Where | None = None, focus: str = "") -> tuple[list[Passage], Relevance]:
        if not self._chunks:
            return [], Relevance()
        sides = self._sides(query, expanded, collections, where)
        rankings, vector_scores, bm25_scores = list(sides.rankings), sides.vector_scores(), dict(sides.bm25)
        if focus and focus != query:
            own = self._sides(focus, expand_query(focus), collections, where)
            rankings += [(ranking, weight * FOCUS_WEIGHT) for ranking, weight in own.rankings]
            vector_scores, bm25_scores = {**own.vector_scores(), **vector_scores}, {**dict(own.bm25), **bm25_scores}
        passages = [
            passage_of(self._chunks[i], score, vector_scores.get(i), bm25_scores.get(i), self.language)
            for i, score in fuse(*rankings, k=self.rrf_k)
            if i in bm25_scores or vector_scores.get(i, 0.0) >= self.min_similarity
        ]
        return passages, self._relevance(query, expanded, passages[:_RELEVANCE_DEPTH], sides.vector, sides.bm25,
                                         sides.raw_vector)

    def _sides(self, query: str, expanded: str, collections: Collection[str] | None, where: Where | None) -> Sides:
        """Every side's ranking of one text, weighted for the fusion (see fusion.py)."""
        bm25 = self.bm25_hits(expanded, collections, where)
        rankings, raw_vector, raw = [(bm25, bm25_weight(query, self._semantic))], None, []
        if self._rescoring:
            vector = self._rescored(expanded, bm25)
        else:
            searched = self.vector_text(query, expanded)
            query_vector = self.active.embeddings.embed_query(searched)
            vector = self._nearest(query_vector, collections, where)
            rankings.append((self._topic_hits(query_vector, collections) if where is None else [], TOPIC_WEIGHT))
            raw_vector = query_vector if searched == query else None
            if expanded != query and foreign(query, self._semantic):
                # The question's own words as well as the glossary's: see fusion.py.
                raw_vector = self.active.embeddings.embed_query(query)
                raw = self._nearest(raw_vector, collections, where)
                rankings += [(raw, self.vector_weight), (self._topic_hits(raw_vector, collections) if where is None else [], TOPIC_WEIGHT)]
            if foreign(query, self._semantic) and where is None:
                asked = [query_vector] if raw_vector is None or raw_vector is query_vector else [query_vector, raw_vector]
                rankings += [(self._topic_hits(v, collections, phrases=True), PHRASE_WEIGHT) for v in asked]
        return Sides([(vector, self.vector_weight), *rankings], vector, bm25, raw, raw_vector)

    def _relevance(self, query: str, expanded: str, top: list[Passage], vector: list[tuple[str, float]],
                   bm25: list[tuple[str, float]], raw_vector: list[float] | None) -> Relevance:
        """How relevant the best passages are (see relevance.py); ``raw_vector``: the question's own."""
        store = self.active
        best = max((s for _, s in vector), default=0.0)
        if not getattr(store.embeddings, "calibrated", False):  # the model was fitted for this embedding only
            return Relevance(best, None, bool(top))
        raw_vector = raw_vector if raw_vector is not None else store.embeddings.embed_query(query)
        views = contrasts(store.embeddings, raw_vector, self.topics())
        covered = {p.id: self._bm25.coverage(tokenize(expanded), p.id) for p in top}
        own = max((covered[p.id] for p in top if p.collection == USER), default=0.0)
        agreement = bool({i for i, _ in vector[:3]} & {i for i, _ in bm25[:3]})
        return Relevance(best, views.elsewhere, bool(top), views.topic, max(covered.values(), default=0.0),
                         agreement, views.neighbours, own)

    def topics(self) -> tuple[str, ...]:
        """The topics of the chunks of :attr:`topic_group` (the bundled playbooks): see relevance.py."""
        return tuple(sorted(set(topic_texts(self.chunks(self.topic_group))))) if self.topic_group else ()

    @property
    def _rescoring(self) -> bool:
        return self.lexical_needs_bm25 and not self._semantic

    def vector_text(self, query: str, expanded: str | None = None) -> str:
        """What the vector side embeds for ``query``. The semantic model reads a Chinese question's
        paraphrases itself, and the synonyms appended for BM25 only blur its vector (tuned-on playbook
        hit@1 0.812 → 0.839 without them); the lexical embedding needs them, and so does a question in
        another script, whose glossary terms are its way into the Chinese passages."""
        if self._semantic and not foreign(query, self._semantic):
            return query
        return expand_query(query) if expanded is None else expanded

    def vector_hits(self, query: str, collections: Collection[str] | None = None,
                    where: Where | None = None) -> list[tuple[str, float]]:
        """The vector side alone: ``(id, cosine similarity)`` of the best candidates for ``query`` as
        given (``vector_text`` says what the hybrid search gives it)."""
        return self._nearest(self.active.embeddings.embed_query(query), collections, where)

    def _nearest(self, vector: list[float], collections: Collection[str] | None,
                 where: Where | None) -> list[tuple[str, float]]:
        store = self.active
        side = self._semantic_side
        scope = side.scope if side is not None and store is side.store else self._scope
        with self._lock:
            if where is None:
                [nearest] = scope.nearest([vector], CANDIDATES, collections)
            else:  # a metadata condition: Chroma's filter (a scan, but such searches are rare)
                [nearest] = store.nearest_many([vector], CANDIDATES, where.chroma(self.group_key, collections))
        return [(i, s) for i, s in nearest if i in self._chunks]

    def _topic_hits(self, vector: list[float], collections: Collection[str] | None,
                    phrases: bool = False) -> list[tuple[str, float]]:
        """Chunks of :attr:`topic_group` ranked by their section's topic, whole or phrase by phrase
        (calibrated model only; see topics.py)."""
        embeddings, group = self.active.embeddings, self.topic_group
        if group is None or not getattr(embeddings, "calibrated", False) or (collections is not None and group not in collections):
            return []
        side = self._topic_side.phrase_hits if phrases else self._topic_side.hits
        return side(embeddings, self.chunks(group), vector, CANDIDATES)

    def _rescored(self, query: str, bm25: list[tuple[str, float]]) -> list[tuple[str, float]]:
        """BM25's candidates ranked by the (lexical) embedding: re-embedding them takes milliseconds,
        a filtered Chroma query over 30,000 threads hundreds of them."""
        if not bm25:
            return []
        ids = [i for i, _ in bm25]
        embeddings = self.active.embeddings
        docs = np.asarray(embeddings.embed_documents([self._chunks[i].text for i in ids]), dtype=np.float32)
        wanted = np.asarray(embeddings.embed_query(query), dtype=np.float32)
        norms = np.linalg.norm(docs, axis=1) * (np.linalg.norm(wanted) or 1.0)
        similarities = docs @ wanted / np.where(norms == 0, 1.0, norms)
        return sorted(zip(ids, similarities.tolist(), strict=True), key=lambda pair: -pair[1])

    def bm25_hits(self, query: str, collections: Collection[str] | None = None,
                  where: Where | None = None) -> list[tuple[str, float]]:
        """The BM25 side alone: ``(id, score)`` of the best candidates for an expanded query."""
        with self._lock:
            if where is None:
                return self._bm25.search(tokenize(query), CANDIDATES, collections)
            ranked = self._bm25.search(tokenize(query), len(self._bm25), collections)
            return [(i, s) for i, s in ranked if where.matches(self._chunks[i].metadata)][:CANDIDATES]
