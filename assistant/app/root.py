"""The composition root: real parts built once from the settings (the briefing use cases, the
conversations index).

Front ends get a :class:`Briefing` (through ``Assistant.briefing``) and call its use cases; tests
build the use cases themselves with fakes. Nothing is opened until a use case is first asked for,
and the chat client and its libraries are loaded only when a digest is narrated: the alert check
that follows every import needs neither.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from ..analytics.daylog import DayLogs
from ..briefing.store import BriefingStore
from ..config import Settings
from .alerts import Alerts

if TYPE_CHECKING:
    from ..briefing.narrate import Narrator
    from ..conversations import Conversations
    from ..conversations.topics import KnowledgeSearch
    from ..llm import ChatModel
    from .delivery import Delivery
    from .digests import Digests
    from .schedules import Schedules, Syncer, WeeklyReporter


class Briefing:
    """Digests, alerts, schedules and delivery for one workspace."""

    def __init__(self, settings: Settings, chat: Callable[[], ChatModel], weekly: WeeklyReporter | None = None,
                 sync: Syncer | None = None, now: Callable[[], datetime] | None = None) -> None:
        self.settings = settings
        self.chat = chat  # called when a digest is first narrated
        self.weekly = weekly
        self.sync = sync
        self.now = now or (lambda: datetime.now(ZoneInfo("Asia/Shanghai")))

    @cached_property
    def store(self) -> BriefingStore:
        return BriefingStore(self.settings.data_dir)

    @cached_property
    def reader(self) -> DayLogs:
        return DayLogs(self.settings.history_db)

    @cached_property
    def narrator(self) -> Narrator:
        from ..briefing.narrate import Narrator
        from ..llm import TokenCounter, context_window_for
        from ..prompts import load_prompt

        s = self.settings
        return Narrator(load_prompt(s.prompts_dir, "digest"), load_prompt(s.prompts_dir, "digest_map"), self.chat(),
                        TokenCounter.for_model(s.chat_model), s.context_window or context_window_for(s.chat_model),
                        s.max_output_tokens)

    @cached_property
    def digests(self) -> Digests:
        from .digests import Digests

        return Digests(self.reader, self.narrator, self.settings.language, self.now)

    @cached_property
    def alerts(self) -> Alerts:
        return Alerts(self.store, self.reader, self.now)

    @cached_property
    def delivery(self) -> Delivery:
        from .delivery import Delivery

        return Delivery(self.store, self.settings.pii_masking, now=self.now)

    @cached_property
    def schedules(self) -> Schedules:
        from .schedules import Schedules

        return Schedules(self.store, self.digests, self.alerts, self.delivery, self.weekly, self.sync,
                         self.settings.language, self.now)


def conversations_for(settings: Settings, knowledge: KnowledgeSearch | None = None) -> Conversations:
    """The conversations of the workspace ``settings`` names (what ``Assistant.conversations`` returns).

    Threads are searched with BM25 and the hash embedding offline, not with the semantic model:
    at 1,000,000 messages (33,000 threads) the model would need hours of background work for a
    gain the history questions (names, 发票, 退款 — the words people typed) barely need; the
    figures are in benchmarks/RESULTS.md (conversations_speed). A configured remote embedding
    is used as before.
    """
    from ..conversations import Conversations
    from ..llm import make_embeddings
    from ..llm.offline_embedding import OfflineHashEmbeddings

    embeddings = make_embeddings(settings) if settings.embedding_model else OfflineHashEmbeddings()
    return Conversations.at(settings.history_db, settings.chroma_dir, embeddings,
                            settings.chroma_url, knowledge)
