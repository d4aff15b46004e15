"""Near-duplicate detection between chunks.

Operators upload the same SOP twice under different names, or a new version that repeats most
paragraphs of the old one. Indexing every copy would fill the top results with the same
paragraph. Two chunks whose bodies share at least ``THRESHOLD`` of their character trigrams
(Jaccard similarity, after dropping whitespace and punctuation) are treated as one passage.
"""

from __future__ import annotations

import re

THRESHOLD = 0.85
_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


def shingles(text: str, size: int = 3) -> frozenset[str]:
    """Character ``size``-grams of ``text`` without whitespace and punctuation."""
    core = _NOISE.sub("", text.lower())
    if len(core) <= size:
        return frozenset({core}) if core else frozenset()
    return frozenset(core[i : i + size] for i in range(len(core) - size + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def is_near_duplicate(a: str, b: str) -> bool:
    return jaccard(shingles(a), shingles(b)) >= THRESHOLD
