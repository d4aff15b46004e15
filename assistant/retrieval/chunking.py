"""Chinese-aware chunking of markdown playbooks.

A chunk is a run of whole sentences under one heading path. Sentences end at 。！？!? (and at
line ends, so list items and table rows stay whole); a chunk never cuts one, except a single
"sentence" longer than the hard limit, which is split at its last comma or semicolon before the
limit. The heading path travels with every chunk, so a retrieved passage says where it came from
and carries its topic words even when the body does not repeat them.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

TARGET_CHARS = 360
HARD_LIMIT = 600
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_COMMENT = re.compile(r"^\s*<!--(.*?)-->\s*$")
_HINT = re.compile(r"^\s*检索词\s*[:：](.*)$")
_SENTENCE = re.compile(r".*?(?:[。！？!?]+[”’」』）)]*|\n|$)", re.S)
_SOFT_BREAK = re.compile(r"[，、；,;：:]")
_LIST_ITEM = re.compile(r"^(?:[-*+]\s|\d+[.)、]\s?)")


@dataclass(frozen=True)
class Chunk:
    """A retrievable passage with where it came from."""

    source: str
    headings: tuple[str, ...]
    body: str
    position: int
    metadata: dict[str, str | int] = field(default_factory=dict, compare=False)
    hints: str = ""

    @property
    def title(self) -> str:
        return " › ".join(self.headings)

    @property
    def text(self) -> str:
        """What is embedded and indexed: the heading path, then the body."""
        return f"{self.title}\n{self.body}" if self.headings else self.body

    @property
    def index_text(self) -> str:
        """What search sees: the text plus the section's search hints, which are not shown."""
        return f"{self.text}\n{self.hints}" if self.hints else self.text

    @property
    def id(self) -> str:
        """A content hash: the same passage of the same file always gets the same id."""
        return hashlib.sha256(f"{self.source}\x00{self.index_text}".encode()).hexdigest()[:32]


def chunk_markdown(source: str, markdown: str, root: tuple[str, ...] = ()) -> list[Chunk]:
    """Split a markdown document into heading-scoped chunks of whole sentences.

    ``root`` is prepended to every heading path (e.g. the file's title for a document whose
    text has no heading of its own).
    """
    chunks: list[Chunk] = []
    for headings, body, hints in markdown_sections(markdown):
        for piece in pack_sentences(split_sentences(body)):
            chunks.append(Chunk(source, (*root, *headings), piece, len(chunks), hints=hints))
    return chunks


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text`` with their end punctuation; blank lines dropped."""
    sentences = []
    for match in _SENTENCE.finditer(text):
        sentence = match.group(0).strip()
        if sentence:
            sentences.extend(_split_overlong(sentence))
    return sentences


def pack_sentences(sentences: list[str], target: int = TARGET_CHARS) -> list[str]:
    """Greedily pack whole sentences into pieces of about ``target`` characters."""
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for sentence in sentences:
        if current and size + len(sentence) > target:
            pieces.append(_join(current))
            current, size = [], 0
        current.append(sentence)
        size += len(sentence)
    if current:
        pieces.append(_join(current))
    return pieces


def markdown_sections(markdown: str) -> list[tuple[tuple[str, ...], str, str]]:
    """``(heading path, body, search hints)`` of each headed part of ``markdown``, in order.

    A line ``<!-- 检索词：a；b -->`` gives the section's search hints: words operators use for
    it that the text itself does not. Other single-line comments are dropped, as a reader of
    the rendered page never sees them either.
    """
    sections: list[tuple[tuple[str, ...], str, str]] = []
    path: list[tuple[int, str]] = []
    lines: list[str] = []
    hints: list[str] = []

    def flush() -> None:
        if "".join(lines).strip():
            sections.append((tuple(title for _, title in path), "\n".join(lines), " ".join(hints)))
        lines.clear()

    for line in markdown.splitlines():
        heading = _HEADING.match(line)
        comment = _COMMENT.match(line)
        if comment:
            hint = _HINT.match(comment.group(1))
            if hint:
                hints.append(re.sub(r"[；;，,、]", " ", hint.group(1)).strip())
        elif heading:
            flush()
            hints.clear()
            level = len(heading.group(1))
            path[:] = [(lvl, title) for lvl, title in path if lvl < level]
            path.append((level, heading.group(2)))
        else:
            lines.append(line)
    flush()
    return sections


def _split_overlong(sentence: str) -> list[str]:
    parts = []
    while len(sentence) > HARD_LIMIT:
        breaks = [m.end() for m in _SOFT_BREAK.finditer(sentence, 0, HARD_LIMIT)]
        cut = breaks[-1] if breaks else HARD_LIMIT
        parts.append(sentence[:cut])
        sentence = sentence[cut:]
    return [*parts, sentence] if sentence else parts


def _join(sentences: list[str]) -> str:
    # List items and table rows keep their own lines; prose sentences run on. A blank line
    # closes a table or a list before prose, or markdown would swallow the prose into it.
    text, previous = "", ""
    for sentence in sentences:
        if text:
            text += _separator(previous, sentence)
        text += sentence
        previous = sentence
    return text


def _separator(previous: str, current: str) -> str:
    kinds = [_kind(previous), _kind(current)]
    if kinds[0] != kinds[1] and kinds != ["prose", "item"]:
        return "\n\n"
    return "" if kinds == ["prose", "prose"] else "\n"


def _kind(line: str) -> str:
    if line.startswith("|"):
        return "row"
    return "item" if _LIST_ITEM.match(line) else "prose"
