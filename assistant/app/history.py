"""Bringing group chats in and seeing what is there: imports (files, pasted text, the demo, a WeFlow
pull), the groups and their counts.

Pages and CLI commands call :class:`Imports` instead of reaching into ``Assistant.history``; the
history package only has to offer :class:`HistoryStore`. Every call returns the history's plain
records (import reports, group summaries, counts).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ..history import ImportReport
    from ..history.stats import GroupSummary, HistoryStats
    from ..history.uploads import Upload

Progress = Callable[[int, int], None]


class HistoryStore(Protocol):
    """What the group history offers (``assistant.history.History``)."""

    @staticmethod
    def formats() -> list[tuple[str, str]]: ...
    def sniff(self, path: Path | str | Upload) -> str: ...
    def keep_upload(self, name: str, data: bytes) -> Upload: ...
    def import_files(self, paths: Iterable[Path | str | Upload], **options: Any) -> list[ImportReport]: ...
    def import_text(self, text: str, *, group: str, **options: Any) -> ImportReport: ...
    def demo(self, **options: Any) -> list[ImportReport]: ...
    def weflow_connection(self) -> Any: ...
    def weflow_groups(self, url: str | None = None, token: str | None = None) -> list[Any]: ...
    def sync_weflow(self, url: str | None = None, token: str | None = None, groups: Iterable[str] = (),
                    **options: Any) -> list[ImportReport]: ...
    def forget_weflow_token(self) -> None: ...
    def groups(self) -> list[GroupSummary]: ...
    def stats(self, group: str | None = None) -> HistoryStats: ...


class Imports:
    """The group histories of one workspace, as the groups page and the ``history`` commands use them."""

    def __init__(self, store: HistoryStore) -> None:
        self.store = store

    def formats(self) -> list[tuple[str, str]]:
        """``(name, label)`` of the importable formats."""
        return self.store.formats()

    def sniff(self, upload: Path | str | Upload) -> str:
        """The format detected from a file's content (raises :class:`~assistant.errors.InputError`)."""
        return self.store.sniff(upload)

    def keep_upload(self, name: str, data: bytes) -> Upload:
        """An uploaded file kept in the workspace under a safe generated name."""
        return self.store.keep_upload(name, data)

    def import_files(self, paths: Iterable[Path | str | Upload], **options: Any) -> list[ImportReport]:
        """Import each file in its own transaction (options: group, fmt, at, tz, allow_private, progress)."""
        return self.store.import_files(paths, **options)

    def import_text(self, text: str, group: str, **options: Any) -> ImportReport:
        """Import messages pasted from a chat window into ``group``."""
        return self.store.import_text(text, group=group, **options)

    def demo(self, **options: Any) -> list[ImportReport]:
        """Generate and import the synthetic community (options: end, seed, progress)."""
        return self.store.demo(**options)

    def weflow_connection(self) -> Any:  # noqa: ANN401 - the remembered URL, groups and token
        return self.store.weflow_connection()

    def weflow_groups(self, url: str | None = None, token: str | None = None) -> list[Any]:
        """The group chats a running WeFlow offers."""
        return self.store.weflow_groups(url, token)

    def sync_weflow(self, url: str | None = None, token: str | None = None, groups: Iterable[str] = (),
                    **options: Any) -> list[ImportReport]:
        """Pull new messages from WeFlow (options: remember_token, progress); one report per group."""
        return self.store.sync_weflow(url, token, groups, **options)

    def forget_weflow_token(self) -> None:
        self.store.forget_weflow_token()

    def groups(self) -> list[GroupSummary]:
        return self.store.groups()

    def stats(self, group: str | None = None) -> HistoryStats:
        return self.store.stats(group)
