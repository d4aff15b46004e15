"""The group chats as threads: search what was said, show a cited message in its conversation,
list the recurring questions or complaints.

Pages and CLI commands call :class:`Threads` instead of reaching into ``Assistant.conversations``;
the conversations package only has to offer :class:`ThreadIndex`. Results are its plain records
(hits, a context, topics).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..conversations.context import Context
    from ..conversations.index import Hit
    from ..conversations.topics import Topic

Progress = Callable[[int, int], None]


class ThreadIndex(Protocol):
    """What the conversations offer (``assistant.conversations.Conversations``)."""

    def ensure_synced(self, progress: Progress | None = None) -> None: ...
    def search(self, query: str, k: int = 5, group: str | None = None, since: str | date | None = None,
               until: str | date | None = None) -> list[Hit]: ...
    def context(self, message_id: str, group: str | None = None, before: int = ..., after: int = ...) -> Context: ...
    def context_at(self, group: str | None, at: str, sender: str | None = None, before: int = ...,
                   after: int = ...) -> Context: ...
    def topics(self, group: str | None = None, weeks: int = 4, kind: str = ..., min_count: int = 2) -> list[Topic]: ...


class Threads:
    """What was said in the imported groups, with the messages to prove it."""

    def __init__(self, index: ThreadIndex) -> None:
        self.index = index

    def search(self, query: str, k: int = 5, group: str | None = None, since: str | None = None,
               until: str | None = None, progress: Progress | None = None) -> list[Hit]:
        """The conversations about ``query``; the index is brought up to date first (``progress``
        shows how far, after an import)."""
        if progress:
            self.index.ensure_synced(progress=progress)
        return self.index.search(query, k, group, since, until)

    def context(self, message_id: str, group: str | None = None, before: int | None = None,
                after: int | None = None) -> Context:
        """The messages around a cited one, as members saw them (default: the index's span)."""
        from ..conversations.context import SPAN

        return self.index.context(message_id, group, SPAN if before is None else before, SPAN if after is None else after)

    def context_at(self, group: str | None, at: str, sender: str | None = None, before: int | None = None,
                   after: int | None = None) -> Context:
        """The same, for a message named as people read it: ``group``, local minute ``at``
        (``YYYY-MM-DD HH:MM``) and, when several share that minute, ``sender``; ``others`` counts the
        rest of the minute."""
        from ..conversations.context import SPAN

        return self.index.context_at(group, at, sender, SPAN if before is None else before,
                                     SPAN if after is None else after)

    def topics(self, group: str | None = None, weeks: int = 4, complaints: bool = False, min_count: int = 2) -> list[Topic]:
        """Recurring member questions (or complaints), each checked against the knowledge base."""
        from ..conversations.topics import COMPLAINTS, QUESTIONS

        return self.index.topics(group, weeks, COMPLAINTS if complaints else QUESTIONS, min_count)
