"""Errors of the history store, in the shared tree so every skin prints them the same way.

Problems with an uploaded file are :class:`assistant.errors.InputError`; a :class:`HistoryError`
means the store itself cannot be used (a locked or damaged database file). A one-to-one chat is
refused with one wording in every format (:func:`private_chat`).
"""

from __future__ import annotations

from ..errors import AssistantError, InputError, ParseError
from ..i18n import t

__all__ = ["PRIVATE_SKIP", "HistoryBusy", "HistoryError", "InputError", "MissingField", "ParseError", "private_chat"]

# why a one-to-one chat inside a multi-chat file was left out (the same words in every format; the
# Chinese text, as a Chinese workspace counts it)
PRIVATE_SKIP = t("import.skip.private")


class HistoryError(AssistantError):
    """The history database cannot be opened, migrated or written."""


class HistoryBusy(HistoryError):
    """Another process (an import in a second window or terminal) holds the history file."""


def private_chat(file: str, who: str | None = None, language: str = "zh") -> InputError:
    """Every format refuses a one-to-one chat with these words; ``--allow-private`` imports it."""
    peer = t("import.error.private_with", language, who=who) if who else ""
    return InputError(t("import.error.private", language, file=file, peer=peer))


class MissingField(ParseError):
    """An export's JSON object lacks a field its format promises; worded in the workspace language
    where the import report is made (the object that found it knows no language)."""

    def __init__(self, field: object) -> None:
        self.field = field
        super().__init__(t("import.error.missing_field", field=repr(field)))
