"""The report as a Word document: headings, the summary, tables and the numbered action list.

Word and WPS are where many managers forward a report upward, so the DOCX keeps the reading order
of the other formats. Charts are PNG images of the same chart definitions the dashboard and the
HTML version draw (``reports.charts``), each followed by its table.
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .. import charts
from ..layout import Section, header_lines, sections, shown
from ..model import Num, Table, WeeklyReport, cell_text

# XML 1.0 forbids most control characters; chat exports sometimes carry them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    return _CONTROL.sub("", text)


def render(report: WeeklyReport) -> bytes:
    document = Document()
    _east_asian_font(document)
    document.add_heading(clean(report.title), level=0)
    for line in header_lines(report):
        document.add_paragraph(clean(line)).runs[0].font.size = Pt(9)
    for section in sections(report):
        _section(document, section)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _east_asian_font(document: DocxDocument) -> None:
    style = document.styles["Normal"]
    style.font.name = "Microsoft YaHei"
    style.font.size = Pt(10.5)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Microsoft YaHei")


def _section(document: DocxDocument, section: Section) -> None:
    document.add_heading(clean(section.title), level=1)
    for paragraph in section.text:
        document.add_paragraph(clean(paragraph))
    for chart in section.charts:
        document.add_picture(io.BytesIO(charts.png(chart)), width=Cm(15))
    for table in section.tables:
        _table(document, table)
    style = "List Number" if section.numbered else "List Bullet"
    for item in section.items:
        document.add_paragraph(clean(item), style=style)


def _table(document: DocxDocument, table: Table) -> None:
    rows, rest = shown(table)
    document.add_paragraph(clean(table.title)).runs[0].bold = True
    grid = document.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    for cell, header in zip(grid.rows[0].cells, table.headers, strict=True):
        cell.text = clean(header)
        cell.paragraphs[0].runs[0].bold = True
    for row in rows:
        cells = grid.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = clean(cell_text(value))
            if isinstance(value, Num | int | float):
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if rest:
        document.add_paragraph(clean(rest))
