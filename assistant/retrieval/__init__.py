"""Retrieval: document loaders, Chinese-aware chunking, the Chroma vector store, BM25, hybrid
search and the knowledge base that keeps them in step.

Only this package imports ``chromadb``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import names, public

if TYPE_CHECKING:
    from .chunking import Chunk, chunk_markdown
    from .hybrid import HybridSearch, Reranker
    from .knowledge_base import AddResult, DocumentInfo, KnowledgeBase, SyncReport
    from .library import DocumentLibrary
    from .passage import BUNDLED, COLLECTIONS, USER, Passage
    from .remote import ChromaUnreachable
    from .vector_store import VectorStore

__getattr__, __all__ = public(__name__, {
    **names(".chunking", "Chunk", "chunk_markdown"),
    **names(".hybrid", "HybridSearch", "Reranker"),
    **names(".knowledge_base", "AddResult", "DocumentInfo", "KnowledgeBase", "SyncReport"),
    **names(".library", "DocumentLibrary"),
    **names(".passage", "BUNDLED", "COLLECTIONS", "USER", "Passage"),
    **names(".remote", "ChromaUnreachable"),
    **names(".vector_store", "VectorStore"),
})
