"""Bringing the history search index up to date in the background, with progress.

An import is done when its rows are in the store; the search index of conversation windows can
follow. The app starts this job right after an import and draws its progress while the user looks
at the dashboard; a history question asked meanwhile waits for the same sync (the conversations'
lock) instead of starting a second one. One job runs at a time per workspace: asking again while
it runs returns the running one; asking after it finished starts a new sync (only changes are
written).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from .. import background
from ..errors import AssistantError
from ..i18n import t
from .service import ThreadSync

Sync = Callable[[Callable[[int, int], None]], ThreadSync]  # sync(progress) -> report


@dataclass(frozen=True)
class IndexProgress:
    """What the page shows: running or not, messages done of total, the outcome."""

    running: bool = False
    done: int = 0
    total: int = 0
    started: float | None = None
    finished: float | None = None
    report: ThreadSync | None = None
    error: str | None = None

    @property
    def share(self) -> float:
        return min(1.0, self.done / self.total) if self.total else (0.0 if self.running else 1.0)

    @property
    def seconds(self) -> float:
        if self.started is None:
            return 0.0
        return (self.finished or time.monotonic()) - self.started


class _Stopped(Exception):
    """Raised from the progress report to end a sync the process no longer waits for."""


class BackgroundIndexing:
    """The workspace's one background sync of the history search index."""

    def __init__(self, sync: Sync, language: str = "zh") -> None:
        self._sync = sync
        self._language = language  # of the message a failed sync leaves on the page
        self._lock = threading.Lock()
        self._state = IndexProgress()
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()  # set at exit: the sync ends at its next progress report

    def start(self) -> IndexProgress:
        """Start a sync unless one is running; returns the state right after."""
        with self._lock:
            if not self._state.running:
                self._state = IndexProgress(running=True, started=time.monotonic())
                self._stop.clear()
                self._thread = background.start(self._run, "history-index", self._stop)
            return self._state

    def progress(self) -> IndexProgress:
        with self._lock:
            return self._state

    def wait(self, timeout: float | None = None) -> IndexProgress:
        """Block until the running sync (if any) ends (tests, the CLI)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        return self.progress()

    def _run(self) -> None:
        try:
            report = self._sync(self._advance)
        except _Stopped:  # the process is exiting; the next sync writes what this one did not
            self._finish()
            return
        except AssistantError as exc:  # no history yet, an unreachable Chroma server …: shown, not raised
            self._finish(error=str(exc))
            return
        except BaseException:  # a bug: say so on the page, and let the thread report it
            self._finish(error=t("index.crashed", self._language))
            raise
        self._finish(report=report)

    def _advance(self, done: int, total: int) -> None:
        if self._stop.is_set():
            raise _Stopped
        with self._lock:
            self._state = replace(self._state, done=done, total=total)

    def _finish(self, report: ThreadSync | None = None, error: str | None = None) -> None:
        with self._lock:
            self._state = replace(self._state, running=False, finished=time.monotonic(), report=report, error=error)
