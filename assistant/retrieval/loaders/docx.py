"""Word documents: heading styles (and Chinese numbered titles) become the heading path,
tables become markdown rows so that each row stays whole."""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

from docx import Document as open_docx
from docx.opc.exceptions import OpcError
from docx.table import Table
from docx.text.paragraph import Paragraph

from ...errors import InputError
from ...i18n import t
from ...safety.limits import OFFICE, check_zip
from ..chunking import chunk_markdown
from .document import LoadedDocument
from .headings import heading_level


def load_docx(name: str, data: bytes, language: str = "zh") -> LoadedDocument:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_zip(archive, name, OFFICE)
        document = open_docx(io.BytesIO(data))
        lines = [_block_markdown(block) for block in document.iter_inner_content()]
    except _BROKEN_DOCX as exc:
        raise InputError(t("kb.error.docx", language, name=name, error=_first_line(exc))) from exc
    markdown = "\n".join(line for line in lines if line)
    return LoadedDocument(name, "docx", chunk_markdown(name, markdown, (PurePath(name).stem,)))


# What python-docx lets through from a damaged file: zip errors, lxml's XMLSyntaxError (a
# SyntaxError), its own package errors, and lookups of parts or relations that are missing.
_BROKEN_DOCX = (zipfile.BadZipFile, zipfile.LargeZipFile, OpcError, SyntaxError, KeyError, ValueError, EOFError)


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:160]


def _block_markdown(block: Paragraph | Table) -> str:
    if isinstance(block, Table):
        return "\n".join("| " + " | ".join(c.text.strip() for c in row.cells) + " |" for row in block.rows)
    text = block.text.strip()
    if not text:
        return ""
    level = _style_level(block.style.name if block.style is not None else "") or heading_level(text)
    return f"{'#' * (level + 1)} {text}" if level else text


def _style_level(style: str) -> int | None:
    # English and Chinese Word both name them "Heading 1" / "标题 1"; "Title" is the top.
    lowered = style.lower()
    if lowered == "title" or style == "标题":
        return 1
    for prefix in ("heading", "标题"):
        if lowered.startswith(prefix) and lowered[len(prefix):].strip().isdigit():
            return int(lowered[len(prefix):].strip())
    return None
