"""What a loader produces: the chunks of one document, and what was learnt while reading it."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..chunking import Chunk


@dataclass(frozen=True)
class LoadedDocument:
    """A parsed document: its kind (md, txt, pdf …), the encoding found, and its chunks."""

    name: str
    kind: str
    chunks: list[Chunk]
    encoding: str | None = None
    notes: list[str] = field(default_factory=list)
