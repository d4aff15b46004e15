"""Retrieval: document loaders, Chinese-aware chunking, the Chroma vector store, BM25, hybrid
search and the knowledge base that keeps them in step.

Only this package imports ``chromadb``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import public

if TYPE_CHECKING:
    from .chunking import Chunk, chunk_markdown
    from .hybrid import HybridSearch, Reranker
    from .knowledge_base import AddResult, DocumentInfo, KnowledgeBase, SyncReport
    from .library import DocumentLibrary
    from .passage import BUNDLED, COLLECTIONS, USER, Passage
    from .remote import ChromaUnreachable
    from .vector_store import VectorStore

__getattr__, __all__ = public(__name__, {
    "Chunk": ".chunking",
    "chunk_markdown": ".chunking",
    "HybridSearch": ".hybrid",
    "Reranker": ".hybrid",
    "BUNDLED": ".passage",
    "COLLECTIONS": ".passage",
    "USER": ".passage",
    "AddResult": ".knowledge_base",
    "DocumentInfo": ".knowledge_base",
    "KnowledgeBase": ".knowledge_base",
    "SyncReport": ".knowledge_base",
    "DocumentLibrary": ".library",
    "Passage": ".passage",
    "ChromaUnreachable": ".remote",
    "VectorStore": ".vector_store",
})
