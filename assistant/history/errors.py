"""Errors of the history store, in the shared tree so every skin prints them the same way.

Problems with an uploaded file are :class:`assistant.errors.InputError`; a :class:`HistoryError`
means the store itself cannot be used (a locked or damaged database file).
"""

from __future__ import annotations

from ..errors import AssistantError, InputError

__all__ = ["HistoryBusy", "HistoryError", "InputError"]


class HistoryError(AssistantError):
    """The history database cannot be opened, migrated or written."""


class HistoryBusy(HistoryError):
    """Another process (an import in a second window or terminal) holds the history file."""
