"""PDF documents: text per page, lines re-flowed into sentences, page numbers kept for citations.

PDF text comes out as visual lines, so a Chinese sentence is broken wherever the page wrapped it,
even across pages. Lines are joined unless they end a sentence or the next one starts a heading or
list item. After chunking, each chunk is located in the re-flowed text to learn its first page.
"""

from __future__ import annotations

import bisect
import io
import re
import zlib
from pathlib import PurePath

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from ...errors import InputError
from ...i18n import t
from ..chunking import Chunk, chunk_markdown
from .document import LoadedDocument
from .headings import heading_level

_LINE_END = re.compile(r"[。！？!?；;：:）)”」]$")
_LIST_START = re.compile(r"^(?:[-•·*]|\d+[、.．)]|[（(]\d+[)）])")
_PROBE = 16
# What pypdf lets through from a damaged or hostile file: its own errors (including the limits it
# puts on decompressed streams), zlib's, and lookups in object tables that are not there.
_BROKEN_PDF = (PyPdfError, zlib.error, RecursionError, EOFError, ValueError, KeyError, TypeError, OSError)


def load_pdf(name: str, data: bytes, language: str = "zh") -> LoadedDocument:
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except _BROKEN_PDF as exc:
        raise InputError(t("kb.error.pdf", language, name=name, error=exc)) from exc
    if not "".join(pages).strip():
        raise InputError(t("kb.error.pdf_scan", language, name=name))
    lines = _reflow(pages)
    text = "\n".join(_as_markdown(line) for line, _ in lines)
    chunks = chunk_markdown(name, text, (PurePath(name).stem,))
    return LoadedDocument(name, "pdf", _with_pages(chunks, text, lines), notes=[t("kb.note.pages", language, n=len(pages))])


def _reflow(pages: list[str]) -> list[tuple[str, int]]:
    """Logical lines with the page each starts on."""
    out: list[tuple[str, int]] = []
    for number, page in enumerate(pages, start=1):
        for raw in page.splitlines():
            line = raw.strip()
            if not line:
                continue
            if out and _continues(out[-1][0], line):
                previous, first_page = out[-1]
                out[-1] = (previous + ("" if _cjk_boundary(previous, line) else " ") + line, first_page)
            else:
                out.append((line, number))
    return out


def _continues(previous: str, line: str) -> bool:
    if _LINE_END.search(previous) or heading_level(previous) is not None:
        return False
    return heading_level(line) is None and not _LIST_START.match(line)


def _as_markdown(line: str) -> str:
    level = heading_level(line)
    return f"{'#' * (level + 1)} {line}" if level else line


def _cjk_boundary(left: str, right: str) -> bool:
    return not (left[-1].isascii() and right[0].isascii())


def _with_pages(chunks: list[Chunk], text: str, lines: list[tuple[str, int]]) -> list[Chunk]:
    offsets, pages, position = [], [], 0
    for line, page in lines:
        offsets.append(position)
        pages.append(page)
        position += len(_as_markdown(line)) + 1
    cursor, page = 0, 1
    for chunk in chunks:
        found = text.find(chunk.body.split("\n", 1)[0][:_PROBE], cursor)
        if found >= 0:
            cursor = found
            page = pages[bisect.bisect_right(offsets, found) - 1]
        chunk.metadata["page"] = page
    return chunks
