"""Conversations: imported group chats cut into threads, indexed for search, mined for topics.

Answers about what happened in the groups ("有人问过发票吗?") cite the messages they rest on;
aggregate questions are answered from the history store, not from top-k retrieval.
"""

from .context import Context
from .index import ConversationIndex, Hit
from .service import Conversations, SyncReport, for_settings
from .windows import Window, is_chatter, split

__all__ = ["Context", "ConversationIndex", "Conversations", "Hit", "SyncReport", "Window", "for_settings", "is_chatter", "split"]
