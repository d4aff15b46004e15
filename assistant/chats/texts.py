"""Words of the chat page's conversations and ratings: the ``chats.…`` part of the one catalogue
(``assistant/i18n/catalog/chats.toml``), looked up without repeating the prefix."""

from __future__ import annotations

from ..i18n import t


def chat_text(key: str, language: str = "zh", **values: object) -> str:
    """The catalogue text ``chats.<key>`` in ``language``."""
    return t(f"chats.{key}", language, **values)
