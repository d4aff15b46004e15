"""Language models: the OpenAI-compatible chat seam, embeddings, tokens and budgets.

Only this package imports ``openai`` and ``langchain_openai``.
"""

from .budget import ContextBudget, Fitted
from .chat import ChatClient, ChatResult, make_chat_client
from .embeddings import make_embeddings
from .tokens import TokenCounter, context_window_for

__all__ = [
    "ChatClient",
    "ChatResult",
    "ContextBudget",
    "Fitted",
    "TokenCounter",
    "context_window_for",
    "make_chat_client",
    "make_embeddings",
]
