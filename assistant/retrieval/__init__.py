"""Retrieval: Chinese-aware chunking, the Chroma vector store, BM25, and hybrid search.

Only this package imports ``chromadb``.
"""

from .chunking import Chunk, chunk_markdown
from .hybrid import HybridSearch
from .passage import Passage
from .playbooks import SyncReport, sync_playbooks
from .vector_store import VectorStore

__all__ = ["Chunk", "HybridSearch", "Passage", "SyncReport", "VectorStore", "chunk_markdown", "sync_playbooks"]
