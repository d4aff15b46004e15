"""The Chroma collection that holds chunk vectors, texts and their sources.

Vectors are always computed by our own embedding and passed in: Chroma's default embedding
function downloads a model, so collections are created with ``embedding_function=None``. Each
embedding gets its own collection (the name carries its identity), so switching models never
mixes vector spaces; the new collection is filled from sources on the next sync.

The collection lives in ``data/chroma`` on this machine, or on a Chroma server when
``ASSISTANT_CHROMA_URL`` is set (``chroma run`` on a bigger host, shared by several app
instances; see ``remote.py``). Both are the same Chroma API; only the client differs.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from langchain_core.embeddings import Embeddings

from .chunking import Chunk
from .remote import connect, no_telemetry, remote_errors

if TYPE_CHECKING:  # chromadb itself is imported when the first store opens (see _open)
    from chromadb.api.models.Collection import Collection
    from chromadb.api.types import GetResult

_BATCH = 1024  # Chroma writes ~25 % faster in batches of 1024 than of 256; its limit is 5461
_QUERY_BATCH = 256
_PAGE = 5000


@dataclass(frozen=True)
class StoredChunk:
    """A chunk as read back from the store."""

    id: str
    text: str
    metadata: dict

    @property
    def title(self) -> str:
        return str(self.metadata.get("title", ""))

    @property
    def index_text(self) -> str:
        """What was embedded: the text plus the section's search hints (as ``Chunk.index_text``)."""
        hints = self.metadata.get("hints")
        return f"{self.text}\n{hints}" if hints else self.text

    @property
    def body(self) -> str:
        """The text without its heading-path line."""
        title = self.title
        return self.text[len(title) + 1 :] if title and self.text.startswith(title) else self.text


class VectorStore:
    """One Chroma collection of chunks for one embedding, on disk or on a Chroma server."""

    def __init__(self, path: Path, embeddings: Embeddings, prefix: str = "kb", url: str = "",
                 language: str = "zh") -> None:
        self.embeddings = embeddings
        self.url = url.strip()
        self.language = language  # of a Chroma server's fix-it errors
        self.path = Path(path)
        identity = getattr(embeddings, "identity", type(embeddings).__name__)
        self.name = _collection_name(prefix, identity)
        self._collection = self._open(path, self.name, identity)

    @remote_errors
    def _open(self, path: Path, name: str, identity: str) -> Collection:
        # Importing chromadb takes ~0.5 s; the app's first page needs no index, so it is not
        # made to wait for it.
        import chromadb

        client = connect(self.url, self.language) if self.url else chromadb.PersistentClient(path=str(path), settings=no_telemetry())
        return client.get_or_create_collection(
            name, embedding_function=None, metadata={"hnsw:space": "cosine", "embedding": identity}
        )

    def ids(self, where: dict | None = None) -> set[str]:
        return {i for page in self._pages(where, []) for i in page["ids"]}

    def all(self, where: dict | None = None) -> list[StoredChunk]:
        return [
            StoredChunk(i, doc or "", meta or {})
            for page in self._pages(where, ["documents", "metadatas"])
            for i, doc, meta in zip(page["ids"], page["documents"], page["metadatas"], strict=True)
        ]

    @remote_errors
    def vectors(self, ids: Sequence[str]) -> np.ndarray:
        """The stored embeddings of ``ids``, one row each, in that order."""
        rows: dict[str, np.ndarray] = {}
        if not ids:
            return np.zeros((0, 0), np.float32)
        for start in range(0, len(ids), _PAGE):
            got = self._collection.get(ids=list(ids[start : start + _PAGE]), include=["embeddings"])
            rows.update(zip(got["ids"], np.asarray(got["embeddings"], dtype=np.float32), strict=True))
        return np.array([rows[i] for i in ids], dtype=np.float32).reshape(len(ids), -1)

    @remote_errors
    def _pages(self, where: dict | None, include: list) -> Iterator[GetResult]:
        """Everything matching ``where``, a page at a time: one ``get`` of ~100,000 chunks fails
        in Chroma's SQLite with "too many SQL variables"."""
        for offset in itertools.count(0, _PAGE):
            page = self._collection.get(where=where, include=include, limit=_PAGE, offset=offset)
            yield page
            if len(page["ids"]) < _PAGE:
                return

    @remote_errors
    def add(self, chunks: Sequence[Chunk], vectors: Sequence[list[float]] | None = None) -> None:
        """Store ``chunks``, embedding them unless their ``vectors`` are given."""
        for start in range(0, len(chunks), _BATCH):
            batch = chunks[start : start + _BATCH]
            given = vectors[start : start + _BATCH] if vectors is not None else None
            embedded = list(given) if given is not None else self.embeddings.embed_documents([c.index_text for c in batch])
            self._collection.upsert(
                ids=[c.id for c in batch],
                documents=[c.text for c in batch],
                embeddings=np.asarray(embedded, dtype=np.float32),
                metadatas=[_metadata(c) for c in batch],
            )

    @remote_errors
    def add_vectors(self, ids: Sequence[str], vectors: Sequence[list[float]], metadatas: Sequence[dict]) -> None:
        """Store vectors without texts (a semantic side whose texts live in the catalogue)."""
        for start in range(0, len(ids), _BATCH):
            self._collection.upsert(ids=list(ids[start : start + _BATCH]),
                                    embeddings=np.asarray(vectors[start : start + _BATCH], dtype=np.float32),
                                    metadatas=list(metadatas[start : start + _BATCH]))

    @remote_errors
    def update_metadata(self, ids: Sequence[str], metadatas: Sequence[dict]) -> None:
        self._collection.update(ids=list(ids), metadatas=list(metadatas))

    @remote_errors
    def delete(self, ids: Sequence[str]) -> None:
        for start in range(0, len(ids), _BATCH):
            self._collection.delete(ids=list(ids[start : start + _BATCH]))

    def search(self, query: str, k: int = 20, where: dict | None = None) -> list[tuple[str, float]]:
        """Best ``k`` ``(id, cosine similarity)`` pairs, best first."""
        return self.nearest(self.embeddings.embed_query(query), k, where)

    def nearest(self, vector: list[float], k: int, where: dict | None = None) -> list[tuple[str, float]]:
        """Best ``k`` ``(id, cosine similarity)`` pairs for an embedding, best first."""
        return self.nearest_many([vector], k, where)[0]

    @remote_errors
    def nearest_many(
        self, vectors: Sequence[list[float]], k: int, where: dict | None = None
    ) -> list[list[tuple[str, float]]]:
        """:meth:`nearest` for many embeddings in as few queries as possible.

        A metadata filter costs Chroma a scan of every stored chunk per query call, not per
        vector, so checking a whole document's chunks for near-duplicates is one call, not one
        per chunk.
        """
        found: list[list[tuple[str, float]]] = []
        for start in range(0, len(vectors), _QUERY_BATCH):
            result = self._collection.query(  # Chroma returns fewer than k when it holds fewer
                query_embeddings=np.asarray(vectors[start : start + _QUERY_BATCH], dtype=np.float32),
                n_results=k,
                where=where,
                include=["distances"],
            )
            found += [_similarities(ids, distances) for ids, distances in zip(result["ids"], result["distances"], strict=True)]
        return found


def _similarities(ids: list[str], distances: list[float] | None) -> list[tuple[str, float]]:
    return [(i, 1.0 - d) for i, d in zip(ids, distances or [], strict=True)]


def _metadata(chunk: Chunk) -> dict[str, str | int]:
    hints = {"hints": chunk.hints} if chunk.hints else {}
    return {"source": chunk.source, "title": chunk.title, "position": chunk.position, **hints, **chunk.metadata}


def stored(chunk: Chunk) -> StoredChunk:
    """The :class:`StoredChunk` the store will hold for ``chunk``."""
    return StoredChunk(chunk.id, chunk.text, _metadata(chunk))


def _collection_name(prefix: str, identity: str) -> str:
    slug = re.sub(r"[^a-zA-Z0-9._-]+", "-", identity).strip("-._")
    return f"{prefix}-{slug}"[:60].rstrip("-._")
