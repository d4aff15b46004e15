"""Query expansion with a small synonym table of community-operations vocabulary.

Operators ask "投诉多久要回复" while the playbook says "客诉 … 1小时响应"; a lexical search and
a lexical embedding both miss that without help. The table (``synonyms.txt``) is data, kept
short and specific to the domain so that expansion adds recall without drowning the query.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

SYNONYMS_FILE = Path(__file__).parent / "synonyms.txt"


@cache
def _groups() -> tuple[tuple[str, ...], ...]:
    lines = SYNONYMS_FILE.read_text(encoding="utf-8").splitlines()
    return tuple(tuple(line.split()) for line in lines if line.strip() and not line.startswith("#"))


def expand_query(query: str) -> str:
    """``query`` followed by the synonyms of the terms it contains (each added once)."""
    extra: list[str] = []
    for group in _groups():
        if any(term in query for term in group):
            extra.extend(t for t in group if t not in query and t not in extra)
    return f"{query} {' '.join(extra)}" if extra else query
