"""Language models: the OpenAI-compatible chat seam, embeddings, tokens and budgets.

Only this package imports ``openai`` and ``langchain_openai``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import names, public

if TYPE_CHECKING:
    from .budget import ContextBudget, Fitted
    from .chat import ChatClient, make_chat_client
    from .embeddings import make_embeddings
    from .model import OFFLINE, ChatModel, ChatResult, OfflineModel, Response, Usage, respond
    from .tokens import TokenCounter, context_window_for

__getattr__, __all__ = public(__name__, {
    **names(".budget", "ContextBudget", "Fitted"),
    **names(".chat", "ChatClient", "make_chat_client"),
    **names(".embeddings", "make_embeddings"),
    **names(".model", "OFFLINE", "ChatModel", "ChatResult", "OfflineModel", "Response", "Usage", "respond"),
    **names(".tokens", "TokenCounter", "context_window_for"),
})
