"""A retrieved passage: the text, where it came from, and how each search side ranked it."""

from __future__ import annotations

from dataclasses import dataclass, field

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
