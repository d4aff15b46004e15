"""The searchable index of conversation windows: a Chroma collection of its own plus BM25.

Windows live in their own collection (prefix ``conv``), never mixed with the playbooks, and are
searched by the same retriever as the knowledge base (``retrieval.hybrid.HybridSearch``, one
fusion engine): BM25 for the exact words people typed (发票, a member's name), the embedding for
the rest. The index is partitioned by group (as the knowledge base is by collection) and a time
span is a metadata condition on both sides, so a search can be limited to a group and a time span
and every hit can cite the messages it rests on (each window's metadata carries its group, time
range, participants and message ids).

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

from ..analytics.population import EPOCH
from ..llm.offline_embedding import OfflineHashEmbeddings
from ..retrieval.chunking import Chunk
from ..retrieval.hybrid import HybridSearch, Where
from ..retrieval.tokenizer import tokenize
from ..retrieval.vector_store import StoredChunk, VectorStore
from .index_worker import IndexWorker, Prepared
from .windows import Window, local_time, parse_line

PREFIX = "conv"
# windows per write: a small first batch (tokenized here, nothing to overlap it with), then larger
# ones (Chroma writes fewer, bigger batches faster) while the worker tokenizes the next
_BATCHES = (512, 1_024, 2_048)
# The worker starts (about a second of CPU, most of it loading jieba's dictionary) only when a full
# batch is coming: preparing the 2,015 windows of the demo here took 12.6–12.9 s of CPU for the whole
# `demo` command, with the worker 14.3–19 s (two runs each, 2-core machine under load), and no
# sooner in wall time; from the third batch of a large sync on, the overlap pays for the start.
_WORKER_FROM = _BATCHES[-1]
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

    def messages(self) -> list[dict[str, str]]:
        """Every message of the window, in time order."""
        return [self._message(n) for n in range(len(self.lines))]

    def _message(self, n: int) -> dict[str, str]:
        ts, sender, text = parse_line(self.lines[n])
        return {"message_id": self.message_ids[n], "ts": ts, "sender": sender, "text": text, "group": self.group}

    def to_dict(self) -> dict:
        return {"id": self.id, "group": self.group, "start": self.start, "end": self.end,
                "participants": self.participants, "score": round(self.score, 4),
                "messages": self.messages()}


@dataclass(frozen=True)
class SyncStats:
    added: int = 0
    removed: int = 0
    kept: int = 0


def to_chunk(window: Window) -> Chunk:
    """The stored form of a window; its BM25 tokens are added when it is written (only new
    windows pay for jieba)."""
    metadata = {"group": window.group, "tz": window.tz, "start": _epoch(window.start), "end": _epoch(window.end),
                "participants": SEP.join(window.participants), "message_ids": SEP.join(window.message_ids),
                "count": len(window.messages)}
    return Chunk(f"conv:{window.group}", (), window.text, 0, metadata)


def words_of(text: str) -> str:
    """The BM25 words of a window's text, space-separated (as stored in its ``tokens``)."""
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
    """Windows in one :class:`VectorStore`, searched by the knowledge base's own hybrid retriever
    (``retrieval.hybrid``): partitioned by group, with a time span as a metadata condition."""

    def __init__(self, store: VectorStore) -> None:
        self.store = store
        self._lock = threading.RLock()
        self.search_index = HybridSearch(store, group_key="group", lexical_needs_bm25=True)

    def __len__(self) -> int:
        return len(self.search_index)

    def ids(self, group: str | None = None) -> set[str]:
        return self.search_index.ids(group)

    def groups(self) -> set[str]:
        return self.search_index.groups()

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
        ready = _prepared_here(batch)
        added, worker = 0, None
        try:
            while batch is not None:
                upcoming = next(batches, None)
                handed = upcoming is not None and (worker is not None or len(upcoming) >= _WORKER_FROM)
                if handed:
                    worker = worker or IndexWorker(self._offline_dimensions)
                    worker.submit([search_text(c.body) for c in upcoming], [c.index_text for c in upcoming])
                added += self._write(batch, [" ".join(t) for t in ready.tokens], ready.vectors)
                batch = upcoming
                if batch is not None:
                    ready = worker.result() if handed and worker is not None else _prepared_here(batch)
        finally:
            if worker is not None:
                worker.close()
        return added

    @property
    def _offline_dimensions(self) -> int | None:
        """The offline embedding's size, which the worker can compute too; None for another model."""
        embeddings = self.store.embeddings
        return embeddings.dimensions if isinstance(embeddings, OfflineHashEmbeddings) else None

    def remove(self, ids: list[str]) -> None:
        with self._lock:
            if ids:
                self.store.delete(ids)
            self.search_index.remove(ids)

    def _write(self, batch: list[Chunk], words: list[str], vectors: list[list[float]] | None = None) -> int:
        """Store a batch of new windows with their BM25 ``words`` (and vectors, when prepared)."""
        for chunk, said in zip(batch, words, strict=True):
            chunk.metadata["tokens"] = said
        self.store.add(batch, vectors)
        self.search_index.add(StoredChunk(c.id, c.text, {**c.metadata}) for c in batch)
        return len(batch)

    def search(self, query: str, k: int = 5, group: str | None = None, since: datetime | None = None,
               until: datetime | None = None) -> list[Hit]:
        """The ``k`` best windows for ``query`` in ``group`` overlapping ``[since, until)``."""
        if not query.strip():
            return []
        groups = None if group is None else [group]
        found = self.search_index.retrieve(query, k, groups, _span(since, until)).passages
        return [self._hit(p.id, p.score) for p in found]

    def _hit(self, chunk_id: str, score: float) -> Hit:
        chunk = self.search_index.chunk(chunk_id)
        assert chunk is not None
        meta = chunk.metadata
        tz = str(meta.get("tz") or "Asia/Shanghai")
        return Hit(chunk_id, meta["group"], local_time(_instant(meta["start"]), tz), local_time(_instant(meta["end"]), tz),
                   str(meta["participants"]).split(SEP), str(meta["message_ids"]).split(SEP),
                   chunk.text.split("\n"), score)


def _fresh(windows: Iterable[Window], stored: set[str], seen: set[str]) -> Iterator[Chunk]:
    """The chunks of ``windows`` not stored yet (each once); every window's id lands in ``seen``."""
    for window in windows:
        chunk = to_chunk(window)
        if chunk.id not in seen and chunk.id not in stored:
            yield chunk
        seen.add(chunk.id)


def _prepared_here(batch: list[Chunk]) -> Prepared:
    """A batch's BM25 words computed in this process (its vectors by the store, as it writes)."""
    return Prepared([tokenize(search_text(c.body)) for c in batch], None)


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


def _span(since: datetime | None, until: datetime | None) -> Where | None:
    """Windows overlapping ``[since, until)``."""
    conditions = []
    if since is not None:
        conditions.append(("end", "$gte", _epoch(since)))
    if until is not None:
        conditions.append(("start", "$lt", _epoch(until)))
    return Where(tuple(conditions)) if conditions else None


def _epoch(moment: datetime) -> int:
    return int((moment - EPOCH).total_seconds())


def _instant(seconds: int) -> datetime:
    return EPOCH + timedelta(seconds=int(seconds))
