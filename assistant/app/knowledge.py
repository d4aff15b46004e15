"""The knowledge base as the knowledge page and the ``kb`` commands use it: what is stored, how far
the semantic side is, a retrieval test and a batch hit test.

Adding, removing and listing documents go through the façade (``Assistant.add_documents`` …);
the rest goes through :class:`Knowledge` instead of reaching into ``Assistant.knowledge``. The
retrieval package only has to offer :class:`KnowledgeStore`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ..retrieval.evaluation import Case, EvaluationReport
    from ..retrieval.filler import FillProgress, VectorFiller
    from ..retrieval.relevance import Retrieved
    from ..retrieval.vector_store import StoredChunk


class KnowledgeStore(Protocol):
    """What the knowledge base offers (``assistant.retrieval.KnowledgeBase``)."""

    search_index: Any  # the hybrid search the hit test scores side by side
    filler: VectorFiller | None
    library: Any  # the user's documents as uploaded

    def fill_progress(self) -> FillProgress | None: ...
    def chunks_of(self, name: str) -> list[StoredChunk]: ...
    def retrieve(self, query: str, k: int = 5, collections: Collection[str] | None = None,
                 focus: str = "") -> Retrieved: ...


class Knowledge:
    """The playbooks and the user's documents, for looking inside and testing retrieval."""

    def __init__(self, store: KnowledgeStore) -> None:
        self.store = store

    def fill_progress(self) -> FillProgress | None:
        """How far the semantic side is (``None`` when there is no separate semantic side)."""
        return self.store.fill_progress()

    @property
    def filler(self) -> VectorFiller | None:
        """The background filler of a slow local model's vectors (``None`` when there is none)."""
        return self.store.filler

    def chunks_of(self, name: str) -> list[StoredChunk]:
        """The stored chunks of one document, in order."""
        return self.store.chunks_of(name)

    def retrieve(self, query: str, k: int = 5, collections: Collection[str] | None = None, focus: str = "") -> Retrieved:
        """Passages for ``query`` and whether anything relevant was found (``focus``: a follow-up's own words)."""
        return self.store.retrieve(query, k, collections, focus=focus)

    def evaluate(self, cases: Iterable[Case], collections: Collection[str] | None = None) -> EvaluationReport:
        """Hit@1, hit@3 and MRR of each side (hybrid, vectors, BM25) on a sheet of questions."""
        from ..retrieval.evaluation import evaluate

        return evaluate(self.store.search_index, cases, collections)
