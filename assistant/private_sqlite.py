"""The workspace's small SQLite files (``briefing.db``, ``chats.db``): private, migrated, opened per use.

Both hold things that must not be world-readable (push secrets; questions that quote members), are
written by the app, the CLI and the scheduler in turn, and grow by named migrations; one class
keeps the mode check, the WAL/busy settings and the migration ledger the same for both.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import ConfigError
from .i18n import t


class PrivateSqlite:
    """A mode-600 SQLite file with named ``migrations`` recorded in the table ``ledger``."""

    def __init__(self, path: Path, migrations: list[tuple[str, str]], ledger: str, holds: str,
                 language: str = "zh") -> None:
        self.path = path
        self._migrations = migrations
        self._ledger = ledger
        self._holds = holds  # the i18n key of what the file keeps, for the permission error
        self._language = language

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        con = self._open()
        try:
            with con:  # one transaction: committed on success, rolled back on an exception
                yield con
        finally:
            con.close()

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self.path.exists():
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        self._check_private()
        con = sqlite3.connect(self.path, timeout=10)
        con.row_factory = sqlite3.Row
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA busy_timeout=10000")
        con.execute("PRAGMA foreign_keys=ON")
        self._migrate(con)
        return con

    def _check_private(self) -> None:
        mode = stat.S_IMODE(self.path.stat().st_mode)
        if mode & 0o077:
            try:
                self.path.chmod(0o600)
            except OSError as exc:
                raise ConfigError(t("private_sqlite.error.mode", self._language, path=self.path, mode=f"{mode:o}",
                                    holds=t(self._holds, self._language), error=exc)) from exc

    def _migrate(self, con: sqlite3.Connection) -> None:
        con.execute(f"CREATE TABLE IF NOT EXISTS {self._ledger} (name TEXT PRIMARY KEY, applied_at TEXT)")
        done = {row[0] for row in con.execute(f"SELECT name FROM {self._ledger}")}
        for name, script in self._migrations:
            if name not in done:
                con.executescript(f"BEGIN;{script}INSERT INTO {self._ledger} VALUES ('{name}', datetime('now'));COMMIT;")
