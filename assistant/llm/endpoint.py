"""The connection settings every OpenAI-compatible client of ours shares (chat and embeddings).

How long a user waits for the offline fallback is decided here: connecting gets its own short
limit, so an address that drops packets fails in seconds, while a slow model still has
``ASSISTANT_LLM_TIMEOUT`` between streamed pieces; a server that stops answering is asked once,
not once per retry (``transport.py``).
"""

from __future__ import annotations

from ..config import Settings

CONNECT_SECONDS = 10.0


def endpoint_options(settings: Settings) -> dict[str, object]:
    """Keyword arguments for ``ChatOpenAI`` / ``OpenAIEmbeddings``: where, who, how long, how often."""
    import httpx2

    from .transport import StallIsFinal

    return {
        "api_key": settings.api_key,
        "base_url": settings.openai_base_url,
        "timeout": httpx2.Timeout(settings.llm_timeout, connect=min(CONNECT_SECONDS, settings.llm_timeout)),
        "max_retries": settings.llm_max_retries,
        "http_client": StallIsFinal(),
    }
