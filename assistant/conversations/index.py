"""The searchable index of conversation windows: a Chroma collection of its own plus BM25.

Windows live in their own collection (prefix ``conv``), never mixed with the playbooks, and use
the same two sides as the knowledge base, fused the same way (``retrieval.hybrid``): BM25 for the
exact words people typed (发票, a member's name), the embedding for the rest. Each window's
metadata carries its group, time range, participants and message ids, so a search can be limited
to a group and a time span on both sides and every hit can cite the messages it rests on.

Ids are content hashes, so syncing is a diff: windows already stored are skipped, windows that
grew or vanished (a re-import, a deleted group) are replaced or removed, and syncing twice writes
nothing the second time. New windows are written in batches; when there is more than one, a worker
process segments the next batch's words (and computes its offline embedding) while this one is
written (``index_worker``), which is what lets a 300,000-message import be searchable in seconds.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from ..analytics.population import EPOCH
from ..llm.offline_embedding import OfflineHashEmbeddings
from ..retrieval.bm25 import BM25Index
from ..retrieval.chunking import Chunk
from ..retrieval.hybrid import CANDIDATES, MIN_SIMILARITY, VECTOR_WEIGHT, _fuse
from ..retrieval.synonyms import expand_query
from ..retrieval.tokenizer import tokenize
from ..retrieval.vector_store import StoredChunk, VectorStore
from .index_worker import IndexWorker, Prepared
from .words import WindowWords
from .windows import Window, local_time, parse_line

PREFIX = "conv"
# windows per write: a small first batch (tokenized here, nothing to overlap it with), then larger
# ones (Chroma writes fewer, bigger batches faster) while the worker tokenizes the next
_BATCHES = (512, 1_024, 2_048)
SEP = "\x1f"


@dataclass(frozen=True)
class Hit:
    """A retrieved window with what is needed to cite it."""

    id: str
    group: str
    start: str
    end: str
    participants: list[str]
    message_ids: list[str]
    lines: list[str]
    score: float

    def evidence(self, query: str = "", limit: int = 3) -> list[dict[str, str]]:
        """The window's messages that best match ``query`` (all words count), in time order."""
        words = set(tokenize(query)) if query else set()
        scored = [(len(words & set(tokenize(text))), n) for n, text in enumerate(self.lines)]
        chosen = sorted(n for _, n in sorted(scored, key=lambda p: (-p[0], p[1]))[:limit])
        return [self._message(n) for n in chosen]

    def _message(self, n: int) -> dict[str, str]:
        ts, sender, text = parse_line(self.lines[n])
        return {"message_id": self.message_ids[n], "ts": ts, "sender": sender, "text": text, "group": self.group}

    def to_dict(self) -> dict:
        return {"id": self.id, "group": self.group, "start": self.start, "end": self.end,
                "participants": self.participants, "score": round(self.score, 4),
                "messages": [self._message(n) for n in range(len(self.lines))]}


@dataclass(frozen=True)
class SyncStats:
    added: int = 0
    removed: int = 0
    kept: int = 0


def to_chunk(window: Window) -> Chunk:
    """The stored form of a window; its BM25 words are computed only for new windows (jieba is
    the slow part) and stored beside it (:mod:`.words`)."""
    metadata = {"group": window.group, "tz": window.tz, "start": _epoch(window.start), "end": _epoch(window.end),
                "participants": SEP.join(window.participants), "message_ids": SEP.join(window.message_ids),
                "count": len(window.messages)}
    return Chunk(f"conv:{window.group}", (), window.text, 0, metadata)


def words_of(text: str) -> str:
    """The BM25 words of a window's text, space-separated (as stored)."""
    return " ".join(tokenize(search_text(text)))


def search_text(body: str) -> str:
    """What BM25 reads of a window: who spoke (once each) and what they said. The time stamps of
    its lines are left out: they match no question and were half of jieba's work."""
    names: dict[str, None] = {}
    said = []
    for text in body.split("\n"):
        _, sender, words = parse_line(text)
        names[sender] = None
        said.append(words)
    return " ".join(names) + "\n" + "\n".join(said)


class ConversationIndex:
    """Windows in one :class:`VectorStore` and an in-memory BM25 index kept in step with it."""

    def __init__(self, store: VectorStore, words: WindowWords | None = None) -> None:
        self.store = store
        self._words = words  # where the BM25 words live; None: in the Chroma metadata (a server)
        # The offline embedding only sees characters: a window it alone finds shares a character or
        # two with the question (票 in 发票 and 门票) and is noise, so BM25 must agree.
        self._lexical = str(getattr(store.embeddings, "identity", "")).startswith("offline-hash")
        self._lock = threading.RLock()
        self._meta: dict[str, dict] = {}
        self._bm25 = BM25Index()
        self._load(store.all())

    def __len__(self) -> int:
        return len(self._meta)

    def _load(self, chunks: Iterable[StoredChunk], words: dict[str, str] | None = None) -> None:
        """Windows into memory and BM25; their words come from ``words``, the sidecar file, the
        metadata (older indexes, a Chroma server), or are segmented again and written back."""
        known = words if words is not None else (self._words.all() if self._words else {})
        healed = []
        for chunk in chunks:
            metadata = dict(chunk.metadata)
            found = metadata.pop("tokens", None) or known.get(chunk.id)
            if found is None:
                found = words_of(chunk.text)
                healed.append((chunk.id, found))
            self._meta[chunk.id] = {**metadata, "text": chunk.text}
            self._bm25.add(chunk.id, str(found).split(), str(metadata["group"]))
        if healed and self._words is not None:
            self._words.put(healed)

    def ids(self, group: str | None = None) -> set[str]:
        with self._lock:
            return {i for i, m in self._meta.items() if group in (None, m["group"])}

    def groups(self) -> set[str]:
        with self._lock:
            return {m["group"] for m in self._meta.values()}

    def sync_group(self, group: str, windows: Iterable[Window]) -> SyncStats:
        """Make the stored windows of ``group`` exactly ``windows`` (only differences are written)."""
        with self._lock:
            stored = self.ids(group)
            seen: set[str] = set()
            added = self._write_all(_batches(_fresh(windows, stored, seen)))
            stale = sorted(stored - seen)
            self.remove(stale)
            return SyncStats(added, len(stale), len(stored & seen))

    def _write_all(self, batches: Iterator[list[Chunk]]) -> int:
        """Prepare and write each batch; while one is written, a worker prepares the next."""
        batch = next(batches, None)
        if batch is None:
            return 0
        ready = Prepared([tokenize(search_text(c.body)) for c in batch], None)
        added, worker = 0, None
        try:
            while batch is not None:
                upcoming = next(batches, None)
                if upcoming is not None:
                    worker = worker or IndexWorker(self._offline_dimensions)
                    worker.submit([search_text(c.body) for c in upcoming], [c.index_text for c in upcoming])
                added += self._write(batch, [" ".join(t) for t in ready.tokens], ready.vectors)
                batch = upcoming
                if worker is not None and batch is not None:
                    ready = worker.result()
        finally:
            if worker is not None:
                worker.close()
        return added

    @property
    def _offline_dimensions(self) -> int | None:
        """The offline embedding's size, which the worker can compute too; None for a remote model."""
        embeddings = self.store.embeddings
        return embeddings.dimensions if isinstance(embeddings, OfflineHashEmbeddings) else None

    def remove(self, ids: list[str]) -> None:
        with self._lock:
            if ids:
                self.store.delete(ids)
                if self._words is not None:
                    self._words.delete(ids)
            for chunk_id in ids:
                self._meta.pop(chunk_id, None)
                self._bm25.remove(chunk_id)

    def _write(self, batch: list[Chunk], words: list[str], vectors: list[list[float]] | None = None) -> int:
        """Store a batch of new windows with their BM25 ``words`` (and vectors, when prepared)."""
        if self._words is None:  # a Chroma server: the words travel in the metadata
            for chunk, said in zip(batch, words, strict=True):
                chunk.metadata["tokens"] = said
        self.store.add(batch, vectors)
        if self._words is not None:
            self._words.put((c.id, said) for c, said in zip(batch, words, strict=True))
        by_id = {c.id: said for c, said in zip(batch, words, strict=True)}
        self._load((StoredChunk(c.id, c.text, {**c.metadata}) for c in batch), by_id)
        return len(batch)

    def search(self, query: str, k: int = 5, group: str | None = None, since: datetime | None = None,
               until: datetime | None = None) -> list[Hit]:
        """The ``k`` best windows for ``query`` in ``group`` overlapping ``[since, until)``."""
        if not query.strip():
            return []
        expanded = expand_query(query)
        with self._lock:
            if not self._meta:
                return []
            bm25 = self._bm25_ranked(tokenize(expanded), group, since, until)
            vector = self._vector_ranked(expanded, bm25, group, since, until)
            vector_scores, bm25_scores = dict(vector), dict(bm25)
            fused = [(i, s) for i, s in _fuse((vector, VECTOR_WEIGHT), (bm25, 1.0))
                     if i in bm25_scores or (not self._lexical and vector_scores.get(i, 0.0) >= MIN_SIMILARITY)]
            return [self._hit(i, score) for i, score in fused[:k]]

    def _vector_ranked(self, query: str, bm25: list[tuple[str, float]], group: str | None, since: datetime | None,
                       until: datetime | None) -> list[tuple[str, float]]:
        """The embedding's ranking. With the offline embedding only BM25's candidates can be kept,
        so they are simply re-embedded and compared here (milliseconds), which spares Chroma a
        metadata-filtered scan of every window (hundreds of milliseconds at 30,000 windows)."""
        if not self._lexical:
            return [(i, s) for i, s in self.store.search(query, CANDIDATES, _where(group, since, until)) if i in self._meta]
        if not bm25:
            return []
        ids = [i for i, _ in bm25]
        embeddings = self.store.embeddings
        docs = np.asarray(embeddings.embed_documents([str(self._meta[i]["text"]) for i in ids]), dtype=np.float32)
        wanted = np.asarray(embeddings.embed_query(query), dtype=np.float32)
        norms = np.linalg.norm(docs, axis=1) * (np.linalg.norm(wanted) or 1.0)
        similarities = docs @ wanted / np.where(norms == 0, 1.0, norms)
        return sorted(zip(ids, similarities.tolist(), strict=True), key=lambda pair: -pair[1])

    def _bm25_ranked(self, tokens: list[str], group: str | None, since: datetime | None,
                     until: datetime | None) -> list[tuple[str, float]]:
        """BM25's best :data:`CANDIDATES` in ``group`` and the time span. Windows are filed in the
        index under their group, so a group limit costs nothing; a time limit filters the group's
        ranking here."""
        groups = None if group is None else [group]
        if since is None and until is None:
            return self._bm25.search(tokens, CANDIDATES, groups)
        allowed = self._allowed(group, since, until)
        ranked = self._bm25.search(tokens, len(self._bm25), groups) if allowed else []
        return [(i, s) for i, s in ranked if i in allowed][:CANDIDATES]

    def _allowed(self, group: str | None, since: datetime | None, until: datetime | None) -> set[str]:
        low, high = _epoch(since) if since else None, _epoch(until) if until else None
        return {i for i, m in self._meta.items()
                if group in (None, m["group"]) and (low is None or m["end"] >= low) and (high is None or m["start"] < high)}

    def _hit(self, chunk_id: str, score: float) -> Hit:
        meta = self._meta[chunk_id]
        tz = str(meta.get("tz") or "Asia/Shanghai")
        return Hit(chunk_id, meta["group"], local_time(_instant(meta["start"]), tz), local_time(_instant(meta["end"]), tz),
                   str(meta["participants"]).split(SEP), str(meta["message_ids"]).split(SEP),
                   str(meta["text"]).split("\n"), score)


def _fresh(windows: Iterable[Window], stored: set[str], seen: set[str]) -> Iterator[Chunk]:
    """The chunks of ``windows`` not stored yet (each once); every window's id lands in ``seen``."""
    for window in windows:
        chunk = to_chunk(window)
        if chunk.id not in seen and chunk.id not in stored:
            yield chunk
        seen.add(chunk.id)


def _batches(chunks: Iterator[Chunk]) -> Iterator[list[Chunk]]:
    batch: list[Chunk] = []
    sizes = iter(_BATCHES)
    size = next(sizes)
    for chunk in chunks:
        batch.append(chunk)
        if len(batch) >= size:
            yield batch
            batch, size = [], next(sizes, size)
    if batch:
        yield batch


def _where(group: str | None, since: datetime | None, until: datetime | None) -> dict | None:
    conditions: list[dict] = []
    if group is not None:
        conditions.append({"group": group})
    if since is not None:
        conditions.append({"end": {"$gte": _epoch(since)}})
    if until is not None:
        conditions.append({"start": {"$lt": _epoch(until)}})
    if len(conditions) > 1:
        return {"$and": conditions}
    return conditions[0] if conditions else None


def _epoch(moment: datetime) -> int:
    return int((moment - EPOCH).total_seconds())


def _instant(seconds: int) -> datetime:
    return EPOCH + timedelta(seconds=int(seconds))
