"""The semantic side of a hybrid search: a slow local model's vectors, filled in the background.

The catalogue store serves the vector side until this side holds a vector of every chunk once (a
fresh install is covered at once by the shipped playbook vectors; an old store is being migrated);
from then on this side serves, and a chunk whose vector is still being computed is found through
BM25 alone. That it was complete once is remembered in a marker file beside the BM25 snapshot, so
a restart does not fall back to the catalogue while an upload's vectors are pending.
``filler.py`` computes the vectors; :class:`~assistant.retrieval.hybrid.HybridSearch` owns this
side and calls it under its lock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from . import bm25_snapshot
from .scope import CollectionScope
from .vector_store import VectorStore


class SemanticSide:
    """Which chunks have a semantic vector, searchable by collection, and whether all ever had."""

    def __init__(self, store: VectorStore, marker: Path | None) -> None:
        self.store = store
        self.scope = CollectionScope(store)
        self.embedded: set[str] = set()
        self.ready = False
        self._marker = marker  # where "complete once" is remembered (None: nowhere)

    def refresh(self, groups: Mapping[str, str]) -> None:
        """Align with the index's chunks (``{chunk id: group}``): vectors of chunks gone are deleted."""
        held = self.store.ids()
        stale = sorted(held - groups.keys())
        if stale:
            self.store.delete(stale)
        self.scope = CollectionScope(self.store)
        self.embedded = held & groups.keys()
        for chunk_id in self.embedded:
            self.scope.add(chunk_id, groups[chunk_id])
        self.ready = bool(self._marker and self._marker.exists()) or self.check_complete(len(groups))

    def add(self, ids: Sequence[str], vectors: Sequence[Sequence[float]], groups: Sequence[str], group_key: str) -> None:
        """Store the vectors of chunks ``ids`` (in ``groups``, kept under metadata ``group_key``)."""
        self.store.add_vectors(list(ids), [list(map(float, v)) for v in vectors], [{group_key: g} for g in groups])
        for chunk_id, group in zip(ids, groups, strict=True):
            self.embedded.add(chunk_id)
            self.scope.add(chunk_id, group)

    def remove(self, ids: Iterable[str]) -> None:
        """Delete the vectors of ``ids`` (those without one are skipped)."""
        gone = [i for i in ids if i in self.embedded]
        if gone:
            self.store.delete(gone)
            for chunk_id in gone:
                self.embedded.discard(chunk_id)
                self.scope.discard_any(chunk_id)

    def check_complete(self, chunks: int) -> bool:
        """Is every one of the index's ``chunks`` embedded, now or once before? (Remembered.)"""
        if not self.ready and chunks and len(self.embedded) >= chunks:
            self.ready = True
            if self._marker:
                bm25_snapshot.mark_ready(self._marker)
        return self.ready
