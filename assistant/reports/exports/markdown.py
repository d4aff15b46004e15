"""The report as Markdown: the preview on the reports page and a file that pastes anywhere.

Text from chat exports (questions, evidence, sender and group names) can contain Markdown or
HTML; every piece of text is escaped so that it shows as written and never as a link or markup.
Charts appear as their tables; the HTML version draws them.
"""

from __future__ import annotations

import re

from ...safety.markup import break_autolinks
from ..layout import Section, header_lines, sections, shown
from ..model import Table, WeeklyReport, cell_text

# Underscores inside words never make emphasis (CommonMark), so ids like spam_ads stay readable.
_SPECIAL = re.compile(r"([\\`*\[\]<>#|~$]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z]))")


def escape(text: str) -> str:
    """``text`` with Markdown's special characters backslash-escaped, addresses that viewers would
    link made inert, and line breaks flattened: it reads as written and links nowhere."""
    flat = _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
    return break_autolinks(flat)


def render(report: WeeklyReport) -> str:
    lines = [f"# {escape(report.title)}", ""]
    lines += [f"> {escape(line)}  " for line in header_lines(report)] + [""]
    for section in sections(report):
        lines += _section(section)
    return "\n".join(lines).rstrip() + "\n"


def _section(section: Section) -> list[str]:
    lines = [f"## {escape(section.title)}", ""]
    for paragraph in section.text:
        lines += [escape(paragraph), ""]
    for table in section.tables:
        lines += _table(table)
    for n, item in enumerate(section.items, start=1):
        lines.append(f"{n}. {escape(item)}" if section.numbered else f"- {escape(item)}")
    return lines + ([""] if section.items else [])


def _table(table: Table) -> list[str]:
    rows, rest = shown(table)
    lines = [f"**{escape(table.title)}**", "", "| " + " | ".join(escape(h) for h in table.headers) + " |",
             "|" + "---|" * len(table.headers)]
    lines += ["| " + " | ".join(escape(cell_text(c)) for c in row) + " |" for row in rows]
    return lines + ([""] + [escape(rest)] if rest else []) + [""]
