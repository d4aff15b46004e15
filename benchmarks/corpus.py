"""A large, realistic Chinese knowledge base made from the bundled playbooks.

Search speed depends on what the text looks like: how many distinct jieba words and bigrams it
has, how long the posting lists of common terms grow, how long chunks are. Random characters
would make BM25 look fast (every term rare) and the embedding look slow (every feature new), so
the generator recombines the real prose sentences of ``knowledge/*.md`` under real headings:
every generated document is a markdown file a user could upload, and each of its sections packs
into exactly one chunk (about 300 characters, as real chunks are). Output is deterministic.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from assistant.retrieval.chunking import TARGET_CHARS, markdown_sections, split_sentences

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "knowledge"
SECTIONS_PER_DOCUMENT = 100
_SECTION_CHARS = TARGET_CHARS - 60  # stays one chunk after the heading and joins are added


@dataclass(frozen=True)
class Pool:
    """What documents are recombined from: section headings and prose sentences."""

    headings: tuple[str, ...]
    sentences: tuple[str, ...]


@cache
def pool() -> Pool:
    headings: list[str] = []
    sentences: list[str] = []
    for path in sorted(KNOWLEDGE.glob("*.md")):
        for path_titles, body, _hints in markdown_sections(path.read_text(encoding="utf-8")):
            headings.extend(path_titles[1:])
            sentences.extend(s for s in split_sentences(body) if _is_prose(s))
    return Pool(tuple(dict.fromkeys(headings)), tuple(dict.fromkeys(sentences)))


def _is_prose(sentence: str) -> bool:
    return len(sentence) >= 8 and not sentence.startswith(("|", "-", "*", ">"))


def document(number: int, sections: int = SECTIONS_PER_DOCUMENT) -> tuple[str, bytes]:
    """The generated markdown file ``number``: its upload name and UTF-8 bytes."""
    rng = random.Random(number)
    source = pool()
    lines = [f"# 运营资料汇编 第{number}册", ""]
    for index in range(sections):
        lines += [f"## {rng.choice(source.headings)}（{number}-{index}）", "", _paragraph(rng, source.sentences), ""]
    return f"运营资料{number:05d}.md", "\n".join(lines).encode("utf-8")


def _paragraph(rng: random.Random, sentences: tuple[str, ...]) -> str:
    picked: list[str] = []
    size = 0
    while size < _SECTION_CHARS - 40:
        sentence = rng.choice(sentences)
        if size + len(sentence) > _SECTION_CHARS:
            break
        picked.append(sentence)
        size += len(sentence)
    return "".join(picked)


def documents(chunks: int, sections: int = SECTIONS_PER_DOCUMENT) -> Iterator[tuple[str, bytes]]:
    """Enough generated documents for ``chunks`` chunks (one chunk per section)."""
    for number in range(-(-chunks // sections)):
        yield document(number, min(sections, chunks - number * sections))


def queries(count: int, seed: int = 7) -> list[str]:
    """Operator-style questions: real ones from the labelled set, cycled and shuffled."""
    path = ROOT / "tests" / "data" / "playbook_questions.tsv"
    rows = path.read_text(encoding="utf-8").splitlines()[1:]
    questions = [row.split("\t")[0] for row in rows if row.strip()]
    random.Random(seed).shuffle(questions)
    return [questions[i % len(questions)] for i in range(count)]
