"""Tables: member lists and order exports arrive as CSV or XLSX, with headers that drift.

Columns are found by alias (case and spaces ignored), never by position; in a workbook the first
sheet with a matching header row among its first rows is used (MemoTrace's VIP xlsx keeps members on
its second sheet, 成员信息).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from ...i18n import t
from ..clock import parse_time
from ..errors import InputError
from ..source import Source
from .base import csv_rows

HEADER_SEARCH_ROWS = 5


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, dict[str, object]]]  # (line, cells by header)

    def column(self, aliases: Iterable[str]) -> str | None:
        return find(self.header, aliases)


def norm(text: object) -> str:
    return str(text or "").strip().lstrip("\ufeff").replace(" ", "").lower()


def find(header: list[str], aliases: Iterable[str]) -> str | None:
    """The first header cell equal to one of ``aliases``."""
    wanted = [norm(alias) for alias in aliases]
    for alias in wanted:
        for cell in header:
            if norm(cell) == alias:
                return cell
    return None


def headers(source: Source) -> list[list[str]]:
    """Candidate header rows: the CSV's first row, or the first rows of every sheet."""
    if "headers" not in source.memo:
        if source.is_xlsx:
            sheets = _sheets(source, HEADER_SEARCH_ROWS).values()
            source.memo["headers"] = [[str(cell) for cell in row] for rows in sheets for row in rows]
        else:
            source.memo["headers"] = [source.header_row] if source.header_row else []
    return source.memo["headers"]  # type: ignore[return-value]


def read(source: Source, fits: Callable[[list[str]], bool]) -> Table:
    """The first table (CSV, or a sheet of the workbook) whose header ``fits``."""
    if not source.is_xlsx:
        rows = [(line, dict(row)) for line, row in csv_rows(source)]
        return Table(source.header_row, rows)  # type: ignore[arg-type]
    for rows in sheets(source).values():
        for index, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
            header = [str(cell) for cell in cells]
            if fits(header):
                body = [
                    (index + 2 + n, dict(zip(header, row, strict=False))) for n, row in enumerate(rows[index + 1 :])
                ]
                return Table(
                    header, [(line, row) for line, row in body if any(v not in (None, "") for v in row.values())]
                )
    raise InputError(t("import.error.no_header", source.language, file=source.name))


def sheets(source: Source) -> dict[str, list[list]]:
    """Every sheet's rows (cells stripped, empty cells ''), read once per source."""
    if "sheets" not in source.memo:
        source.memo["sheets"] = _sheets(source, None)
    return source.memo["sheets"]  # type: ignore[return-value]


def _sheets(source: Source, limit: int | None) -> dict[str, list[list]]:
    # openpyxl takes a third of a second to import: only when a workbook is read
    from ...safety.workbooks import reading

    with open(source.path, "rb") as handle:  # type: ignore[arg-type]
        with reading(handle, source.name, source.language) as book:
            return {sheet.title: _rows(sheet, limit) for sheet in book.worksheets}


def _rows(sheet, limit: int | None) -> list[list]:  # noqa: ANN001 - openpyxl's read-only sheet
    rows = sheet.iter_rows(values_only=True, max_row=limit)
    return [["" if v is None else v.strip() if isinstance(v, str) else v for v in row] for row in rows]


def as_time(value: object, tz: ZoneInfo) -> datetime | None:
    """A cell as an aware time: Excel dates are naive local times, text goes through the parser."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=tz) if value.tzinfo is None else value
    return parse_time(str(value).strip(), tz) if value not in (None, "") else None


def as_money(value: object) -> Decimal | None:
    """``39.9``, ``"¥39.90"``, ``"1,299.00元"`` → Decimal; blank → None."""
    if value in (None, ""):
        return None
    text = str(value).replace(",", "").replace("¥", "").replace("￥", "").replace("元", "").strip()
    try:
        return Decimal(text).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None
