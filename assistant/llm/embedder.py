"""What every embedding of ours is: a small protocol, so search code and tests never depend on a model.

Three implementations ship: the multilingual semantic model (``e5_embedding.py``, the offline
default), the character-hash embedding (``offline_embedding.py``, the fallback where the model
cannot load) and an OpenAI-compatible endpoint (``embeddings.py``). Tests pass in-process fakes.

``identity`` names the vector space (model, version and dimension): vectors of two identities are
never mixed, because the identity is part of the Chroma collection's name. ``semantic`` says
whether the embedding understands paraphrases and other languages (a model) or only shares
characters (the hash): search weighs the two kinds differently and keeps the lexical one as the
catalogue that is written at once, while a semantic one may fill in later.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class Embedder(Protocol):
    """Turns passages and questions into vectors of one space."""

    identity: str
    semantic: bool

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Vectors of passages (a model may prefix them differently from questions)."""
        ...

    def embed_query(self, text: str) -> list[float]:
        """The vector of a question."""
        ...


def describe(embedder: object) -> str:
    """A short human name of the embedding, for the mode badge."""
    return str(getattr(embedder, "label", "") or getattr(embedder, "identity", type(embedder).__name__))
