"""The knowledge base: bundled playbooks and the user's own documents, in one searchable index.

Two collections share one Chroma collection and one BM25 index, told apart by metadata:
``bundled`` (``knowledge/*.md``, read-only, re-synced whenever those files change) and ``user``
(uploaded files, kept in the :class:`DocumentLibrary`). Every change is incremental: chunk ids
are content hashes, so an unchanged file writes nothing, a changed one replaces exactly the
chunks that changed, and a removed one takes its chunks out of both search sides.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..errors import AssistantError, InputError
from ..i18n import t
from .chunking import Chunk
from .dedupe import THRESHOLD, ShingleIndex, jaccard, shingles
from .filler import FillProgress, VectorFiller
from .hybrid import HybridSearch, Reranker, Retrieved, bm25_tokens
from .library import DocumentEntry, DocumentLibrary, safe_name
from .passage import BUNDLED, USER, Passage
from .playbooks import load_playbook_chunks
from .vector_store import StoredChunk, VectorStore, stored

_NEIGHBOURS = 3
_MIN_NEIGHBOUR_SIMILARITY = 0.5

_STEP_BATCH = 512  # chunks embedded or written between progress reports (and search-lock releases)
_STEPS_PER_FILE = 100

# ``progress(done, total, name)``: ``done`` of ``total`` steps, each file counting
# ``_STEPS_PER_FILE``, so that one long file moves the bar too, not only the count of files.
Progress = Callable[[int, int, str], None]
Steps = Callable[[int, int], None]  # (done, total) within one file


@dataclass(frozen=True)
class SyncReport:
    """What a sync of the bundled playbooks changed."""

    files: int
    added: int
    removed: int
    unchanged: int


@dataclass(frozen=True)
class AddResult:
    """The outcome of adding one file: ``added``, ``replaced``, ``unchanged`` or ``failed``."""

    name: str
    status: str
    kind: str = ""
    chunks: int = 0
    new_chunks: int = 0
    removed_chunks: int = 0
    merged: int = 0
    message: str = ""


@dataclass(frozen=True)
class DocumentInfo:
    """A row of the document list."""

    name: str
    kind: str
    collection: str
    chunks: int
    size: int
    added_at: str


class KnowledgeBase:
    """Adds, removes, rebuilds and searches documents of both collections."""

    def __init__(
        self, store: VectorStore, library: DocumentLibrary, knowledge_dir: Path, reranker: Reranker | None = None,
        semantic: VectorStore | None = None, language: str = "zh",
    ) -> None:
        self.store = store
        self.language = language  # of its fix-it errors
        self.library = library
        self.knowledge_dir = knowledge_dir
        # Beside the store (also when the vectors live on a Chroma server): a local cache, checked on load.
        snapshot = store.path.with_name(store.path.name + "-bm25") / f"{store.name}.npz"
        self.search_index = HybridSearch(store, reranker, snapshot=snapshot, semantic=semantic)
        self.search_index.topic_group = BUNDLED
        self.search_index.language = language  # of a PDF passage's page mark
        # A slow local model's vectors are filled in the background (see filler.py).
        self.filler = VectorFiller(self.search_index) if semantic is not None else None
        self._lock = threading.RLock()

    def fill_progress(self) -> FillProgress | None:
        """How far the semantic side is (``None`` when there is no separate semantic side)."""
        return self.filler.progress() if self.filler else None

    # -- bundled playbooks -------------------------------------------------------------------
    def sync_bundled(self) -> SyncReport:
        """Make the bundled collection equal to ``knowledge/*.md`` (changed chunks only)."""
        with self._lock:
            chunks = {c.id: c for c in load_playbook_chunks(self.knowledge_dir)}
            for chunk in chunks.values():
                _tag(chunk, BUNDLED, chunk.source.rsplit("/", 1)[-1])
            stale = sorted(self.store.ids({"collection": BUNDLED}) - chunks.keys())
            new = [c for i, c in chunks.items() if i not in self.search_index.chunk_ids()]
            self._write(new)
            self._delete(stale)
            if self.filler:
                self.filler.fill_shipped()  # the bundled playbooks' vectors come with the package
            files = len({c.source for c in chunks.values()})
            return SyncReport(files, len(new), len(stale), len(chunks) - len(new))

    # -- user documents ----------------------------------------------------------------------
    def add_files(self, files: Iterable[tuple[str, bytes]], progress: Progress | None = None) -> list[AddResult]:
        """Add each ``(name, bytes)``; a file that fails is reported and the batch goes on."""
        batch = list(files)
        total = len(batch) * _STEPS_PER_FILE
        results = []
        for number, (name, data) in enumerate(batch):
            steps = _file_steps(progress, number * _STEPS_PER_FILE, total, name)
            steps(0, 1)
            try:
                results.append(self.add(name, data, progress=steps))
            except AssistantError as exc:
                results.append(AddResult(name, "failed", message=str(exc)))
        if progress:
            progress(total, total, "")
        if self.filler:
            self.filler.start()
        return results

    def add(self, name: str, data: bytes, *, force: bool = False, progress: Steps | None = None) -> AddResult:
        """Add or replace the document ``name``; unchanged content changes nothing.

        A long document is embedded and written a batch at a time: ``progress`` hears of each
        batch, and searches (which never take this writer's lock) see its passages as they land.
        """
        name = safe_name(name, self.language)
        digest = hashlib.sha256(data).hexdigest()
        with self._lock:
            previous = self.library.get(name)
            if previous and previous.sha256 == digest and not force and self._complete(previous):
                return AddResult(name, "unchanged", previous.kind, len(previous.chunk_ids))
            from .loaders import load_document  # pypdf and openpyxl: imported when a user adds a file

            document = load_document(name, data, self.language)
            chunks = list({c.id: _tag(c, USER, name) for c in document.chunks}.values())
            old_ids = set(previous.chunk_ids) if previous else set()
            ids, new, merged = self._place(chunks, old_ids - {c.id for c in chunks}, progress)
            self._write(new, progress)
            removed = self._release(old_ids - set(ids), keep_for=name)
            entry = DocumentEntry(name, document.kind, len(data), digest, _now(), ids, document.encoding, document.notes)
            self.library.save(entry, data)
            status = "replaced" if previous else "added"
            return AddResult(name, status, document.kind, len(ids), len(new), removed, merged)

    def remove(self, name: str) -> int:
        """Remove the user document ``name``; returns how many chunks left the index."""
        with self._lock:
            entry = self.library.get(name)
            if entry is None:
                raise InputError(t("kb.error.no_document", self.language, name=name))
            self.library.delete(name)
            return self._release(set(entry.chunk_ids), keep_for=None)

    def drop_orphans(self) -> int:
        """Delete user chunks no document lists (left by an add that was killed half-way)."""
        with self._lock:
            listed = {i for e in self.library.entries().values() for i in e.chunk_ids}
            orphans = sorted(self.store.ids({"collection": USER}) - listed)
            self._delete(orphans)
            return len(orphans)

    def rebuild(self, progress: Progress | None = None) -> tuple[SyncReport, list[AddResult]]:
        """Drop the whole index and rebuild it from ``knowledge/`` and the stored files."""
        with self._lock:
            self._delete(sorted(self.store.ids()))
            report = self.sync_bundled()
            readable, failed = [], []
            for entry in self.library.entries().values():
                try:
                    readable.append((entry.name, self.library.read(entry)))
                except InputError as exc:  # a manifest entry pointing outside the library is dropped
                    failed.append(AddResult(entry.name, "failed", message=str(exc)))
                self.library.forget(entry.name)
            results = failed + self.add_files(readable, progress)
            self.library.prune()
            return report, results

    # -- reading -----------------------------------------------------------------------------
    def documents(self) -> list[DocumentInfo]:
        bundled: dict[str, int] = {}
        for chunk in self.search_index.chunks(BUNDLED):
            doc = str(chunk.metadata.get("doc", ""))
            bundled[doc] = bundled.get(doc, 0) + 1
        rows = [DocumentInfo(n, "md", BUNDLED, c, _size(self.knowledge_dir / n), "") for n, c in sorted(bundled.items())]
        for entry in self.library.entries().values():
            rows.append(DocumentInfo(entry.name, entry.kind, USER, len(entry.chunk_ids), entry.size, entry.added_at))
        return rows

    def chunks_of(self, name: str) -> list[StoredChunk]:
        entry = self.library.get(name)
        if entry is not None:
            found = (self.search_index.chunk(i) for i in entry.chunk_ids)
            return [c for c in found if c is not None]
        return [c for c in self.search_index.chunks(BUNDLED) if c.metadata.get("doc") == name]

    def search(self, query: str, k: int = 5, collections: Collection[str] | None = None) -> list[Passage]:
        return self.search_index.search(query, k, collections)

    def retrieve(self, query: str, k: int = 5, collections: Collection[str] | None = None, focus: str = "") -> Retrieved:
        """Passages and whether anything relevant was found (the answer's honest "not found");
        ``focus``: a follow-up's own words (see ``HybridSearch.retrieve``)."""
        return self.search_index.retrieve(query, k, collections, focus=focus)

    # -- internals ---------------------------------------------------------------------------
    def _complete(self, entry: DocumentEntry) -> bool:
        known = self.search_index.chunk_ids()
        return all(i in known for i in entry.chunk_ids)

    def _place(
        self, chunks: list[Chunk], stale: set[str], progress: Steps | None = None
    ) -> tuple[list[str], list[tuple[Chunk, list[float]]], int]:
        """Decide, for each chunk, whether it is already indexed, a near-duplicate, or new."""
        known = self.search_index.chunk_ids()
        fresh = [c for c in chunks if c.id not in known]
        embedded = self._embed(fresh, progress)
        vectors = dict(zip((c.id for c in fresh), embedded, strict=True))
        nearby = dict(zip(vectors, self.search_index.nearest(embedded, _NEIGHBOURS, [USER]), strict=True))
        fresh_grams = {c.id: shingles(c.body) for c in fresh}
        pending = ShingleIndex(corpus=fresh_grams.values())
        ids: list[str] = []
        new: list[tuple[Chunk, list[float]]] = []
        for chunk in chunks:
            target = chunk.id
            if chunk.id not in known:
                grams = fresh_grams[chunk.id]
                duplicate = self._duplicate_of(grams, nearby[chunk.id], stale) or pending.match(grams)
                if duplicate is None:
                    new.append((chunk, vectors[chunk.id]))
                    pending.add(chunk.id, grams)
                target = duplicate or chunk.id
            if target not in ids:
                ids.append(target)
        return ids, new, len(chunks) - len(new) - len([c for c in chunks if c.id in known])

    def _duplicate_of(self, grams: frozenset[str], neighbours: list[tuple[str, float]], stale: set[str]) -> str | None:
        """The indexed user chunk among ``neighbours`` that ``grams`` nearly duplicates, if any."""
        for other_id, similarity in neighbours:
            other = self.search_index.chunk(other_id)
            if other_id in stale or other is None or similarity < _MIN_NEIGHBOUR_SIMILARITY:
                continue
            if jaccard(grams, shingles(other.body)) >= THRESHOLD:
                return other_id
        return None

    def _embed(self, chunks: list[Chunk], progress: Steps | None) -> list[list[float]]:
        """Vectors of ``chunks``; the first half of a file's progress."""
        vectors: list[list[float]] = []
        for start in range(0, len(chunks), _STEP_BATCH):
            vectors += self.store.embeddings.embed_documents([c.index_text for c in chunks[start : start + _STEP_BATCH]])
            if progress:
                progress(len(vectors), 2 * len(chunks))
        return vectors

    def _write(self, new: list[Chunk] | list[tuple[Chunk, list[float]]], progress: Steps | None = None) -> None:
        """Write to both search sides a batch at a time; the second half of a file's progress."""
        pairs = [(item, None) if isinstance(item, Chunk) else item for item in new]
        for start in range(0, len(pairs), _STEP_BATCH):
            batch = pairs[start : start + _STEP_BATCH]
            chunks = [c for c, _ in batch]
            for chunk in chunks:
                chunk.metadata["tokens"] = " ".join(bm25_tokens(chunk.title, chunk.index_text))
            vectors = None if any(v is None for _, v in batch) else [v for _, v in batch]
            self.store.add(chunks, vectors)
            self.search_index.add(stored(c) for c in chunks)
            if progress:
                progress(len(pairs) + start + len(batch), 2 * len(pairs))

    def _release(self, ids: set[str], keep_for: str | None) -> int:
        """Delete ``ids`` no other document still uses; re-add documents that shared them."""
        others = [e for e in self.library.entries().values() if e.name != keep_for]
        used = {i for e in others for i in e.chunk_ids}
        self._delete(sorted(ids - used))
        for entry in [e for e in others if ids & set(e.chunk_ids)]:
            self._reclaim(entry, ids)
        return len(ids - used)

    def _reclaim(self, entry: DocumentEntry, released: set[str]) -> None:
        # A document that pointed at a merged passage owned by the document that went away gets
        # its own copy back, with its own file name and headings.
        owned_elsewhere = [i for i in released if (c := self.search_index.chunk(i)) and c.metadata.get("doc") != entry.name]
        if owned_elsewhere:
            self._delete(owned_elsewhere)
            entry.chunk_ids = [i for i in entry.chunk_ids if i not in owned_elsewhere]
            self.library.save(entry, None)
            self.add(entry.name, self.library.read(entry), force=True)

    def _delete(self, ids: list[str]) -> None:
        if ids:
            self.store.delete(ids)
            self.search_index.remove(ids)


def _file_steps(progress: Progress | None, offset: int, total: int, name: str) -> Steps:
    """One file's ``(done, total)`` reports as its share of the whole batch's progress."""

    def report(done: int, of: int) -> None:
        if progress:
            progress(offset + _STEPS_PER_FILE * done // max(of, 1), total, name)

    return report


def _tag(chunk: Chunk, collection: str, doc: str) -> Chunk:
    kind = "playbook" if collection == BUNDLED else "document"
    chunk.metadata.update({"collection": collection, "doc": doc, "kind": kind})
    return chunk


def _now() -> str:
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")


def _size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0
