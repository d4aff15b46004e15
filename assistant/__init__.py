"""群运营助手: a retrieval-augmented assistant for community managers.

The public API: build an :class:`Assistant` from :class:`Settings` and ask it questions.

    >>> from assistant import Assistant, load_settings
    >>> answer = Assistant.from_settings(load_settings()).ask("退群率多少算正常？")
"""

from .config import Settings, load_settings
from .errors import (
    AssistantError,
    ConfigError,
    EmbeddingError,
    InputError,
    KnowledgeError,
    LLMError,
    PromptError,
)
from .jobs import Answer, AnswerStream
from .service import Assistant

__all__ = [
    "Answer",
    "AnswerStream",
    "Assistant",
    "AssistantError",
    "ConfigError",
    "EmbeddingError",
    "InputError",
    "KnowledgeError",
    "LLMError",
    "PromptError",
    "Settings",
    "load_settings",
]
