"""A retrieved passage: the text, where it came from, and how each search side ranked it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..i18n import t

if TYPE_CHECKING:
    from .vector_store import StoredChunk

SNIPPET_CHARS = 200
BUNDLED, USER = "bundled", "user"  # the two collections a passage can come from
COLLECTIONS = (BUNDLED, USER)


@dataclass(frozen=True)
class Passage:
    """One hit of a search, with its provenance."""

    id: str
    source: str
    title: str
    body: str
    score: float
    found_by: frozenset[str] = field(default_factory=frozenset)
    vector_score: float | None = None
    bm25_score: float | None = None
    collection: str = ""
    hints: str = ""  # the section's hidden search words (what operators call it); never shown

    @property
    def snippet(self) -> str:
        flat = " ".join(self.body.split())
        return flat if len(flat) <= SNIPPET_CHARS else flat[: SNIPPET_CHARS - 1] + "…"

    def as_source(self) -> dict[str, str]:
        """The citation shape used by the CLI's ``--json`` and the chat page."""
        return {"source": self.source, "title": self.title, "snippet": self.snippet}


def passage_of(chunk: StoredChunk, score: float, vector: float | None, bm25: float | None, language: str) -> Passage:
    """The passage a search returns for a stored chunk, with each side's score (``None``: that
    side did not find it); a PDF page is named in the title, in ``language``."""
    page = chunk.metadata.get("page")
    return Passage(
        id=chunk.id,
        source=str(chunk.metadata.get("source", "")),
        title=t("kb.page_title", language, title=chunk.title, page=page) if page else chunk.title,
        body=chunk.body,
        score=score,
        found_by=frozenset(side for side, s in (("vector", vector), ("bm25", bm25)) if s is not None),
        vector_score=vector,
        bm25_score=bm25,
        collection=str(chunk.metadata.get("collection", "")),
        hints=str(chunk.metadata.get("hints", "")),
    )
