"""群运营助手: a retrieval-augmented assistant for community managers.

The public API: build an :class:`Assistant` from :class:`Settings` and ask it questions.

    >>> from assistant import Assistant, load_settings
    >>> answer = Assistant.from_settings(load_settings()).ask("退群率多少算正常？")

Names are resolved on first use (PEP 562): importing one part of the package, as every CLI command
does, must not pull in the LLM client, the vector store and the analytics, so `--help` and commands
that need no model start in well under a second.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lazy import public

if TYPE_CHECKING:
    from .config import Settings, load_settings
    from .errors import AssistantError, ConfigError, EmbeddingError, InputError, KnowledgeError, LLMError, PromptError
    from .jobs import Answer, AnswerStream
    from .service import Assistant

__getattr__, __all__ = public(__name__, {
    "Answer": ".jobs", "AnswerStream": ".jobs", "Assistant": ".service", "Settings": ".config",
    "load_settings": ".config", "AssistantError": ".errors", "ConfigError": ".errors", "EmbeddingError": ".errors",
    "InputError": ".errors", "KnowledgeError": ".errors", "LLMError": ".errors", "PromptError": ".errors",
})  # fmt: skip
