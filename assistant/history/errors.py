"""Errors of the history store, in the shared tree so every skin prints them the same way.

Problems with an uploaded file are :class:`assistant.errors.InputError`; a :class:`HistoryError`
means the store itself cannot be used (a locked or damaged database file). A one-to-one chat is
refused with one wording in every format (:func:`private_chat`).
"""

from __future__ import annotations

from ..errors import AssistantError, InputError, ParseError
from ..i18n import t

__all__ = ["PRIVATE_SKIP", "HistoryBusy", "HistoryError", "InputError", "ParseError", "private_chat"]

# why a one-to-one chat inside a multi-chat file was left out (the same words in every format)
PRIVATE_SKIP = "私聊（一对一），未导入；确需导入请加 --allow-private"


class HistoryError(AssistantError):
    """The history database cannot be opened, migrated or written."""


class HistoryBusy(HistoryError):
    """Another process (an import in a second window or terminal) holds the history file."""


def private_chat(file: str, who: str | None = None, language: str = "zh") -> InputError:
    """Every format refuses a one-to-one chat with these words; ``--allow-private`` imports it."""
    peer = t("import.error.private_with", language, who=who) if who else ""
    return InputError(t("import.error.private", language, file=file, peer=peer))
