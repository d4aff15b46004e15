"""Errors of the history store, in the shared tree so every skin prints them the same way.

Problems with an uploaded file are :class:`assistant.errors.InputError`; a :class:`HistoryError`
means the store itself cannot be used (a locked or damaged database file). A one-to-one chat is
refused with one wording in every format (:func:`private_chat`).
"""

from __future__ import annotations

from ..errors import AssistantError, InputError, ParseError

__all__ = ["PRIVATE_SKIP", "HistoryBusy", "HistoryError", "InputError", "ParseError", "private_chat"]

# why a one-to-one chat inside a multi-chat file was left out (the same words in every format)
PRIVATE_SKIP = "私聊（一对一），未导入；确需导入请加 --allow-private"


class HistoryError(AssistantError):
    """The history database cannot be opened, migrated or written."""


class HistoryBusy(HistoryError):
    """Another process (an import in a second window or terminal) holds the history file."""


def private_chat(file: str, who: str | None = None) -> InputError:
    """Every format refuses a one-to-one chat with these words; ``--allow-private`` imports it."""
    peer = f"（与「{who}」）" if who else ""
    return InputError(
        f"{file} 是私聊{peer}，不是群聊。群运营助手只统计群聊，私聊默认不导入；"
        "确需导入请加 --allow-private（按两人群导入）。"
    )
