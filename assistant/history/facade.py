"""The history façade: import exports, list groups, count what is known. The only entry point.

The CLI and the Groups page call these methods and nothing deeper. Each call opens the DuckDB file
and closes it again, so the page and a command in another terminal can take turns with one file.
A call that imports several files (a folder, the demo) does so in one session and one transaction
(:mod:`.imports`), and tells the listeners once.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import partial
from pathlib import Path

import duckdb

from . import demo as community
from ..errors import AssistantError
from ..i18n import t
from . import catalog, importers, imports, stats, uploads, weflow_sync
from .errors import InputError
from .options import DEFAULT_TZ, ImportOptions
from .report import ImportReport
from .source import Source
from .store import Store
from .uploads import Upload
from .weflow_api import Session, WeFlowAPI

Progress = imports.Progress
ImportListener = Callable[[list[ImportReport]], object]


class History:
    """Every group's messages, members, events and orders, in one DuckDB file."""

    def __init__(self, db_path: Path, language: str = "zh") -> None:
        self.db_path = Path(db_path)
        self.language = language  # of its fix-it errors and the import reports' warnings
        self._lock = threading.RLock()  # one writer at a time across Streamlit sessions
        # called after every import that committed something (alerts check here; a sync imports too)
        self.listeners: list[ImportListener] = []

    @contextmanager
    def _store(self) -> Iterator[Store]:
        with self._lock, Store(self.db_path, self.language) as store:
            yield store

    @contextmanager
    def _writing(self) -> Iterator[Store]:
        """The store for a change; the group-name catalog is rewritten after it, even a failed one."""
        with self._store() as store:
            try:
                yield store
            finally:
                _refresh_catalog(self.db_path, store)

    def group_names(self) -> list[str]:
        """Names of the imported groups, without opening the database when the catalog has them."""
        if not self.db_path.exists():
            return []
        names = catalog.read(self.db_path)
        if names is None:
            with self._store() as store:
                names = _names(store)
                catalog.write(self.db_path, names)
        return names

    @staticmethod
    def formats() -> list[tuple[str, str]]:
        """``(name, label)`` of the importable formats."""
        return importers.formats()

    def sniff(self, path: Path | str | Upload) -> str:
        """The format name detected from the file's content (raises :class:`InputError`)."""
        file = path if isinstance(path, Upload) else Upload(Path(path), Path(path).name)
        return importers.detect(Source.open(file.path, file.name, self.language)).NAME

    def keep_upload(self, name: str, data: bytes) -> Upload:
        """Store an uploaded file in the workspace's uploads folder under a generated name."""
        return uploads.keep(self.db_path.parent / "uploads", name, data)

    def import_files(
        self,
        paths: Iterable[Path | str | Upload],
        *,
        group: str | None = None,
        fmt: str = "auto",
        at: datetime | str | None = None,
        tz: str = DEFAULT_TZ,
        progress: Progress | None = None,
        allow_private: bool = False,
    ) -> list[ImportReport]:
        """Import the files in one transaction; a bad file is reported and the rest go on."""
        jobs = _jobs(paths, group=group, fmt=fmt, at=at, tz=tz, allow_private=allow_private, language=self.language)
        with self._writing() as store:
            reports = imports.run(store, jobs, progress)
        return self._imported(reports)

    def import_text(
        self, text: str, *, group: str, tz: str = DEFAULT_TZ, at: datetime | str | None = None
    ) -> ImportReport:
        """Import messages pasted from a chat window into ``group``."""
        if not (group or "").strip():
            raise InputError(t("import.error.paste_group", self.language))
        options = ImportOptions.build(group=group, tz=tz, at=at, fmt=importers.PASTED, language=self.language)
        with self._writing() as store:
            name = t("import.pasted_name", self.language)
            job = imports.Job(name, lambda: Source.from_text(text, name, self.language), options, self.language)
            reports = imports.run(store, [job])
        return self._imported(reports)[0]

    def _imported(self, reports: list[ImportReport]) -> list[ImportReport]:
        """Tell the listeners, once the transaction is committed and the file released; a listener
        that fails is reported on the import, never undoes it."""
        if any(r.status == "ok" for r in reports):
            for listener in self.listeners:
                try:
                    listener(reports)
                except AssistantError as exc:
                    reports[-1].warnings.append(t("import.after_check", self.language, error=exc))
        return reports

    def weflow_connection(self) -> weflow_sync.Connection:
        """The remembered WeFlow URL, groups and (if kept) token, for the page's form."""
        return weflow_sync.load(self.db_path.parent)

    def weflow_groups(self, url: str | None = None, token: str | None = None) -> list[Session]:
        """The group chats a running WeFlow offers (to choose from)."""
        return [s for s in self._weflow(url, token).sessions() if s.is_group]

    def sync_weflow(
        self,
        url: str | None = None,
        token: str | None = None,
        groups: Iterable[str] = (),
        *,
        remember_token: bool = False,
        page: int = weflow_sync.PAGE,
        progress: Progress | None = None,
    ) -> list[ImportReport]:
        """Pull the chosen groups' new messages from WeFlow's API; one report (and transaction) per group."""
        api = self._weflow(url, token)
        saved = weflow_sync.load(self.db_path.parent)
        chosen = weflow_sync.choose(api.sessions(), list(groups), saved.groups, self.language)
        options = ImportOptions.build(group=None, tz=DEFAULT_TZ, at=None, fmt="chatlab_json")
        reports = []
        for done, session in enumerate(chosen, start=1):
            with self._store() as store:
                last = store.last_message_second("wechat", session.id)
            document = weflow_sync.pull(api, session, None if last is None else last - 1, page)
            name = t("import.weflow_name", self.language, group=session.name)
            if document is None:
                reports.append(ImportReport(file=name, status="duplicate", format="chatlab_json", warnings=[t("import.no_new", self.language)]))
            else:
                text = json.dumps(document, ensure_ascii=False)
                job = imports.Job(name, partial(Source.from_text, text, name, self.language), options, self.language)
                with self._writing() as store:
                    reports += imports.run(store, [job])
            if progress:
                progress(done, len(chosen))
        connection = weflow_sync.Connection(api.url, [s.id for s in chosen], api.token)
        weflow_sync.save(self.db_path.parent, connection, remember_token=remember_token)
        return self._imported(reports)  # alerts are checked on a sync as on any import

    def forget_weflow_token(self) -> None:
        weflow_sync.forget_token(self.db_path.parent)

    def _weflow(self, url: str | None, token: str | None) -> WeFlowAPI:
        saved = weflow_sync.load(self.db_path.parent)
        secret = (token or "").strip() or saved.token
        if not secret:
            raise InputError(t("import.error.weflow_token", self.language))
        return WeFlowAPI((url or "").strip() or saved.url, secret, language=self.language)

    def demo(
        self, *, end: datetime | None = None, seed: int = community.DEFAULT_SEED, progress: Progress | None = None
    ) -> list[ImportReport]:
        """Generate the synthetic community's export files and import them (replacing an older demo)."""
        jobs = [job for paths, options in community.write(self.db_path.parent / "demo", end=end, seed=seed)
                for job in _jobs(paths, **options, language=self.language)]  # fmt: skip
        with self._writing() as store:
            for name in community.GROUPS:
                store.delete_group(name)
            reports = imports.run(store, jobs, progress)
        return self._imported(reports)

    def delete_group(self, name: str) -> bool:
        """Forget a group and everything imported into it; ``False`` if there is no such group."""
        with self._writing() as store:
            return store.delete_group(name)

    def groups(self) -> list[stats.GroupSummary]:
        """Every group with its platform, time range and size."""
        with self._store() as store:
            return stats.groups(store.con)

    def stats(self, group: str | None = None) -> stats.HistoryStats:
        """Messages, senders, members now, joins, exits (inferred ones marked) and orders per group."""
        with self._store() as store:
            return stats.history_stats(store.con, group, self.language)


def _refresh_catalog(db_path: Path, store: Store) -> None:
    try:
        catalog.write(db_path, _names(store))
    except duckdb.Error:
        catalog.forget(db_path)  # read from the database next time


def _names(store: Store) -> list[str]:
    return [row[0] for row in store.con.execute("SELECT name FROM groups ORDER BY name").fetchall()]


def _jobs(
    paths: Iterable[Path | str | Upload],
    *,
    group: str | None = None,
    fmt: str = "auto",
    at: datetime | str | None = None,
    tz: str = DEFAULT_TZ,
    allow_private: bool = False,
    language: str = "zh",
) -> list[imports.Job]:
    """One job per file, folders expanded; the options are checked before any file is opened."""
    options = ImportOptions.build(group=group, tz=tz, at=at, fmt=fmt, allow_private=allow_private, language=language)
    if fmt != "auto":
        importers.by_name(fmt, language)
    files = _expand([p if isinstance(p, Upload) else Path(p) for p in paths])
    return [imports.Job(f.name, partial(Source.open, f.path, f.name, language), options, language) for f in files]


def _expand(paths: list[Path | Upload]) -> list[Upload]:
    """Folders (PyWxDump writes one per chat, in 5,000-row parts) become their files, sorted; a
    QQChatExporter chunked folder (``manifest.json`` + ``chunks/``) is one export, read from its manifest."""
    files: list[Upload] = []
    for path in paths:
        if isinstance(path, Upload):
            files.append(path)
        elif path.is_dir() and (path / "manifest.json").is_file() and (path / "chunks").is_dir():
            files.append(Upload(path / "manifest.json", "manifest.json"))
        elif path.is_dir():
            inside = sorted((p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")), key=_natural)
            files += [Upload(p, p.name) for p in inside]
        else:
            files.append(Upload(path, path.name))
    return files


def _natural(path: Path) -> list:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", path.name)]
