"""QQ via QQChatExporter: the chunked JSON Lines export, as a folder or a zip of it.

``<name>_chunked_jsonl/manifest.json`` holds ``metadata``, ``chatInfo``, ``statistics`` and
``chunked{format:"jsonl", chunksDir, chunks[{index, fileName, relativePath, count, …}]}``; each
``chunks/c000001.jsonl`` holds one message per line (the current QCE message shape, read by
:mod:`.qce`). Import the folder (or ``manifest.json``) or the zip. The manifest states how many
messages every chunk holds: a missing chunk, or one with fewer lines, means the export or the copy
was cut short, and the whole export is refused rather than half-imported.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

from ...i18n import t
from ..batch import Batch
from ..encoding import decode
from ..errors import InputError
from ..options import ImportOptions
from ..source import Source
from .base import json_lines, load_json, truncated
from .qce import Reader

NAME = "qce_chunked"
LABEL = "QQ · QQChatExporter 分块 JSONL（manifest.json + chunks/）"
PLATFORM = "qq"
SIGNATURE = 'manifest.json：{"metadata": …, "chatInfo": …, "chunked": {"format": "jsonl", "chunks": […]}}'
MANIFEST = "manifest.json"


def sniff(source: Source) -> bool:
    if source.is_zip:
        return _manifest_member(source) is not None
    head = source.head.lstrip("\ufeff").lstrip()
    if not head.startswith("{") or '"chatInfo"' not in head:
        return False
    beside_chunks = source.path is not None and (source.path.parent / "chunks").is_dir()
    return '"chunked"' in head or beside_chunks


def parts(source: Source) -> list[Path]:
    """The chunk files beside a manifest: part of the export's identity (a changed chunk is a new import)."""
    if source.is_zip or source.path is None:
        return []
    return sorted((source.path.parent / "chunks").glob("*.jsonl"))


def read(source: Source, options: ImportOptions, batch: Batch) -> None:
    if source.is_zip:
        member = _manifest_member(source)
        assert member is not None  # sniffed
        text = decode(source.read_member(member))[0]
        read_manifest(source, options, batch, load_json(source, text), posixpath.dirname(member))
        return
    read_manifest(source, options, batch, load_json(source))


def read_manifest(source: Source, options: ImportOptions, batch: Batch, manifest: Any, base: str = "") -> None:
    """Read every chunk the manifest lists, in order (``base``: the manifest's folder inside a zip)."""
    chunked = manifest.get("chunked") if isinstance(manifest, dict) else None
    if not isinstance(chunked, dict) or not isinstance(chunked.get("chunks"), list):
        raise InputError(t("import.error.qce_manifest", source.language, file=source.name))
    reader = Reader(source, options, batch, manifest.get("chatInfo") or {})
    position = 0  # across chunks: orders identical messages within a second
    for chunk in chunked["chunks"]:
        relative = str(chunk.get("relativePath") or posixpath.join(chunked.get("chunksDir", "chunks"),
                                                                   str(chunk.get("fileName"))))  # fmt: skip
        text = _chunk_text(source, posixpath.join(base, relative) if base else relative)
        count = 0
        for _, item in json_lines(source, text, f"{relative} "):
            position += 1
            reader.message(item, position)
            count += 1
        if isinstance(chunk.get("count"), int) and count < chunk["count"]:
            raise truncated(source, t("import.cut.chunk_count", source.language, chunk=relative, count=chunk["count"], found=count))
    reader.finish()


def _chunk_text(source: Source, relative: str) -> str:
    if source.is_zip:
        if relative not in source.members():
            raise truncated(source, t("import.cut.zip_chunk", source.language, chunk=relative))
        return decode(source.read_member(relative))[0]
    path = source.path.parent / relative  # type: ignore[union-attr]
    if not path.is_file():
        raise truncated(source, t("import.cut.chunk_file", source.language, chunk=relative))
    return decode(path.read_bytes())[0]


def _manifest_member(source: Source) -> str | None:
    """The zip's ``…/manifest.json`` that lists chunks, if any."""
    for name in source.members():
        if posixpath.basename(name) == MANIFEST:
            head = source.read_member(name)[:65536].decode("utf-8", errors="replace")
            if '"chunked"' in head or '"chatInfo"' in head:
                return name
    return None


