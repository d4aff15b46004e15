"""Our background threads end before the interpreter does.

CPython ends a daemon thread that asks for the GIL back while the interpreter is finalizing by
unwinding it with ``pthread_exit``. When that thread is inside DuckDB's C++ (a query, a connection
closing) the unwind meets a ``noexcept`` frame and the whole process aborts: ``terminate called after
throwing an instance of '' / FATAL: exception not rethrown``, exit code 134, after the command or
the app had finished its work (python/cpython#87135, duckdb/duckdb#13904). A daemon thread closing
DuckDB connections in a loop while the main thread returns aborts 14 times in 15.

So the threads stay daemons, which lets a command end without waiting for them, and each one is
started here with the event that asks it to stop: at exit every running one is asked and waited for,
a bounded time. Work started after that (the exit's own clean-up closing a file) runs in the thread
that starts it, already asked to stop, so no thread is left for finalization. The history file's
instances close last (``history.database``).
"""

from __future__ import annotations

import atexit
import threading
import time
from collections.abc import Callable

STOP_WAIT_SECONDS = 10.0  # one batch of the local model or of the history index, with room to spare

_running: dict[threading.Thread, threading.Event] = {}
_lock = threading.Lock()
_exiting = False  # set by stop_all: from then on work runs in the thread that starts it


def start(target: Callable[[], object], name: str, stop: threading.Event) -> threading.Thread | None:
    """Run ``target`` in a daemon thread that ends, at the latest, when the interpreter exits;
    ``target`` checks ``stop`` between units of work and returns once it is set. Once the exit has
    begun, ``target`` runs here instead, with ``stop`` already set (``None`` is returned)."""
    thread = threading.Thread(target=_forgotten_after(target), name=name, daemon=True)
    with _lock:
        exiting = _exiting
        if not exiting:
            _running[thread] = stop
    if exiting:
        stop.set()
        target()
        return None
    thread.start()
    return thread


def _forgotten_after(target: Callable[[], object]) -> Callable[[], None]:
    def run() -> None:
        try:
            target()
        finally:
            with _lock:
                _running.pop(threading.current_thread(), None)

    return run


@atexit.register
def stop_all(wait: float = STOP_WAIT_SECONDS) -> None:
    """Ask every running background thread to stop and wait for them, ``wait`` seconds in all."""
    global _exiting
    with _lock:
        _exiting = True
        running = list(_running.items())
    for _, stop in running:
        stop.set()
    deadline = time.monotonic() + wait
    for thread, _ in running:
        thread.join(max(0.0, deadline - time.monotonic()))
