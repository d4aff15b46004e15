"""The connection settings every OpenAI-compatible client of ours shares (chat and embeddings)."""

from __future__ import annotations

from ..config import Settings


def endpoint_options(settings: Settings) -> dict[str, object]:
    """Keyword arguments for ``ChatOpenAI`` / ``OpenAIEmbeddings``: where, who, how long, how often."""
    return {
        "api_key": settings.api_key,
        "base_url": settings.openai_base_url,
        "timeout": settings.llm_timeout,
        "max_retries": settings.llm_max_retries,
    }
