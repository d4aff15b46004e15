"""A whole workspace in one archive: export it here, import it on another machine.

The archive holds what cannot be recomputed: the history database, the user's documents
(files and manifest) and the saved conversations with their ratings (``chats.db``). The vector index is derived data, tied to an embedding and a Chroma
version, so it is rebuilt after an import instead of being copied. An import is checked before
anything is touched and swaps the new data in only once it is complete; the data it replaces is
kept beside it, so a failed or unwanted import loses nothing.

An archive may come from anyone, so the checks assume a hostile one: sizes, member count and
compression ratios from the central directory before anything is unpacked; only the members a
workspace has (the history file, the chats file, the library manifest and the files it lists, each a
plain name inside its folder; no links, no absolute or parent paths); enough free disk; a history
file that is plain tables of our own schema (no views or macros that could read local files); and a
chats file that is an intact SQLite database of our own tables and indexes (no triggers or views,
which would run when the app next writes to it).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import stat
import tempfile
import time
import zipfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .chats.store import FILE_NAME as CHATS
from .errors import InputError
from .history import catalog
from .history.database import close_db, open_db, release
from .history.integrity import check_foreign_database
from .i18n import t
from .retrieval.library import DocumentEntry, read_manifest
from .safety.limits import WORKSPACE, check_zip, parse_json

FORMAT = "qun-assistant-workspace"
VERSION = 1
MANIFEST = "workspace.json"
HISTORY = "history.duckdb"
LIBRARY = "library"
LIBRARY_MANIFEST = f"{LIBRARY}/manifest.json"
_MAX_MANIFEST = 64 * 1024**2
_DISK_MARGIN = 256 * 1024**2  # left free after unpacking, for the swap and the next writes


@dataclass(frozen=True)
class WorkspaceReport:
    archive: Path
    files: int
    bytes: int
    backup: Path | None = None


def export(data_dir: Path, archive: Path, language: str = "zh") -> WorkspaceReport:
    """Write ``data_dir``'s history and documents to the zip file ``archive`` (errors in ``language``)."""
    members = _members(data_dir, language)
    archive.parent.mkdir(parents=True, exist_ok=True)
    partial = archive.with_suffix(archive.suffix + ".partial")
    with tempfile.TemporaryDirectory() as scratch, zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(MANIFEST, json.dumps({"format": FORMAT, "version": VERSION, "exported_at": time.time()}))
        for path, name in members:
            zf.write(path, name)
        chats = _chats_snapshot(data_dir, Path(scratch))
        if chats:
            zf.write(chats, CHATS)
    partial.replace(archive)  # a half-written archive never carries the final name
    return WorkspaceReport(archive, len(members) + (1 if chats else 0), archive.stat().st_size)


def restore(archive: Path, data_dir: Path, language: str = "zh") -> WorkspaceReport:
    """Replace ``data_dir``'s history and documents with the archive's (old data kept as a backup);
    a refusal is worded in ``language``."""
    with tempfile.TemporaryDirectory(dir=_parent(data_dir)) as staging:
        staged = Path(staging) / "workspace"
        count = _unpack(archive, staged, language)
        if (staged / HISTORY).exists():
            check_foreign_database(staged / HISTORY, language)
        if (staged / CHATS).exists():
            _check_chats(staged / CHATS, archive.name, language)
        backup = _swap(staged, data_dir)
    return WorkspaceReport(archive, count, archive.stat().st_size, backup)


def _chats_snapshot(data_dir: Path, scratch: Path) -> Path | None:
    """A consistent copy of ``chats.db`` (SQLite's online backup: the WAL folded in, writers may go on)."""
    source = data_dir / CHATS
    if not source.exists():
        return None
    copy = scratch / CHATS
    with closing(sqlite3.connect(source, timeout=10)) as con, closing(sqlite3.connect(copy)) as out:
        con.backup(out)
    return copy


def _check_chats(path: Path, name: str, language: str) -> None:
    """An intact SQLite file holding only tables and indexes of the chat store's schema."""
    from .chats.store import MIGRATIONS

    ours = " ".join(script for _, script in MIGRATIONS)
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
            healthy = con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            objects = con.execute("SELECT type, name FROM sqlite_master").fetchall()
    except sqlite3.DatabaseError as exc:
        raise InputError(t("workspace.error.chats_damaged", language, name=name, chats=CHATS, reason=exc)) from exc
    foreign = [f"{kind} {obj}" for kind, obj in objects
               if kind not in ("table", "index") or (obj not in ours and not obj.startswith("sqlite_")
                                                     and obj != "migrations")]
    if not healthy or foreign:
        reason = ", ".join(foreign)[:200] or t("workspace.error.check_failed", language)
        raise InputError(t("workspace.error.chats_foreign", language, name=name, chats=CHATS, reason=reason))


def _members(data_dir: Path, language: str) -> list[tuple[Path, str]]:
    members: list[tuple[Path, str]] = []
    history = data_dir / HISTORY
    if history.exists():
        con = open_db(history)
        try:
            con.execute("CHECKPOINT")  # everything in the file itself, nothing left in the WAL
        finally:
            close_db(con)
        members.append((history, HISTORY))
    manifest = data_dir / LIBRARY_MANIFEST
    if manifest.exists():
        members.append((manifest, LIBRARY_MANIFEST))
        for item in read_manifest(manifest.read_bytes(), str(manifest), language):
            stored = DocumentEntry.from_manifest(item, language).file_name(language)
            members.append((data_dir / LIBRARY / "files" / stored, f"{LIBRARY}/files/{stored}"))
    if not members and not (data_dir / CHATS).exists():
        raise InputError(t("workspace.error.nothing", language, folder=data_dir))
    return members


def _unpack(archive: Path, target: Path, language: str) -> int:
    try:
        with zipfile.ZipFile(archive) as zf:
            check_zip(zf, archive.name, WORKSPACE, language)
            _check_manifest(zf, archive.name, language)
            allowed = _allowed_members(zf, archive.name, language)
            members = [info for info in zf.infolist() if info.filename != MANIFEST and not info.is_dir()]
            for info in members:
                _check_member(info, allowed, archive.name, language)
            _check_room(sum(info.file_size for info in members), target.parent, archive.name, language)
            for info in members:
                destination = target / Path(*PurePosixPath(info.filename).parts)
                destination.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(info) as source, destination.open("wb") as out:
                    shutil.copyfileobj(source, out)
            return len(members)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, json.JSONDecodeError, UnicodeDecodeError, EOFError,
            OSError) as exc:
        raise InputError(t("workspace.error.damaged", language, name=archive.name, kind=type(exc).__name__)) from exc


def _check_manifest(zf: zipfile.ZipFile, name: str, language: str) -> None:
    text = _read_small(zf, MANIFEST, language).decode("utf-8") if MANIFEST in zf.namelist() else "{}"
    manifest = parse_json(text, name, language=language)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise InputError(t("workspace.error.foreign", language, name=name))
    version = manifest.get("version", 0)
    if not isinstance(version, int) or version > VERSION:
        raise InputError(t("workspace.error.newer", language, name=name))


def _allowed_members(zf: zipfile.ZipFile, name: str, language: str) -> set[str]:
    """The member names a workspace may hold: its history, and the library files its manifest lists."""
    allowed = {HISTORY, CHATS}
    if LIBRARY_MANIFEST in zf.namelist():
        allowed.add(LIBRARY_MANIFEST)
        raw = read_manifest(_read_small(zf, LIBRARY_MANIFEST, language), f"{name}:{LIBRARY_MANIFEST}", language)
        for item in raw:
            allowed.add(f"{LIBRARY}/files/{DocumentEntry.from_manifest(item, language).file_name(language)}")
    return allowed


def _check_member(info: zipfile.ZipInfo, allowed: set[str], name: str, language: str) -> None:
    path = PurePosixPath(info.filename)
    unsafe = path.is_absolute() or ".." in path.parts or "\\" in info.filename or _is_symlink(info)
    if unsafe or info.filename not in allowed:
        raise InputError(t("workspace.error.unsafe", language, name=name, member=repr(info.filename[:120])))


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def _check_room(needed: int, folder: Path, name: str, language: str) -> None:
    free = shutil.disk_usage(folder).free
    if needed + _DISK_MARGIN > free:
        raise InputError(t("workspace.error.no_room", language, name=name, needed=needed // 1024**2,
                           free=free // 1024**2))


def _read_small(zf: zipfile.ZipFile, member: str, language: str) -> bytes:
    info = zf.getinfo(member)
    if info.file_size > _MAX_MANIFEST:
        raise InputError(t("workspace.error.too_big", language, member=member, mb=info.file_size // 1024**2))
    return zf.read(info)


def _swap(staged: Path, data_dir: Path) -> Path | None:
    data_dir.mkdir(parents=True, exist_ok=True)
    release(data_dir / HISTORY)  # this process's instance of the old file, kept since its last use
    backup = data_dir / f"before-import-{time.strftime('%Y%m%d-%H%M%S')}"
    moved = False
    # The WAL and the group-name catalog belong to the history file they sit beside: they go with it.
    chats = (CHATS, f"{CHATS}-wal", f"{CHATS}-shm")
    for name in (HISTORY, f"{HISTORY}.wal", catalog.FILE_NAME, LIBRARY, "chroma", *chats):
        current = data_dir / name
        if current.exists():
            backup.mkdir(exist_ok=True)
            current.replace(backup / name)
            moved = True
    for name in (HISTORY, LIBRARY, CHATS):
        if (staged / name).exists():
            (staged / name).replace(data_dir / name)
    if (data_dir / CHATS).exists():
        (data_dir / CHATS).chmod(0o600)  # questions and answers may quote members
    return backup if moved else None


def _parent(data_dir: Path) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    return data_dir
