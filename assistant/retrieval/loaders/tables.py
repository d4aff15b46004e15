"""Spreadsheets and CSV files: FAQ sheets become one chunk per question, other tables row text.

Operators keep their 话术 and FAQ as two-column sheets (问题 / 答案). Each pair must stay one
passage, titled by its question, so that a paraphrased question retrieves exactly its answer.
Sheets without such columns are indexed row by row as "列名：值" lines.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import PurePath

from ...errors import InputError
from ...i18n import t
from ...safety.cells import unguard
from ...safety.workbooks import reading
from ..chunking import Chunk, chunk_markdown
from .decoding import decode_text
from .document import LoadedDocument

QUESTION_HEADERS = {"问题", "问", "标准问题", "常见问题", "提问", "咨询问题", "question", "q", "faq"}
ANSWER_HEADERS = {"答案", "答", "回答", "回复", "标准答案", "标准回复", "话术", "解答", "answer", "a"}
# Extra ways of asking the same question: searched, not shown.
HINT_HEADERS = {"相似问题", "相似问法", "其他问法", "同义问题", "关键词", "关键字", "similar", "keywords"}

Rows = list[list[str]]


def load_csv(name: str, data: bytes, language: str = "zh") -> LoadedDocument:
    text, encoding = decode_text(data, name, language)
    try:
        rows = [[unguard(cell.strip()) for cell in row] for row in csv.reader(io.StringIO(text))]
    except csv.Error as exc:
        raise InputError(t("kb.error.csv", language, name=name, error=exc)) from exc
    return LoadedDocument(name, "csv", _table_chunks(name, PurePath(name).stem, rows), encoding)


def load_xlsx(name: str, data: bytes, language: str = "zh") -> LoadedDocument:
    with reading(io.BytesIO(data), name, language) as workbook:
        sheets = [(sheet.title, [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)])
                  for sheet in workbook.worksheets]
    chunks: list[Chunk] = []
    for title, rows in sheets:
        title = PurePath(name).stem if len(sheets) == 1 else f"{PurePath(name).stem} › {title}"
        chunks.extend(_table_chunks(name, title, rows, start=len(chunks)))
    return LoadedDocument(name, "xlsx", chunks)


def _cell(value: object) -> str:
    return "" if value is None else unguard(str(value).strip())


def _table_chunks(name: str, title: str, rows: Rows, start: int = 0) -> list[Chunk]:
    rows = [row for row in rows if any(row)]
    if not rows:
        return []
    columns = _faq_columns(rows[0])
    if columns:
        return _faq_chunks(name, title, rows[1:], *columns, start=start)
    return chunk_markdown(name, "\n".join(_row_lines(rows)), (title,))


def _faq_columns(header: list[str]) -> tuple[int, int, list[int]] | None:
    lowered = [h.lower() for h in header]
    question = next((i for i, h in enumerate(lowered) if h in QUESTION_HEADERS), None)
    answer = next((i for i, h in enumerate(lowered) if h in ANSWER_HEADERS), None)
    hints = [i for i, h in enumerate(lowered) if h in HINT_HEADERS]
    return (question, answer, hints) if question is not None and answer is not None else None


def _faq_chunks(name: str, title: str, rows: Rows, q: int, a: int, hint_columns: list[int], start: int) -> list[Chunk]:
    chunks = []
    for row in rows:
        question, answer = _at(row, q), _at(row, a)
        if question and answer:
            hints = " ".join(_at(row, i) for i in hint_columns).strip()
            body = f"问：{question}\n答：{answer}"
            chunks.append(Chunk(name, (title, question), body, start + len(chunks), {"faq": 1}, hints))
    return chunks


def _at(row: list[str], index: int) -> str:
    return row[index] if index < len(row) else ""


def _row_lines(rows: Rows) -> Iterable[str]:
    header = rows[0]
    for row in rows[1:]:
        pairs = [f"{header[i] if i < len(header) and header[i] else f'列{i + 1}'}：{v}" for i, v in enumerate(row) if v]
        yield "；".join(pairs) + "。"
