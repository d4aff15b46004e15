"""The small exception tree every layer raises and every skin translates.

Messages are written for the community manager who sees them: what went wrong and how to fix it.
The CLI prints them without a traceback; the Streamlit pages show them with ``st.error``.

    AssistantError
    ├── ConfigError      a setting is missing or malformed
    ├── InputError       what the user typed or uploaded cannot be used
    │   └── ParseError   a file is not what its format promises (a missing field, a wrong shape)
    ├── PromptError      a prompt file is broken or a variable is missing
    ├── KnowledgeError   playbooks cannot be read or indexed
    ├── EmbeddingError   the configured embedding endpoint failed
    ├── LLMError         the chat endpoint failed after its retries
    └── DeliveryError    a webhook, mail server or folder refused a delivery after retries
"""

from __future__ import annotations


class AssistantError(Exception):
    """Base of every error the assistant reports to its user."""


class ConfigError(AssistantError):
    """A setting is missing or malformed."""


class InputError(AssistantError):
    """What the user typed or uploaded cannot be used as it is."""


class ParseError(InputError):
    """A file is not what its format promises: a field is missing or has the wrong shape.

    Parsers raise it themselves; a ``KeyError`` or ``TypeError`` escaping a parser is a bug and
    is never reported as a malformed file.
    """


class PromptError(AssistantError):
    """A prompt file is missing, malformed, or rendered without its variables."""


class KnowledgeError(AssistantError):
    """Playbooks cannot be read, chunked or indexed."""


class EmbeddingError(AssistantError):
    """The configured OpenAI-compatible embedding endpoint failed."""


class LLMError(AssistantError):
    """The chat endpoint failed after its retries; callers fall back to the offline composer."""


class DeliveryError(AssistantError):
    """A digest or alert could not be delivered to a channel (webhook, e-mail, folder) after retries."""
