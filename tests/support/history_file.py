"""Reading a history file from a test, beside the product's own use of it in this process.

The product keeps a file's DuckDB instance open for a moment after its last use
(``assistant/history/database.py``), and DuckDB refuses a read-only connection to a file this
process holds open read-write; so the kept instance, idle by then, is closed first.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from assistant.history.database import release


def read_only(path: Path | str) -> duckdb.DuckDBPyConnection:
    release(path)
    return duckdb.connect(str(path), read_only=True)
