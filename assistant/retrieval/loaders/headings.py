"""Recognising the headings of Chinese documents that have no markup.

SOPs written in Word or exported to PDF and TXT number their sections the Chinese way
(第一章, 一、, （一）, 1.1). Marking those lines as markdown headings lets the chunker keep each
section's title with its passages, as it does for markdown playbooks.
"""

from __future__ import annotations

import re

MAX_HEADING_CHARS = 30
_CN_NUM = "一二三四五六七八九十百零〇"
_PATTERNS = (
    (1, re.compile(rf"^第[{_CN_NUM}\d]+[章部篇]")),
    (2, re.compile(rf"^第[{_CN_NUM}\d]+节")),
    (2, re.compile(rf"^[{_CN_NUM}]+[、.．]")),
    (3, re.compile(rf"^[（(][{_CN_NUM}]+[)）]")),
    (3, re.compile(r"^\d+(?:\.\d+)+\s*\S")),
    (3, re.compile(r"^\d+[、.．]\s*\S")),
)
_SENTENCE_END = re.compile(r"[。！？!?；;，,：:]$")


def heading_level(line: str) -> int | None:
    """The outline level of ``line`` if it reads as a section title, else ``None``."""
    line = line.strip()
    if not line or len(line) > MAX_HEADING_CHARS or _SENTENCE_END.search(line):
        return None
    for level, pattern in _PATTERNS:
        if pattern.match(line):
            return level
    return None


def mark_headings(text: str) -> str:
    """``text`` with its numbered section titles turned into markdown headings."""
    lines = []
    for line in text.splitlines():
        level = heading_level(line)
        lines.append(f"{'#' * (level + 1)} {line.strip()}" if level else line)
    return "\n".join(lines)
