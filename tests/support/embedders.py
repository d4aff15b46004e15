"""In-process stand-ins for the semantic model, for tests of the machinery around it.

``GatedSemantic`` behaves like a slow local model (``semantic`` and ``background``): its vectors
are the hash embedding's, folded to a small dimension, and it can be held back with a gate so a
test can look at the index while vectors are still being computed.
"""

from __future__ import annotations

import threading

import numpy as np

from assistant.llm.offline_embedding import OfflineHashEmbeddings


class GatedSemantic:
    semantic = True
    background = True
    label = "gated test embedding"

    def __init__(self, dimensions: int = 64, name: str = "gated") -> None:
        self.dimensions = dimensions
        self.identity = f"{name}-{dimensions}"
        self.gate = threading.Event()
        self.gate.set()
        self.documents = 0
        self._hash = OfflineHashEmbeddings(dimensions)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.gate.wait(10)
        self.documents += len(texts)
        return self._hash.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self._hash.embed_query(text)


def unit(vector: list[float]) -> np.ndarray:
    array = np.asarray(vector, np.float32)
    return array / (np.linalg.norm(array) or 1.0)
