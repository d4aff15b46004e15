"""The four export formats of the weekly report, chosen by file extension.

Each exporter renders the same sections (``reports.layout``) and returns bytes, ready for a file
or a download button. The exporter modules (python-docx, openpyxl) are imported when a report is
rendered, not when the formats are listed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import InputError
from ...i18n import t

if TYPE_CHECKING:
    from ..model import WeeklyReport


@dataclass(frozen=True)
class Format:
    name: str
    extension: str
    mime: str
    render: Callable[[WeeklyReport], bytes]


def _by(module: str) -> Callable[[WeeklyReport], bytes]:
    """The ``render`` of the exporter module ``module``, imported on first use; text becomes UTF-8."""

    def render(report: WeeklyReport) -> bytes:
        out = import_module(f".{module}", __name__).render(report)
        return out.encode("utf-8") if isinstance(out, str) else out

    return render


FORMATS: dict[str, Format] = {f.extension: f for f in (
    Format("Markdown", ".md", "text/markdown", _by("markdown")),
    Format("HTML", ".html", "text/html", _by("webpage")),
    Format("Excel", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _by("workbook")),
    Format("Word", ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", _by("document")),
)}


def format_for(path: Path | str, language: str = "zh") -> Format:
    """The format a file name asks for (``.htm`` counts as ``.html``); a refusal is worded in ``language``."""
    suffix = Path(path).suffix.lower()
    suffix = ".html" if suffix == ".htm" else suffix
    if suffix not in FORMATS:
        raise InputError(t("report.error.extension", language, name=Path(path).name, formats=" ".join(FORMATS)))
    return FORMATS[suffix]


def export(report: WeeklyReport, extension: str) -> bytes:
    """``report`` rendered in the format of ``extension`` (``.md``, ``.html``, ``.xlsx`` or ``.docx``)."""
    return format_for(f"report{extension}", report.language).render(report)
