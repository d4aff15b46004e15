"""The persistent Chroma collection that holds chunk vectors, texts and their sources.

Vectors are always computed by our own embedding and passed in: Chroma's default embedding
function downloads a model, so collections are created with ``embedding_function=None``. Each
embedding gets its own collection (the name carries its identity), so switching models never
mixes vector spaces; the new collection is filled from sources on the next sync.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import chromadb
from chromadb.config import Settings as ChromaSettings
from langchain_core.embeddings import Embeddings

from .chunking import Chunk

_BATCH = 256


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
    def body(self) -> str:
        """The text without its heading-path line."""
        title = self.title
        return self.text[len(title) + 1 :] if title and self.text.startswith(title) else self.text


class VectorStore:
    """One Chroma collection of chunks for one embedding."""

    def __init__(self, path: Path, embeddings: Embeddings, prefix: str = "kb") -> None:
        self.embeddings = embeddings
        identity = getattr(embeddings, "identity", type(embeddings).__name__)
        client = chromadb.PersistentClient(
            path=str(path), settings=ChromaSettings(anonymized_telemetry=False)
        )
        self._collection = client.get_or_create_collection(
            _collection_name(prefix, identity),
            embedding_function=None,
            metadata={"hnsw:space": "cosine", "embedding": identity},
        )

    def ids(self, where: dict | None = None) -> set[str]:
        return set(self._collection.get(where=where, include=[])["ids"])

    def all(self, where: dict | None = None) -> list[StoredChunk]:
        got = self._collection.get(where=where, include=["documents", "metadatas"])
        return [
            StoredChunk(i, doc or "", meta or {})
            for i, doc, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
        ]

    def add(self, chunks: Sequence[Chunk], vectors: Sequence[list[float]] | None = None) -> None:
        """Store ``chunks``, embedding them unless their ``vectors`` are given."""
        for start in range(0, len(chunks), _BATCH):
            batch = chunks[start : start + _BATCH]
            given = vectors[start : start + _BATCH] if vectors is not None else None
            embedded = list(given) if given is not None else self.embeddings.embed_documents([c.index_text for c in batch])
            self._collection.upsert(
                ids=[c.id for c in batch],
                documents=[c.text for c in batch],
                embeddings=embedded,
                metadatas=[_metadata(c) for c in batch],
            )

    def update_metadata(self, ids: Sequence[str], metadatas: Sequence[dict]) -> None:
        self._collection.update(ids=list(ids), metadatas=list(metadatas))

    def delete(self, ids: Sequence[str]) -> None:
        for start in range(0, len(ids), _BATCH):
            self._collection.delete(ids=list(ids[start : start + _BATCH]))

    def search(self, query: str, k: int = 20, where: dict | None = None) -> list[tuple[str, float]]:
        """Best ``k`` ``(id, cosine similarity)`` pairs, best first."""
        return self.nearest(self.embeddings.embed_query(query), k, where)

    def nearest(self, vector: list[float], k: int, where: dict | None = None) -> list[tuple[str, float]]:
        """Best ``k`` ``(id, cosine similarity)`` pairs for an embedding, best first."""
        count = self._collection.count()
        if not count:
            return []
        result = self._collection.query(
            query_embeddings=[vector],
            n_results=min(k, count),
            where=where,
            include=["distances"],
        )
        return [(i, 1.0 - d) for i, d in zip(result["ids"][0], result["distances"][0], strict=True)]


def _metadata(chunk: Chunk) -> dict[str, str | int]:
    hints = {"hints": chunk.hints} if chunk.hints else {}
    return {"source": chunk.source, "title": chunk.title, "position": chunk.position, **hints, **chunk.metadata}


def stored(chunk: Chunk) -> StoredChunk:
    """The :class:`StoredChunk` the store will hold for ``chunk``."""
    return StoredChunk(chunk.id, chunk.text, _metadata(chunk))


def _collection_name(prefix: str, identity: str) -> str:
    slug = re.sub(r"[^a-zA-Z0-9._-]+", "-", identity).strip("-._")
    return f"{prefix}-{slug}"[:60].rstrip("-._")
