"""The composition root: real parts built once from the settings (the briefing use cases, the
conversations index, the reranker, the weekly report's collaborators).

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
    from ..analytics import Analytics
    from ..briefing.narrate import Narrator
    from ..briefing.senders import Outgoing
    from ..conversations import Conversations
    from ..conversations.topics import KnowledgeSearch
    from ..llm import ChatModel
    from ..llm.rerank import Reranker
    from ..reports import WeeklyReport
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
        return BriefingStore(self.settings.data_dir, self.settings.language)

    @cached_property
    def reader(self) -> DayLogs:
        return DayLogs(self.settings.history_db, self.settings.language)

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
        return Alerts(self.store, self.reader, self.now, self.settings.language)

    @cached_property
    def delivery(self) -> Delivery:
        from .delivery import Delivery

        return Delivery(self.store, self.settings.pii_masking, now=self.now, language=self.settings.language,
                        folder_roots=self.settings.folder_roots)

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
                            settings.chroma_url, knowledge, settings.language)


def reranker_for(settings: Settings, chat: ChatModel) -> Reranker | None:
    """The configured reranker, or ``None`` when reranking is off or cannot run (``chat``: the chat
    model scores with ``prompts/rerank.yaml``; any other name: a ``/rerank`` endpoint)."""
    from ..llm.privacy import PrivacyPolicy
    from ..llm.rerank import CHAT, ChatReranker, EndpointReranker
    from ..prompts import load_prompt

    model = settings.rerank_model
    if not model or not settings.llm_enabled:
        return None
    if model == CHAT:
        return ChatReranker(chat, load_prompt(settings.prompts_dir, "rerank")) if not chat.offline else None
    return EndpointReranker(settings.openai_base_url, settings.api_key, model, settings.llm_timeout,
                            PrivacyPolicy.from_settings(settings))


def weekly_report_for(settings: Settings, analytics: Analytics, chat: ChatModel, group: str | None = None,
                      week: str | None = None, search: KnowledgeSearch | None = None) -> WeeklyReport:
    """The weekly report (see :func:`assistant.reports.weekly_report`) with the workspace's prompt and language."""
    from ..prompts import load_prompt
    from ..reports import weekly_report

    return weekly_report(analytics, chat, load_prompt(settings.prompts_dir, "weekly_report"), settings.language,
                         group, week, search)


def weekly_message(report: WeeklyReport) -> Outgoing:
    """A weekly report as a scheduled delivery sends it (Markdown text, HTML, the HTML file attached)."""
    from ..briefing.senders import Outgoing
    from ..reports import export

    text, html = export(report, ".md").decode("utf-8"), export(report, ".html")
    return Outgoing(report.title, text, html.decode("utf-8"), text, (f"{report.week}.html", html, "text/html"))
