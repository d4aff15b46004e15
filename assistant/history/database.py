"""Opening and closing the history file: one DuckDB instance per file, kept briefly between uses.

Creating a DuckDB instance registers its whole catalogue of built-in functions: about 30 ms of CPU,
while a connection to an instance that is already open costs about 1 ms. A page of the app or one
CLI command opens the file dozens of times in a burst (every metric, every check), so the instance
is kept for :data:`KEEP_SECONDS` after its last connection closes and every open in between gets a
cursor on it. It is then closed, because DuckDB locks the file for one process at a time: another
process (a CLI import in a second terminal) takes its turn between bursts, as before.

Opening and closing the instance take a process-wide lock: a connection opened in one thread
while another thread closes the last one raced with that teardown ("already attached").

While another process holds the file, opening waits a few seconds for its turn and then says the
history is busy, instead of failing with DuckDB's lock error the moment an import in another
window happens to be running.
"""

from __future__ import annotations

import atexit
import functools
import itertools
import threading
import time
import weakref
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from .. import background
from ..i18n import t
from .errors import HistoryBusy

# re-entrant: a cursor dropped unclosed is forgotten by the garbage collector, maybe in a thread holding it
_lock = threading.RLock()
WAIT_SECONDS = 5.0
_RETRY_EVERY = 0.1
KEEP_SECONDS = 0.5  # long enough for a burst of opens, short enough for another process's wait


@dataclass
class _Instance:
    """A file's open instance: the connection that keeps it alive and the cursors handed out."""

    anchor: duckdb.DuckDBPyConnection
    cursors: set[int] = field(default_factory=set)  # tokens of the cursors not closed yet
    generation: int = 0  # bumped at each hand-out: a scheduled close of an older idle spell is void


_instances: dict[str, _Instance] = {}
_handed: dict[int, weakref.finalize] = {}  # id of an open cursor -> what forgets it
_tokens = itertools.count()


def open_db(path: Path, *, wait: float = WAIT_SECONDS, language: str = "zh") -> duckdb.DuckDBPyConnection:
    """A connection to ``path``, waiting up to ``wait`` seconds while another process holds it (then
    :class:`HistoryBusy`, worded in ``language``)."""
    key = _key(path)
    deadline = time.monotonic() + wait
    while True:
        try:
            with _lock:
                con = _cursor(key)
            break
        except duckdb.IOException as exc:
            if not _held_by_another_process(exc):
                raise
            if time.monotonic() >= deadline:
                raise HistoryBusy(t("history.error.busy", language)) from exc
            time.sleep(_RETRY_EVERY)
    con.execute("SET TimeZone = 'UTC'")
    return con


def _key(path: Path | str) -> str:
    """One name per file: two spellings of one path must share its instance (DuckDB would refuse the second)."""
    return str(Path(path).resolve())


def _cursor(key: str) -> duckdb.DuckDBPyConnection:
    instance = _instances.get(key)
    if instance is None:
        instance = _instances[key] = _Instance(duckdb.connect(key))
    con, token = instance.anchor.cursor(), next(_tokens)
    instance.cursors.add(token)
    instance.generation += 1
    # Forgotten when closed, or when dropped unclosed (an error between open and close): a cursor
    # counted for ever would keep the file locked for this process's whole life.
    _handed[id(con)] = weakref.finalize(con, _forget, key, token, id(con))
    return con


def _held_by_another_process(exc: duckdb.IOException) -> bool:
    return "lock" in str(exc).lower()


def close_db(con: duckdb.DuckDBPyConnection) -> None:
    """Close a connection from :func:`open_db`; the file's instance closes once idle for a moment."""
    with _lock:
        con.close()
        forget = _handed.pop(id(con), None)
        if forget is not None:
            forget()


def _forget(key: str, token: int, cursor_id: int) -> None:
    with _lock:
        stale = _handed.get(cursor_id)
        if stale is not None and not stale.alive:  # dropped unclosed: close_db never took it out
            del _handed[cursor_id]
        instance = _instances.get(key)
        if instance is None or token not in instance.cursors:
            return
        instance.cursors.discard(token)
        if not instance.cursors:
            stop = threading.Event()
            close = functools.partial(_close_when_idle, key, instance.generation, stop)
            background.start(close, "history-close", stop)


def _close_when_idle(key: str, generation: int, stop: threading.Event) -> None:
    """Close the file once it has stayed idle :data:`KEEP_SECONDS` (at once when the exit asks: a
    close still inside DuckDB when the interpreter finalizes aborts the process, as gdb showed in 6
    of 9 one-process runs of tests/pages when this was a plain ``threading.Timer``)."""
    stop.wait(KEEP_SECONDS)
    _close_if_idle(key, generation)


def _close_if_idle(key: str, generation: int) -> None:
    with _lock:
        instance = _instances.get(key)
        if instance is not None and not instance.cursors and instance.generation == generation:
            del _instances[key]
            instance.anchor.close()


def release(path: Path | str) -> None:
    """Close ``path``'s instance now if no connection is open on it (its file complete on disk,
    free for another process): before the file is copied or replaced."""
    key = _key(path)
    with _lock:
        instance = _instances.get(key)
        if instance is not None and not instance.cursors:
            del _instances[key]
            instance.anchor.close()


@atexit.register
def _release_all() -> None:
    background.stop_all()  # first: our threads, the scheduled closes among them, end before finalization
    for key in list(_instances):
        release(key)
