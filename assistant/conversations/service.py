"""The conversations façade: keeps the window index in step with the history and searches it.

The index is brought up to date on demand: before a search or when asked after an import, the
groups are re-cut into windows and only the differences are written (see ``index.py``). Whether
anything can have changed is judged from the history file's version (modification time and size),
kept in memory and, after a full sync, in a small marker file beside the index: a search right after
another search, or a CLI search in a new process after ``history index``, costs no re-read of the
history. The marker also records how many windows the index held, so an index emptied or rebuilt
behind its back is synced again rather than trusted.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property
from pathlib import Path
from zoneinfo import ZoneInfo

from ..errors import InputError
from ..i18n import t
from ..retrieval.vector_store import VectorStore
from . import context, topics, windows
from . import messages_file as source
from .context import SPAN, Context
from .index import PREFIX, ConversationIndex, Hit
from .topics import QUESTIONS, KnowledgeSearch, Topic

DEFAULT_TZ = "Asia/Shanghai"
Progress = Callable[[int, int], None]  # (messages done, messages in all)
_EVERY = 200  # windows between progress reports


@dataclass(frozen=True)
class ThreadSync:
    """What one sync of the threads index did (the knowledge base's own is ``retrieval.SyncReport``)."""

    groups: int
    added: int
    removed: int
    kept: int


class Conversations:
    """Conversation windows of every imported group: index, search, topics."""

    def __init__(self, db_path: Path, store: Callable[[], VectorStore], knowledge: KnowledgeSearch | None = None,
                 marker: Path | None = None, language: str = "zh") -> None:
        self.db_path = Path(db_path)
        self.language = language  # of the fix-it errors (an empty search, an unknown group, a bad date)
        self._store = store
        self.knowledge = knowledge
        self._marker = marker
        self._lock = threading.RLock()
        self._synced: str | None = None

    @classmethod
    def at(cls, db_path: Path, chroma_dir: Path, embeddings, url: str = "",  # noqa: ANN001 - an Embeddings
           knowledge: KnowledgeSearch | None = None, language: str = "zh") -> Conversations:
        remote = {"url": url, "language": language} if url else {}  # a Chroma server, as for the knowledge base
        local = Path(chroma_dir) / f"{PREFIX}-{getattr(embeddings, 'identity', 'model')}"
        return cls(db_path, lambda: VectorStore(chroma_dir, embeddings, prefix=PREFIX, **remote), knowledge,
                   None if url else local.with_name(local.name + "-synced.json"), language)

    @cached_property
    def index(self) -> ConversationIndex:
        return ConversationIndex(self._store())

    def sync(self, group: str | None = None, progress: Progress | None = None) -> ThreadSync:
        """Re-cut the groups (one, or all) into windows and write only what changed;
        ``progress(done, total)`` counts the messages read so far."""
        with self._lock:
            stamp = self._stamp()
            totals, names = [], set()
            counted = _Counted(progress, source.message_count(self.db_path, group, self.language))
            for log in source.logs(self.db_path, group, language=self.language):
                names.add(log.group.name)
                totals.append(self.index.sync_group(log.group.name, counted.windows(windows.split(log.messages))))
                counted.group_done(len(log.messages))
            if group is None:
                gone = sorted(self.index.groups() - names)
                for name in gone:
                    totals.append(self.index.sync_group(name, []))
                self._synced = stamp
                self._mark(stamp)
            return ThreadSync(len(names), *(sum(getattr(t, f) for t in totals) for f in ("added", "removed", "kept")))

    def ensure_synced(self, progress: Progress | None = None) -> None:
        """Sync if the history file changed since the last full sync (this process's or the marker's)."""
        with self._lock:
            stamp = self._stamp()
            if stamp == self._synced:
                return
            if self._marked() == {"history": stamp, "windows": len(self.index)}:
                self._synced = stamp
                return
            self.sync(progress=progress)

    def _stamp(self) -> str:
        try:
            stat = self.db_path.stat()
        except OSError:
            raise InputError(t("analytics.error.no_data", self.language)) from None
        return f"{stat.st_mtime_ns}-{stat.st_size}"

    def _marked(self) -> dict | None:
        try:
            return json.loads(self._marker.read_text(encoding="utf-8")) if self._marker else None
        except (OSError, ValueError):
            return None

    def _mark(self, stamp: str) -> None:
        if self._marker is None:
            return
        try:
            self._marker.parent.mkdir(parents=True, exist_ok=True)
            self._marker.write_text(json.dumps({"history": stamp, "windows": len(self.index)}), encoding="utf-8")
        except OSError:
            pass  # without the marker the next process re-reads the history once: slower, not wrong

    def search(self, query: str, k: int = 5, group: str | None = None, since: str | date | None = None,
               until: str | date | None = None) -> list[Hit]:
        """Windows about ``query``; ``since``/``until`` are local dates (inclusive), ``group`` a name."""
        if not (query or "").strip():
            raise InputError(t("history.error.empty_query", self.language))
        self.ensure_synced()
        if group is not None and group not in self.index.groups():
            self._check_group(group)  # a group with no content yet is not an error
        low, high = _day_start(since, self.language), _day_start(until, self.language, days=1)
        if low and high and high <= low:
            raise InputError(t("history.error.reversed", self.language, since=since, until=until))
        return self.index.search(query, k, group, low, high)

    def _check_group(self, group: str) -> None:
        names = source.group_names(self.db_path, self.language)
        if group not in names:
            raise InputError(t("analytics.error.no_group", self.language, name=group,
                               names=t("tool.names", self.language).join(names)))

    def context(self, message_id: str, group: str | None = None, before: int = SPAN, after: int = SPAN) -> Context:
        """The conversation around a cited message, read from the store (chatter included)."""
        return context.around(self.db_path, message_id, group, before, after, self.language)

    def context_at(self, group: str | None, at: str, sender: str | None = None, before: int = SPAN,
                   after: int = SPAN) -> Context:
        """The conversation around the message of ``group`` sent at the local minute ``at`` (by ``sender``)."""
        return context.at_minute(self.db_path, group, at, sender, before, after, self.language)

    def topics(self, group: str | None = None, weeks: int = 4, kind: str = QUESTIONS, min_count: int = 2,
               check: bool = True) -> list[Topic]:
        """Recurring member questions (or complaints) of the last ``weeks`` weeks, most asked first,
        each checked against the knowledge base when one was given."""
        if not 1 <= weeks <= 52:
            raise InputError(t("history.error.weeks", self.language, weeks=weeks))
        found = [t for log in source.logs(self.db_path, group, weeks, self.language) for t in topics.mine(log.messages, kind, min_count)]
        if check and self.knowledge is not None:
            topics.check_playbook(found, self.knowledge)
        return sorted(found, key=lambda t: (-t.count, t.group, t.label))

    @staticmethod
    def faq_file(topic: Topic, language: str = "zh") -> tuple[str, bytes]:
        """``(name, csv bytes)`` of an FAQ sheet for an answered topic, for ``Assistant.add_documents``."""
        return topics.faq_name(topic), topics.faq_csv(topic, language)


class _Counted:
    """Progress in messages while a group's windows stream into the index."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total, self.done = progress, total, 0

    def windows(self, items: Iterable[windows.Window]) -> Iterator[windows.Window]:
        seen = 0
        for n, window in enumerate(items, start=1):
            seen += len(window.messages)
            if self.progress and n % _EVERY == 0:
                self.progress(min(self.done + seen, self.total), self.total)
            yield window

    def group_done(self, messages: int) -> None:
        self.done += messages
        if self.progress:
            self.progress(min(self.done, self.total), self.total)


def _day_start(value: str | date | None, language: str, days: int = 0) -> datetime | None:
    """Local midnight of ``value`` (+ ``days``) in the default time zone."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            raise InputError(t("history.error.date", language, value=value)) from None
    moment = datetime.combine(value, datetime.min.time(), ZoneInfo(DEFAULT_TZ))
    return moment + timedelta(days=days)
