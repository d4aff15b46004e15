"""Saved chat conversations: what the operator asked the assistant, its answers, and their ratings.

Not to be confused with ``assistant/conversations`` (the threads of the imported group chats).
The use cases are in :mod:`assistant.app.chats`; this package holds the store and its records.
"""

from .store import ChatStore, Conversation, Turn

__all__ = ["ChatStore", "Conversation", "Turn"]
