"""Markdown and plain-text documents (with Chinese numbered headings recognised in plain text)."""

from __future__ import annotations

from pathlib import PurePath

from ..chunking import chunk_markdown
from .decoding import decode_text
from .document import LoadedDocument
from .headings import mark_headings


def load_markdown(name: str, data: bytes, language: str = "zh") -> LoadedDocument:
    text, encoding = decode_text(data, name, language)
    root = () if text.lstrip().startswith("#") else (PurePath(name).stem,)
    return LoadedDocument(name, "md", chunk_markdown(name, text, root), encoding)


def load_text(name: str, data: bytes, language: str = "zh") -> LoadedDocument:
    text, encoding = decode_text(data, name, language)
    return LoadedDocument(name, "txt", chunk_markdown(name, mark_headings(text), (PurePath(name).stem,)), encoding)
