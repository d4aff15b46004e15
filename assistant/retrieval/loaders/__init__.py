"""Reading the documents operators bring: md, txt, pdf, docx, html, csv and xlsx.

The format is decided by the file's content (PDF and ZIP signatures, HTML markup), with the
extension only telling text formats apart; a file that is none of these is refused with a
message that lists what is accepted.
"""

from __future__ import annotations

import zipfile
import io
from collections.abc import Callable
from pathlib import PurePath

from ...errors import InputError
from ...i18n import t
from .document import LoadedDocument
from .docx import load_docx
from .html import load_html
from .pdf import load_pdf
from .tables import load_csv, load_xlsx
from .text import load_markdown, load_text

SUPPORTED = ".md .txt .pdf .docx .html .csv .xlsx"
MAX_BYTES = 50 * 1024 * 1024

Loader = Callable[[str, bytes, str], LoadedDocument]  # name, bytes, language of its errors
_BY_SUFFIX: dict[str, Loader] = {
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".txt": load_text,
    ".text": load_text,
    ".html": load_html,
    ".htm": load_html,
    ".csv": load_csv,
}


def load_document(name: str, data: bytes, language: str = "zh") -> LoadedDocument:
    """Parse ``data`` (the bytes of the file called ``name``) into chunks."""
    if not data.strip():
        raise InputError(t("kb.error.empty_file", language, name=name))
    if len(data) > MAX_BYTES:
        raise InputError(t("kb.error.too_big", language, name=name, mb=MAX_BYTES // 1024 // 1024))
    document = _loader_for(name, data, language)(name, data, language)
    if not document.chunks:
        raise InputError(t("kb.error.no_text", language, name=name))
    return document


def _loader_for(name: str, data: bytes, language: str) -> Loader:
    if data.startswith(b"%PDF"):
        return load_pdf
    if data.startswith(b"PK\x03\x04"):
        return _office_loader(name, data, language)
    suffix = PurePath(name).suffix.lower()
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    head = data[:2048].lower()
    if b"<html" in head or b"<!doctype html" in head:
        return load_html
    raise InputError(t("kb.error.file_type", language, name=name, formats=SUPPORTED))


def _office_loader(name: str, data: bytes, language: str) -> Loader:
    try:
        members = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile as exc:
        raise InputError(t("kb.error.bad_zip", language, name=name)) from exc
    if "word/document.xml" in members:
        return load_docx
    if "xl/workbook.xml" in members:
        return load_xlsx
    raise InputError(t("kb.error.office", language, name=name))


__all__ = ["MAX_BYTES", "SUPPORTED", "LoadedDocument", "load_document"]
