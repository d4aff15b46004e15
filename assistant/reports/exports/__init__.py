"""The four export formats of the weekly report, chosen by file extension.

Each exporter renders the same sections (``reports.layout``) and returns bytes, ready for a file
or a download button.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ...errors import InputError
from ..model import WeeklyReport
from . import document, markdown, webpage, workbook


@dataclass(frozen=True)
class Format:
    name: str
    extension: str
    mime: str
    render: Callable[[WeeklyReport], bytes]


FORMATS: dict[str, Format] = {f.extension: f for f in (
    Format("Markdown", ".md", "text/markdown", lambda r: markdown.render(r).encode("utf-8")),
    Format("HTML", ".html", "text/html", lambda r: webpage.render(r).encode("utf-8")),
    Format("Excel", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", workbook.render),
    Format("Word", ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", document.render),
)}


def format_for(path: Path | str) -> Format:
    """The format a file name asks for (``.htm`` counts as ``.html``)."""
    suffix = Path(path).suffix.lower()
    suffix = ".html" if suffix == ".htm" else suffix
    if suffix not in FORMATS:
        raise InputError(f"无法从文件名「{Path(path).name}」判断周报格式；请用 {' '.join(FORMATS)} 之一作扩展名。")
    return FORMATS[suffix]


def export(report: WeeklyReport, extension: str) -> bytes:
    """``report`` rendered in the format of ``extension`` (``.md``, ``.html``, ``.xlsx`` or ``.docx``)."""
    return format_for(f"report{extension}").render(report)
