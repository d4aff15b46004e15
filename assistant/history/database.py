"""Opening and closing the history file, one at a time per process.

DuckDB keeps one database instance per file and process, created by the first connection and
destroyed with the last. A connection opened in one thread while another thread closes the last
one races with that teardown ("already attached"), so opening and closing take a process-wide
lock. Connections are still short-lived: another process (a CLI import in a second terminal) can
take its turn with the file between two calls.
"""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb

_lock = threading.Lock()


def open_db(path: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    with _lock:
        con = duckdb.connect(str(path), read_only=read_only)
    con.execute("SET TimeZone = 'UTC'")
    return con


def close_db(con: duckdb.DuckDBPyConnection) -> None:
    with _lock:
        con.close()
