"""Choosing the embedding: the offline hashing embedding, or an OpenAI-compatible model when set.

Passages and questions sent to a remote embedding model pass the same privacy policy as chat:
a phone number in an uploaded document or a chat message never leaves in clear.
"""

from __future__ import annotations

from langchain_core.embeddings import Embeddings

from ..config import Settings
from ..errors import EmbeddingError
from .endpoint import endpoint_options
from .offline_embedding import OfflineHashEmbeddings
from .privacy import PrivacyPolicy


class RemoteEmbeddings(Embeddings):
    """An OpenAI-compatible embedding endpoint whose failures become :class:`EmbeddingError`."""

    def __init__(self, settings: Settings) -> None:
        from langchain_openai import OpenAIEmbeddings

        self.identity = f"remote-{settings.embedding_model}"
        self._model = settings.embedding_model
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
            raise EmbeddingError(
                f"嵌入模型 {self._model} 调用失败 ({type(exc).__name__}: {exc})。"
                "请检查 OPENAI_BASE_URL / OPENAI_API_KEY，"
                "或清空 ASSISTANT_EMBEDDING_MODEL 改用离线嵌入。"
            ) from exc


def make_embeddings(settings: Settings) -> Embeddings:
    """The configured embedding; every embedding here exposes an ``identity`` string."""
    if settings.embedding_model:
        return RemoteEmbeddings(settings)
    return OfflineHashEmbeddings()
