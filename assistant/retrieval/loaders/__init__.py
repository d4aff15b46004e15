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
from .document import LoadedDocument
from .docx import load_docx
from .html import load_html
from .pdf import load_pdf
from .tables import load_csv, load_xlsx
from .text import load_markdown, load_text

SUPPORTED = ".md .txt .pdf .docx .html .csv .xlsx"
MAX_BYTES = 50 * 1024 * 1024

Loader = Callable[[str, bytes], LoadedDocument]
_BY_SUFFIX: dict[str, Loader] = {
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".txt": load_text,
    ".text": load_text,
    ".html": load_html,
    ".htm": load_html,
    ".csv": load_csv,
}


def load_document(name: str, data: bytes) -> LoadedDocument:
    """Parse ``data`` (the bytes of the file called ``name``) into chunks."""
    if not data.strip():
        raise InputError(f"{name}: 文件是空的。")
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: 文件超过 {MAX_BYTES // 1024 // 1024} MB，请拆分后再导入。")
    document = _loader_for(name, data)(name, data)
    if not document.chunks:
        raise InputError(f"{name}: 没有找到可以检索的文字内容。")
    return document


def _loader_for(name: str, data: bytes) -> Loader:
    if data.startswith(b"%PDF"):
        return load_pdf
    if data.startswith(b"PK\x03\x04"):
        return _office_loader(name, data)
    suffix = PurePath(name).suffix.lower()
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    head = data[:2048].lower()
    if b"<html" in head or b"<!doctype html" in head:
        return load_html
    raise InputError(f"{name}: 不支持的文件类型。支持的格式: {SUPPORTED}。")


def _office_loader(name: str, data: bytes) -> Loader:
    try:
        members = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile as exc:
        raise InputError(f"{name}: 压缩包已损坏或被截断，无法读取。") from exc
    if "word/document.xml" in members:
        return load_docx
    if "xl/workbook.xml" in members:
        return load_xlsx
    raise InputError(f"{name}: 不支持的 Office 文件，只接受 .docx 与 .xlsx。")


__all__ = ["MAX_BYTES", "SUPPORTED", "LoadedDocument", "load_document"]
