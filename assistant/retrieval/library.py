"""The user's document library: a copy of every uploaded file and a manifest describing it.

Keeping the original bytes is what makes ``kb rebuild`` possible (the index can always be
rebuilt from sources) and lets a changed file be compared with the one it replaces. The manifest
is one JSON file, rewritten atomically, listing for each document the chunk ids it contributes;
a chunk shared by several documents (a merged near-duplicate) is deleted only with its last one.

A stored file never carries the name its uploader chose: it is saved under a generated name
(``stored_as``), the original kept only as the document's name in the manifest. A manifest may
come from a workspace archive someone else made, so every path read from it is resolved and
refused unless it is a plain file directly inside ``files/``.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import uuid
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path, PurePath

from ..errors import InputError
from ..i18n import t
from ..safety.limits import parse_json

_GENERATED = re.compile(r"[0-9a-f]{32}(?:\.[a-z0-9]{1,8})?")
_SUFFIX = re.compile(r"\.[a-z0-9]{1,8}")


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
    stored_as: str = ""  # the generated file name under files/ ("" in libraries older than it: the name)

    @classmethod
    def from_manifest(cls, item: object, language: str = "zh") -> DocumentEntry:
        """An entry of a manifest as read from disk (or from an archive someone else made)."""
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise InputError(t("kb.error.manifest_items", language))
        known = {f.name for f in fields(cls)}
        entry = cls(**{"kind": "", "size": 0, "sha256": "", "added_at": "",
                       **{k: v for k, v in item.items() if k in known}})
        if not isinstance(entry.stored_as, str) or not isinstance(entry.chunk_ids, list):
            raise InputError(t("kb.error.manifest_entry", language, name=entry.name[:80]))
        return entry

    def file_name(self, language: str = "zh") -> str:
        """The name of its file under ``files/``, checked: a plain name that cannot leave the folder
        (else refused in ``language``)."""
        stored = self.stored_as or self.name
        if not (_GENERATED.fullmatch(stored) if self.stored_as else _is_plain_name(stored)):
            raise InputError(t("kb.error.unsafe_path", language, name=self.name[:80], stored=repr(stored[:80])))
        return stored


class DocumentLibrary:
    """Files and manifest under one folder of the data dir."""

    def __init__(self, root: Path, language: str = "zh") -> None:
        self.root = root
        self.language = language  # of its fix-it errors
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
            raw = read_manifest(self._manifest.read_bytes(), str(self._manifest), self.language)
            entries = [DocumentEntry.from_manifest(item, self.language) for item in raw]
            self._parsed = (version, {entry.name: entry for entry in entries})
        return {name: replace(entry) for name, entry in self._parsed[1].items()}

    def get(self, name: str) -> DocumentEntry | None:
        return self.entries().get(name)

    def read(self, entry: DocumentEntry) -> bytes:
        """The stored bytes of ``entry``; :class:`InputError` when its file is missing or unsafe."""
        path = self.path_of(entry)
        try:
            return path.read_bytes()
        except OSError as exc:
            raise InputError(t("kb.error.unreadable", self.language, name=entry.name, error=exc.strerror)) from exc

    def path_of(self, entry: DocumentEntry) -> Path:
        """Where ``entry``'s file is: a plain file directly inside ``files/``, or refused."""
        path = self.files / entry.file_name(self.language)
        if path.is_symlink() or path.resolve().parent != self.files.resolve():
            raise InputError(t("kb.error.outside", self.language, name=entry.name[:80]))
        return path

    def save(self, entry: DocumentEntry, data: bytes | None) -> None:
        """Record ``entry`` (and store ``data`` as its file, under a generated name, when given)."""
        entries = self.entries()
        previous = entries.get(entry.name)
        if data is not None:
            entry.stored_as = uuid.uuid4().hex + _suffix(entry.name)
            _atomic_write(self.files / entry.stored_as, data)
        entries[entry.name] = entry
        self._write(entries)
        if data is not None and previous is not None:
            self._unlink(previous)

    def delete(self, name: str) -> None:
        """Forget ``name`` and delete its stored file."""
        entry = self.get(name)
        self.forget(name)
        if entry is not None:
            self._unlink(entry)

    def prune(self) -> int:
        """Delete stored files no manifest entry names (left by a rebuild or a killed upload)."""
        kept = {e.stored_as or e.name for e in self.entries().values()}  # unsafe names match no file here
        stale = [p for p in self.files.iterdir() if p.name not in kept and not p.name.startswith(".tmp-")]
        for path in stale:
            path.unlink(missing_ok=True)
        return len(stale)

    def _unlink(self, entry: DocumentEntry) -> None:
        try:
            self.path_of(entry).unlink(missing_ok=True)
        except InputError:
            pass  # a path that is not ours is never touched

    def forget(self, name: str) -> None:
        """Drop ``name`` from the manifest but keep its file (a rebuild re-reads it)."""
        entries = self.entries()
        entries.pop(name, None)
        self._write(entries)

    def _write(self, entries: dict[str, DocumentEntry]) -> None:
        payload = json.dumps([asdict(e) for e in entries.values()], ensure_ascii=False, indent=1)
        _atomic_write(self._manifest, payload.encode("utf-8"))
        self._parsed = (_version(self._manifest.stat()), {name: replace(e) for name, e in entries.items()})


def safe_name(name: str, language: str = "zh") -> str:
    """The file name part of ``name``, refused when it could escape the library folder."""
    base = re.split(r"[\\/]", name.strip())[-1]
    if not base or base in {".", ".."} or base.startswith(".") or "\x00" in base:
        raise InputError(t("kb.error.file_name", language, name=repr(name)))
    return base


def read_manifest(data: bytes, where: str, language: str = "zh") -> list:
    """The parsed manifest (a list of entries); :class:`InputError` when it is damaged."""
    try:
        raw = parse_json(data.decode("utf-8"), where)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(t("kb.error.manifest", language, where=where, error=exc)) from exc
    return raw if isinstance(raw, list) else [raw]


def _is_plain_name(name: str) -> bool:
    try:
        return safe_name(name) == name
    except InputError:
        return False


def _suffix(name: str) -> str:
    suffix = PurePath(name).suffix.lower()
    return suffix if _SUFFIX.fullmatch(suffix) else ""


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
