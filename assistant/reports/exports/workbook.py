"""The report as an Excel workbook: a summary sheet, then one sheet per table, with every row.

Numbers stay numbers (percent-formatted where they are rates) so the manager can sort, filter
and chart them; the trend sheet carries native Excel charts. Text from chat exports is passed
through ``safe_cell`` so nothing that starts with = + - @ can run as a formula in Excel or WPS.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ...safety.cells import safe_cell
from ...i18n import t
from ..layout import header_lines, paragraphs, sections
from ..model import RATIO, Num, Table, WeeklyReport

HEADER_FILL = PatternFill("solid", fgColor="DCE6F5")
FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})


def render(report: WeeklyReport) -> bytes:
    book = Workbook()
    _summary(book.active, report)
    for section in sections(report):
        for table in section.all_tables():
            sheet = book.create_sheet(_sheet_name(book, table.key if report.language == "zh" else table.title))
            _table(sheet, table)
            if table.key == "近10周趋势":
                _trend_charts(sheet, len(table.rows), report.language)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _summary(sheet: Worksheet, report: WeeklyReport) -> None:
    sheet.title = t("report.sheet.summary", report.language)
    sheet.append([_value(report.title)])
    sheet["A1"].font = Font(bold=True, size=14)
    for line in header_lines(report):
        sheet.append([_value(line)])
    sheet.append([])
    for paragraph in filter(None, [report.summary.notice, *paragraphs(report.summary.text)]):
        sheet.append([_value(paragraph)])
        sheet.cell(sheet.max_row, 1).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 120


def _sheet_name(book: Workbook, key: str) -> str:
    name = key.translate(FORBIDDEN)[:31] or "表"
    n = 2
    while name in book.sheetnames:
        name, n = f"{key[:28]}_{n}", n + 1
    return name


def _table(sheet: Worksheet, table: Table) -> None:
    sheet.append([_value(h) for h in table.headers])
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    for row in table.rows:
        sheet.append([_value(c) for c in row])
        for column, c in enumerate(row, start=1):
            if isinstance(c, Num) and c.kind == RATIO:
                sheet.cell(sheet.max_row, column).number_format = "+0.0%;-0.0%;0.0%" if c.signed else "0.0%"
    sheet.freeze_panes = "A2"
    for column, header in enumerate(table.headers, start=1):
        longest = max([len(str(header))] + [len(str(_value(r[column - 1]))) for r in table.rows[:200]])
        sheet.column_dimensions[get_column_letter(column)].width = min(max(8, longest * 1.6), 60)


def _value(cell: object) -> object:
    if isinstance(cell, Num):
        return cell.value
    if isinstance(cell, str):
        cell = ILLEGAL_CHARACTERS_RE.sub("", cell)  # control characters from chat exports break the file
    return safe_cell(cell)


def _trend_charts(sheet: Worksheet, rows: int, lang: str) -> None:
    """Members as a line, joins and exits as bars, next to the trend table."""
    weeks = Reference(sheet, min_col=1, min_row=2, max_row=rows + 1)
    line = LineChart()
    line.title, line.height, line.width = t("report.c.members", lang), 7, 16
    line.add_data(Reference(sheet, min_col=2, min_row=1, max_row=rows + 1), titles_from_data=True)
    line.set_categories(weeks)
    sheet.add_chart(line, "G2")
    bars = BarChart()
    bars.title, bars.height, bars.width = t("dash.flow_chart", lang), 7, 16
    bars.add_data(Reference(sheet, min_col=3, max_col=4, min_row=1, max_row=rows + 1), titles_from_data=True)
    bars.set_categories(weeks)
    sheet.add_chart(bars, "G17")
