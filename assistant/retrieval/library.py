"""The user's document library: a copy of every uploaded file and a manifest describing it.

Keeping the original bytes is what makes ``kb rebuild`` possible (the index can always be
rebuilt from sources) and lets a changed file be compared with the one it replaces. The manifest
is one JSON file, rewritten atomically, listing for each document the chunk ids it contributes;
a chunk shared by several documents (a merged near-duplicate) is deleted only with its last one.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from ..errors import InputError


@dataclass
class DocumentEntry:
    """One uploaded document as the manifest records it."""

    name: str
    kind: str
    size: int
    sha256: str
    added_at: str
    chunk_ids: list[str] = field(default_factory=list)
    encoding: str | None = None
    notes: list[str] = field(default_factory=list)


class DocumentLibrary:
    """Files and manifest under one folder of the data dir."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files = root / "files"
        self.files.mkdir(parents=True, exist_ok=True)
        self._manifest = root / "manifest.json"
        self._parsed: tuple[tuple[int, int, int], dict[str, DocumentEntry]] | None = None

    def entries(self) -> dict[str, DocumentEntry]:
        # Parsed again only when the file changed (it is replaced on every write, so another
        # process's write shows as a new inode): with 1,000 documents the manifest is ~4 MB,
        # and an upload reads it four times.
        try:
            stat = self._manifest.stat()
        except FileNotFoundError:
            return {}
        version = _version(stat)
        if self._parsed is None or self._parsed[0] != version:
            raw = json.loads(self._manifest.read_text(encoding="utf-8"))
            self._parsed = (version, {item["name"]: DocumentEntry(**item) for item in raw})
        return {name: replace(entry) for name, entry in self._parsed[1].items()}

    def get(self, name: str) -> DocumentEntry | None:
        return self.entries().get(name)

    def read(self, name: str) -> bytes:
        return (self.files / name).read_bytes()

    def save(self, entry: DocumentEntry, data: bytes | None) -> None:
        """Record ``entry`` (and store ``data`` as its file when given)."""
        if data is not None:
            _atomic_write(self.files / entry.name, data)
        entries = self.entries()
        entries[entry.name] = entry
        self._write(entries)

    def delete(self, name: str) -> None:
        """Forget ``name`` and delete its stored file."""
        self.forget(name)
        (self.files / name).unlink(missing_ok=True)

    def forget(self, name: str) -> None:
        """Drop ``name`` from the manifest but keep its file (a rebuild re-reads it)."""
        entries = self.entries()
        entries.pop(name, None)
        self._write(entries)

    def _write(self, entries: dict[str, DocumentEntry]) -> None:
        payload = json.dumps([asdict(e) for e in entries.values()], ensure_ascii=False, indent=1)
        _atomic_write(self._manifest, payload.encode("utf-8"))
        self._parsed = (_version(self._manifest.stat()), {name: replace(e) for name, e in entries.items()})


def safe_name(name: str) -> str:
    """The file name part of ``name``, refused when it could escape the library folder."""
    base = re.split(r"[\\/]", name.strip())[-1]
    if not base or base in {".", ".."} or base.startswith(".") or "\x00" in base:
        raise InputError(f"文件名不可用: {name!r}")
    return base


def _version(stat: os.stat_result) -> tuple[int, int, int]:
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


def _atomic_write(path: Path, data: bytes) -> None:
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
