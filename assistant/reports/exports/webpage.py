"""The report as one self-contained HTML file: inline CSS, inline SVG charts, no script, no network.

The charts are the dashboard's chart definitions (``reports.charts``) rendered to SVG offline.

It opens in any browser, survives being mailed or put on a shared drive, and prints well. All text
is escaped with ``html.escape``: group names, questions and evidence come from chat exports.
"""

from __future__ import annotations

from html import escape

from ..layout import Section, header_lines, sections, shown
from ..model import Num, Table, WeeklyReport, cell_text
from .. import charts

STYLE = """
body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;max-width:980px;margin:24px auto;
padding:0 16px;color:#222;line-height:1.6}
h1{font-size:24px;margin-bottom:4px}h2{font-size:19px;border-bottom:2px solid #2f6fde;padding-bottom:4px;margin-top:32px}
.meta{color:#666;font-size:13px}.notice{background:#fff4e5;border-left:4px solid #f0a202;padding:8px 12px}
table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:13px}
th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f3f6fb}
td.num{text-align:right;white-space:nowrap}caption{text-align:left;font-weight:bold;padding:4px 0}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,420px),1fr));gap:12px}
.chart{border:1px solid #eee;border-radius:6px;padding:8px;overflow-x:auto}.chart svg{max-width:100%;height:auto}.rest{color:#666;font-size:12px}
@media print{.charts{display:block}.chart{page-break-inside:avoid}}
"""


def render(report: WeeklyReport) -> str:
    meta = "".join(f'<p class="meta">{escape(line)}</p>' for line in header_lines(report))
    body = "".join(_section(s, n == 0 and bool(report.summary.notice)) for n, s in enumerate(sections(report)))
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(report.title)}</title><style>{STYLE}</style></head>"
            f"<body><h1>{escape(report.title)}</h1>{meta}{body}</body></html>\n")


def _section(section: Section, first_is_notice: bool) -> str:
    parts = [f"<section><h2>{escape(section.title)}</h2>"]
    for n, paragraph in enumerate(section.text):
        css = ' class="notice"' if first_is_notice and n == 0 else ""
        parts.append(f"<p{css}>{escape(paragraph)}</p>")
    if section.charts:
        parts.append('<div class="charts">' + "".join(f'<div class="chart">{charts.svg(c)}</div>' for c in section.charts)
                     + "</div>")
    parts += [_table(t) for t in section.tables]
    if section.items:
        tag = "ol" if section.numbered else "ul"
        parts.append(f"<{tag}>" + "".join(f"<li>{escape(item)}</li>" for item in section.items) + f"</{tag}>")
    return "".join(parts) + "</section>"


def _table(table: Table) -> str:
    rows, rest = shown(table)
    head = "".join(f"<th>{escape(h)}</th>" for h in table.headers)
    body = "".join("<tr>" + "".join(_cell(c) for c in row) + "</tr>" for row in rows)
    note = f'<p class="rest">{escape(rest)}</p>' if rest else ""
    return f"<table><caption>{escape(table.title)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{note}"


def _cell(cell: object) -> str:
    css = ' class="num"' if isinstance(cell, Num | int | float) else ""
    return f"<td{css}>{escape(cell_text(cell))}</td>"
