"""Opening and closing the history file, one at a time per process.

DuckDB keeps one database instance per file and process, created by the first connection and
destroyed with the last. A connection opened in one thread while another thread closes the last
one races with that teardown ("already attached"), so opening and closing take a process-wide
lock. Connections are still short-lived: another process (a CLI import in a second terminal) can
take its turn with the file between two calls.

While another process holds the file (DuckDB locks it for one process at a time), opening waits
a few seconds for its turn and then says the history is busy, instead of failing with DuckDB's
lock error the moment an import in another window happens to be running.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import duckdb

from .errors import HistoryBusy

_lock = threading.Lock()
WAIT_SECONDS = 5.0
_RETRY_EVERY = 0.1


def open_db(path: Path, *, read_only: bool = False, wait: float = WAIT_SECONDS) -> duckdb.DuckDBPyConnection:
    """A connection to ``path``, waiting up to ``wait`` seconds while another process holds it."""
    deadline = time.monotonic() + wait
    while True:
        try:
            with _lock:
                con = duckdb.connect(str(path), read_only=read_only)
            break
        except duckdb.IOException as exc:
            if not _held_by_another_process(exc):
                raise
            if time.monotonic() >= deadline:
                raise HistoryBusy(
                    "群数据正在被另一个窗口或命令使用（多半是正在导入）。请等它完成后再试；"
                    "只问运营手册的问题不受影响。"
                ) from exc
            time.sleep(_RETRY_EVERY)
    con.execute("SET TimeZone = 'UTC'")
    return con


def _held_by_another_process(exc: duckdb.IOException) -> bool:
    return "lock" in str(exc).lower()


def close_db(con: duckdb.DuckDBPyConnection) -> None:
    with _lock:
        con.close()
