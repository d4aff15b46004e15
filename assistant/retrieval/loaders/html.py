"""HTML pages (saved help-center articles, exported wiki pages): visible text only, h1–h6 as
headings; scripts, styles and forms are dropped and never executed."""

from __future__ import annotations

from pathlib import PurePath

from bs4 import BeautifulSoup

from ..chunking import chunk_markdown
from .decoding import decode_text
from .document import LoadedDocument

_BLOCKS = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr", "pre", "blockquote", "dd", "dt"]


def load_html(name: str, data: bytes, language: str = "zh") -> LoadedDocument:
    text, encoding = decode_text(data, name, language)
    soup = BeautifulSoup(text, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "form", "nav", "footer"]):
        tag.decompose()
    lines = [_line(el) for el in soup.find_all(_BLOCKS) if not el.find_parent(_BLOCKS)]
    title = soup.title.get_text(strip=True) if soup.title else PurePath(name).stem
    markdown = "\n".join(line for line in lines if line)
    return LoadedDocument(name, "html", chunk_markdown(name, markdown, (title or PurePath(name).stem,)), encoding)


def _line(element) -> str:  # type: ignore[no-untyped-def]
    if element.name == "tr":
        return "| " + " | ".join(c.get_text(" ", strip=True) for c in element.find_all(["td", "th"])) + " |"
    text = element.get_text(" ", strip=True)
    if not text:
        return ""
    if element.name[0] == "h" and element.name[1:].isdigit():
        return f"{'#' * (int(element.name[1:]) + 1)} {text}"
    return f"- {text}" if element.name == "li" else text
