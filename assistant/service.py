"""The Assistant façade: the one place where concrete collaborators are built and wired.

The Streamlit pages and the CLI only ever talk to :class:`Assistant`. Collaborators are built on
first use, so a command that only imports history never opens the vector index, and tests can
pass their own collaborators in instead.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

from .config import Settings
from .errors import ConfigError, InputError
from .jobs import OFFLINE, Answer, AnswerJob, AnswerStream
from .llm import ChatClient, ContextBudget, TokenCounter, context_window_for, make_chat_client, make_embeddings
from .prompts import load_prompt
from .retrieval import HybridSearch, Passage, SyncReport, VectorStore, sync_playbooks

MAX_QUESTION_CHARS = 4_000


class Assistant:
    """Answers questions about community operations from the playbooks, online or offline."""

    def __init__(self, settings: Settings, *, chat: ChatClient | None, search: HybridSearch | None = None) -> None:
        self.settings = settings
        self.chat = chat
        self._search = search
        self._lock = threading.RLock()  # Streamlit sessions share one Assistant
        self.index_report: SyncReport | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> Assistant:
        """The façade for ``settings``; parts that touch disk are built when first used."""
        _ensure_dir(settings.data_dir)
        return cls(settings, chat=make_chat_client(settings))

    @cached_property
    def search_index(self) -> HybridSearch:
        """Hybrid search over the playbooks, brought up to date with ``knowledge/`` on first use."""
        with self._lock:
            if self._search is None:
                store = VectorStore(self.settings.chroma_dir, make_embeddings(self.settings))
                self.index_report = sync_playbooks(store, self.settings.knowledge_dir)
                self._search = HybridSearch(store)
            return self._search

    @cached_property
    def _answer_job(self) -> AnswerJob:
        settings = self.settings
        return AnswerJob(
            prompt=load_prompt(settings.prompts_dir, "answer"),
            search=self.search_index.search,
            chat=self.chat,
            counter=TokenCounter.for_model(settings.chat_model),
            budget=ContextBudget(
                window=settings.context_window or context_window_for(settings.chat_model),
                reserve_output=settings.max_output_tokens,
            ),
            language=settings.language,
        )

    @property
    def mode(self) -> str:
        """``"offline"`` or the chat model's name."""
        return self.chat.model_name if self.chat else OFFLINE

    @property
    def is_offline(self) -> bool:
        return self.mode == OFFLINE

    def stream(self, question: str, history: Sequence[tuple[str, str]] = ()) -> AnswerStream:
        """Start answering; iterate the result for text, then read its ``answer``."""
        return self._answer_job.stream(_checked(question), history)

    def ask(self, question: str, history: Sequence[tuple[str, str]] = ()) -> Answer:
        """Answer ``question`` completely (the CLI's path)."""
        stream = self.stream(question, history)
        for _ in stream:
            pass
        assert stream.answer is not None
        return stream.answer

    def search(self, query: str, k: int = 5) -> list[Passage]:
        return self.search_index.search(query, k)

    def reindex(self) -> SyncReport:
        """Bring the bundled playbooks' index up to date (changed files only)."""
        with self._lock:
            if self._search is None:
                self.search_index  # noqa: B018 - building it syncs
                assert self.index_report is not None
                return self.index_report
            report = sync_playbooks(self.search_index.store, self.settings.knowledge_dir)
            self.search_index.refresh()
            self.index_report = report
            return report


def _checked(question: str) -> str:
    question = question.strip()
    if not question:
        raise InputError("问题是空的，请输入要问的内容。")
    if len(question) > MAX_QUESTION_CHARS:
        raise InputError(
            f"问题太长（{len(question)} 字，上限 {MAX_QUESTION_CHARS} 字）。"
            "请只保留要问的部分；大段聊天记录请用导入功能。"
        )
    return question


def _ensure_dir(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"无法创建数据目录 {path}: {exc}。请把 ASSISTANT_DATA_DIR 设为可写的目录。") from exc
