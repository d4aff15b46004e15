"""Query expansion with a small synonym table of community-operations vocabulary.

Operators ask "投诉多久要回复" while the playbook says "客诉 … 1小时响应"; a lexical search and
a lexical embedding both miss that without help. The table (``synonyms.txt``) is data, kept
short and specific to the domain so that expansion adds recall without drowning the query.
English questions get the same help from ``glossary_en.txt`` (cross-lingual: "exit rate" → 退群率),
so BM25 can match the Chinese playbooks and the semantic model sees the trade's terms.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

SYNONYMS_FILE = Path(__file__).parent / "synonyms.txt"
# English questions over Chinese playbooks: English phrase → the playbooks' Chinese terms.
GLOSSARY_FILE = Path(__file__).parent / "glossary_en.txt"
# English questions about the groups' history: English words → what members write (chat_terms_en.txt).
CHAT_TERMS_FILE = Path(__file__).parent / "chat_terms_en.txt"
_LATIN = re.compile(r"[A-Za-z]{3,}")


@cache
def _groups() -> tuple[tuple[str, ...], ...]:
    lines = SYNONYMS_FILE.read_text(encoding="utf-8").splitlines()
    return tuple(tuple(line.split()) for line in lines if line.strip() and not line.startswith("#"))


@cache
def _glossary(path: Path = GLOSSARY_FILE) -> tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]:
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=" not in line or line.startswith("#"):
            continue
        phrases, _, terms = line.partition("=")
        alternatives = "|".join(re.escape(p.strip()) for p in phrases.split(",") if p.strip())
        entries.append((re.compile(rf"(?<![a-z0-9])(?:{alternatives})(?![a-z0-9])", re.IGNORECASE), tuple(terms.split())))
    return tuple(entries)


def expand_query(query: str) -> str:
    """``query`` followed by the synonyms of the terms it contains and, for English words, the
    playbooks' Chinese terms (each added once)."""
    extra: list[str] = []
    for group in _groups():
        if any(term in query for term in group):
            extra.extend(t for t in group if t not in query and t not in extra)
    if _LATIN.search(query):
        extra.extend(t for t in _foreign_terms(query, GLOSSARY_FILE) if t not in query and t not in extra)
    return f"{query} {' '.join(extra)}" if extra else query


def chat_terms(text: str) -> str:
    """``text`` followed by the Chinese words members would use for its English words (chat
    vocabulary and the playbooks' terms); Chinese text comes back as it is."""
    terms = _foreign_terms(text, CHAT_TERMS_FILE, GLOSSARY_FILE) if _LATIN.search(text) else []
    return f"{text} {' '.join(terms)}" if terms else text


def _foreign_terms(text: str, *glossaries: Path) -> list[str]:
    """The Chinese terms ``glossaries`` give for the English phrases in ``text``, in order, each once."""
    found: list[str] = []
    for path in glossaries:
        for pattern, terms in _glossary(path):
            if pattern.search(text):
                found.extend(t for t in terms if t not in found)
    return found
