"""Conversations: imported group chats cut into threads, indexed for search, mined for topics.

Answers about what happened in the groups ("有人问过发票吗?") cite the messages they rest on;
aggregate questions are answered from the history store, not from top-k retrieval.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import names, public

if TYPE_CHECKING:
    from .context import Context
    from .index import ConversationIndex, Hit
    from .service import Conversations, ThreadSync
    from .windows import Window, is_chatter, split

__getattr__, __all__ = public(__name__, {
    **names(".context", "Context"),
    **names(".index", "ConversationIndex", "Hit"),
    **names(".service", "Conversations", "ThreadSync"),
    **names(".windows", "Window", "is_chatter", "split"),
})
