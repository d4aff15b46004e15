"""The BM25 words of every stored conversation window, kept beside the Chroma collection.

BM25 needs each window's words when the index is opened; re-segmenting every window with jieba at
each start would cost seconds. They used to ride in each window's Chroma metadata, where a long
string costs Chroma about as much to store as the window's vector: for a 300,000-message import,
seconds of the indexing time. A small SQLite file beside the collection holds them instead
(``<chroma dir>/conv-<embedding>-words.sqlite3``). It is a cache: a window whose words are missing
(an older index, a deleted file) is segmented again on load and written back. With a Chroma server
the words stay in the metadata, where every machine sharing the collection finds them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path


class WindowWords:
    """``id → words`` (space-separated), one SQLite file; each call opens and closes it."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(self.path)
        con.execute("CREATE TABLE IF NOT EXISTS words (id TEXT PRIMARY KEY, words TEXT NOT NULL)")
        return con

    def all(self) -> dict[str, str]:
        try:
            con = self._connect()
        except sqlite3.Error:
            return {}  # unreadable: every window is segmented again, then written back
        try:
            return dict(con.execute("SELECT id, words FROM words").fetchall())
        except sqlite3.Error:
            return {}
        finally:
            con.close()

    def put(self, rows: Iterable[tuple[str, str]]) -> None:
        self._change("INSERT OR REPLACE INTO words VALUES (?, ?)", list(rows))

    def delete(self, ids: Iterable[str]) -> None:
        self._change("DELETE FROM words WHERE id = ?", [(i,) for i in ids])

    def _change(self, sql: str, rows: list[tuple]) -> None:
        if not rows:
            return
        con = self._connect()
        try:
            with con:
                con.executemany(sql, rows)
        finally:
            con.close()
