"""Key sentences: the few sentences of the retrieved passages that answer the question most directly.

The offline composer leads with them, so an operator who asks "退群率多少算正常？" reads the
threshold sentence first instead of scanning four passages.
"""

from __future__ import annotations

from ..retrieval.chunking import split_sentences
from ..retrieval.passage import Passage
from ..retrieval.tokenizer import tokenize

_MIN_CHARS = 8
_MAX_CHARS = 160


def key_sentences(question: str, passages: list[Passage], limit: int = 3, budget: int = 0) -> list[dict[str, object]]:
    """Up to ``limit`` sentences sharing the most question terms: ``{"text", "n"}``, best first.

    With a ``budget`` (characters), sentences are taken while they fit in it, and when no
    sentence shares a term with the question (an English question over Chinese passages) the
    first sentence of the best passage leads.
    """
    terms = set(tokenize(question))
    if not terms:
        return []
    scored: list[tuple[float, int, str]] = []
    for n, passage in enumerate(passages, start=1):
        for sentence in split_sentences(passage.body):
            text = sentence.strip("-*| ").strip()
            if not _MIN_CHARS <= len(text) <= _MAX_CHARS or set(text) <= set("|-: "):
                continue
            overlap = len(terms & set(tokenize(text)))
            if overlap:
                # Earlier passages rank higher on ties: retrieval already judged them better.
                scored.append((overlap - 0.01 * n, n, text))
    scored.sort(key=lambda item: item[0], reverse=True)
    if not scored and budget and passages:
        scored = [(0.0, 1, s.strip("-*| ").strip()) for s in split_sentences(passages[0].body)[:1]]
    picked: list[dict[str, object]] = []
    used = 0
    for _, n, text in scored:
        if budget and used + len(text) > budget:
            if picked:
                continue
            text = text[: budget - 1] + "…"
        if all(text != p["text"] for p in picked):
            picked.append({"text": text, "n": n})
            used += len(text)
        if len(picked) == limit:
            break
    return picked
