"""Fixtures for the history tests: a fresh store per test, the fixture files, SQL over the store,
and workbooks built on the fly (XLSX is binary; building it keeps the fixtures reviewable)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
from openpyxl import Workbook

from assistant.history import History

FIXTURES = Path(__file__).parent / "fixtures"
TABLES = ("groups", "imports", "messages", "member_events", "group_events", "member_names", "member_roles",
          "contacts", "snapshots", "snapshot_members", "orders", "daily_stats", "members", "membership_spans")  # fmt: skip


@pytest.fixture
def history(tmp_path: Path) -> History:
    return History(tmp_path / "data" / "history.duckdb")


@pytest.fixture
def fx() -> Callable[[str], Path]:
    return lambda name: FIXTURES / name


@pytest.fixture
def sql(history: History) -> Callable[..., list[tuple]]:
    """Run a query against the store (times must be cast to text: no pytz here)."""

    def run(query: str, *params: object) -> list[tuple]:
        con = duckdb.connect(str(history.db_path))
        try:
            con.execute("SET TimeZone = 'Asia/Shanghai'")
            return con.execute(query, list(params)).fetchall()
        finally:
            con.close()

    return run


@pytest.fixture
def dump(history: History) -> Callable[[], dict[str, list]]:
    """Every table's content as sorted text rows: equal dumps = the same store content."""

    def run() -> dict[str, list]:
        con = duckdb.connect(str(history.db_path))
        try:
            return {
                t: sorted(con.execute(f"SELECT CAST(COLUMNS(*) AS VARCHAR) FROM {t}").fetchall(), key=str)
                for t in TABLES
            }
        finally:
            con.close()

    return run


def workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def xlsx(tmp_path: Path) -> Callable[[str, dict[str, list[list[object]]]], Path]:
    return lambda name, sheets: workbook(tmp_path / name, sheets)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)
