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
nothing the second time.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..analytics.population import EPOCH
from ..retrieval.chunking import Chunk
from ..retrieval.hybrid import HybridSearch, Where
from ..retrieval.tokenizer import tokenize
from ..retrieval.vector_store import StoredChunk, VectorStore
from .windows import Window, local_time, parse_line

PREFIX = "conv"
_BATCH = 2_048
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
    """The stored form of a window; its BM25 tokens are added by :func:`with_tokens` (only new
    windows pay for jieba)."""
    metadata = {"group": window.group, "tz": window.tz, "start": _epoch(window.start), "end": _epoch(window.end),
                "participants": SEP.join(window.participants), "message_ids": SEP.join(window.message_ids),
                "count": len(window.messages)}
    return Chunk(f"conv:{window.group}", (), window.text, 0, metadata)


def with_tokens(chunk: Chunk) -> Chunk:
    chunk.metadata["tokens"] = " ".join(tokenize(chunk.body))
    return chunk


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
            seen, batch, added = set(), [], 0
            for window in windows:
                chunk = to_chunk(window)
                if chunk.id in seen or chunk.id in stored:
                    seen.add(chunk.id)
                    continue
                seen.add(chunk.id)
                batch.append(with_tokens(chunk))
                if len(batch) >= _BATCH:
                    added += self._write(batch)
            added += self._write(batch)
            stale = sorted(stored - seen)
            self.remove(stale)
            return SyncStats(added, len(stale), len(stored & seen))

    def remove(self, ids: list[str]) -> None:
        with self._lock:
            if ids:
                self.store.delete(ids)
            self.search_index.remove(ids)

    def _write(self, batch: list[Chunk]) -> int:
        if not batch:
            return 0
        self.store.add(batch)
        self.search_index.add(StoredChunk(c.id, c.text, {**c.metadata}) for c in batch)
        written = len(batch)
        batch.clear()
        return written

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
