"""Filling in the semantic vectors in the background, a small batch at a time.

A chunk is searchable through BM25 (and the catalogue's hash vector) the moment it is added; its
semantic vector, which takes the local model about a third of a second, is computed here. Shipped
vectors (the bundled playbooks) are taken from the package instead of the model. One background
thread per index (stopped at exit, see ``background``) works through whatever is pending, so an
upload, a restart after an interrupted upload and the migration of an old store all take the same
path; ``progress`` reports how far it is (the knowledge page's bar and ``kb add`` read it). Errors
stop the thread and are reported, never raised into a page.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from .. import background
from ..errors import AssistantError
from . import shipped_vectors
from .hybrid import HybridSearch

BATCH = 8  # ~2.5 s of the model on one core: progress moves often, a removal waits little


@dataclass(frozen=True)
class FillProgress:
    """How many chunks have a semantic vector, of how many; whether the filler is still working."""

    embedded: int
    total: int
    running: bool
    error: str = ""
    rate: float = 0.0  # chunks per second over this run

    @property
    def pending(self) -> int:
        return self.total - self.embedded

    @property
    def done(self) -> bool:
        return self.pending == 0


class VectorFiller:
    """Computes the missing semantic vectors of one :class:`HybridSearch`."""

    def __init__(self, index: HybridSearch) -> None:
        assert index.semantic is not None
        self.index = index
        self.embedder = index.semantic.embeddings
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._error = ""
        self._run_started = 0.0
        self._run_done = 0

    def fill_shipped(self) -> int:
        """Store every pending vector the package ships (no model call); returns how many."""
        pending = self.index.pending()
        found = shipped_vectors.lookup(self.embedder.identity, [c.index_text for c in pending])
        pairs = [(c, v) for c, v in zip(pending, found, strict=True) if v is not None]
        if pairs:
            self.index.add_vectors([c for c, _ in pairs], [v for _, v in pairs])
        return len(pairs)

    def start(self) -> None:
        """Start the background thread when something is pending and none is running."""
        with self._lock:
            if (self._thread and self._thread.is_alive()) or not self.index.pending():
                return
            self._stop.clear()
            self._error = ""
            self._thread = background.start(self._run, "vector-filler", self._stop)

    def stop(self) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join()

    def run(self, progress: Callable[[FillProgress], None] | None = None) -> FillProgress:
        """Fill everything pending in this thread (``kb add`` waits this way; tests too)."""
        if self._thread and self._thread.is_alive():
            while self._thread.is_alive():
                self._thread.join(0.5)
                if progress:
                    progress(self.progress())
            return self.progress()
        self._run(progress)
        return self.progress()

    def progress(self) -> FillProgress:
        embedded, total = self.index.coverage()
        running = bool(self._thread and self._thread.is_alive())
        elapsed = time.perf_counter() - self._run_started if self._run_started else 0.0
        rate = self._run_done / elapsed if elapsed > 0 else 0.0
        return FillProgress(embedded, total, running, self._error, rate)

    def _run(self, progress: Callable[[FillProgress], None] | None = None) -> None:
        self._run_started, self._run_done = time.perf_counter(), 0
        try:
            self.fill_shipped()
            while not self._stop.is_set():
                batch = self.index.pending()[:BATCH]
                if not batch:
                    break
                vectors = self.embedder.embed_documents([c.index_text for c in batch])
                self.index.add_vectors(batch, vectors)
                self._run_done += len(batch)
                if progress:
                    progress(self.progress())
        except AssistantError as exc:  # Chroma unreachable, a remote embedding failing …
            self._error = str(exc)
