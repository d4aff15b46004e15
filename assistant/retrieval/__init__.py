"""Retrieval: document loaders, Chinese-aware chunking, the Chroma vector store, BM25, hybrid
search and the knowledge base that keeps them in step.

Only this package imports ``chromadb``.
"""

from .chunking import Chunk, chunk_markdown
from .hybrid import HybridSearch, Reranker
from .knowledge_base import BUNDLED, COLLECTIONS, USER, AddResult, DocumentInfo, KnowledgeBase, SyncReport
from .library import DocumentLibrary
from .passage import Passage
from .remote import ChromaUnreachable
from .vector_store import VectorStore

__all__ = [
    "BUNDLED",
    "COLLECTIONS",
    "USER",
    "AddResult",
    "ChromaUnreachable",
    "Chunk",
    "DocumentInfo",
    "DocumentLibrary",
    "HybridSearch",
    "KnowledgeBase",
    "Passage",
    "Reranker",
    "SyncReport",
    "VectorStore",
    "chunk_markdown",
]
