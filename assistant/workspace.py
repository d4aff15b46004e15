"""A whole workspace in one archive: export it here, import it on another machine.

The archive holds what cannot be recomputed: the history database and the user's documents
(files and manifest). The vector index is derived data, tied to an embedding and a Chroma
version, so it is rebuilt after an import instead of being copied. An import is checked before
anything is touched (format, member names, sizes) and swaps the new data in only once it is
complete; the data it replaces is kept beside it, so a failed or unwanted import loses nothing.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import duckdb

from .errors import InputError

FORMAT = "qun-assistant-workspace"
VERSION = 1
MANIFEST = "workspace.json"
HISTORY = "history.duckdb"
LIBRARY = "library"
MAX_UNPACKED = 8 * 1024**3


@dataclass(frozen=True)
class WorkspaceReport:
    archive: Path
    files: int
    bytes: int
    backup: Path | None = None


def export(data_dir: Path, archive: Path) -> WorkspaceReport:
    """Write ``data_dir``'s history and documents to the zip file ``archive``."""
    members = _members(data_dir)
    archive.parent.mkdir(parents=True, exist_ok=True)
    partial = archive.with_suffix(archive.suffix + ".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(MANIFEST, json.dumps({"format": FORMAT, "version": VERSION, "exported_at": time.time()}))
        for path, name in members:
            zf.write(path, name)
    partial.replace(archive)  # a half-written archive never carries the final name
    return WorkspaceReport(archive, len(members), archive.stat().st_size)


def restore(archive: Path, data_dir: Path) -> WorkspaceReport:
    """Replace ``data_dir``'s history and documents with the archive's (old data kept as a backup)."""
    with tempfile.TemporaryDirectory(dir=_parent(data_dir)) as staging:
        staged = Path(staging) / "workspace"
        count = _unpack(archive, staged)
        _check_history(staged / HISTORY)
        backup = _swap(staged, data_dir)
    return WorkspaceReport(archive, count, archive.stat().st_size, backup)


def _members(data_dir: Path) -> list[tuple[Path, str]]:
    members: list[tuple[Path, str]] = []
    history = data_dir / HISTORY
    if history.exists():
        con = duckdb.connect(str(history))
        con.execute("CHECKPOINT")  # everything in the file itself, nothing left in the WAL
        con.close()
        members.append((history, HISTORY))
    library = data_dir / LIBRARY
    if library.exists():
        members += [(p, p.relative_to(data_dir).as_posix()) for p in sorted(library.rglob("*")) if p.is_file()]
    if not members:
        raise InputError(f"{data_dir} 里还没有可导出的数据（没有导入的群，也没有上传的文档）。")
    return members


def _unpack(archive: Path, target: Path) -> int:
    try:
        with zipfile.ZipFile(archive) as zf:
            names = zf.namelist()
            manifest = json.loads(zf.read(MANIFEST)) if MANIFEST in names else {}
            if manifest.get("format") != FORMAT:
                raise InputError(f"{archive.name} 不是群运营助手导出的工作区文件。")
            if manifest.get("version", 0) > VERSION:
                raise InputError(f"{archive.name} 来自更新的版本，请先升级本程序再导入。")
            if sum(info.file_size for info in zf.infolist()) > MAX_UNPACKED:
                raise InputError(f"{archive.name} 解压后过大，拒绝导入。")
            for info in zf.infolist():
                name = PurePosixPath(info.filename)
                if info.filename == MANIFEST or info.is_dir():
                    continue
                if name.is_absolute() or ".." in name.parts or name.parts[0] not in (HISTORY, LIBRARY):
                    raise InputError(f"{archive.name} 含有不安全的路径 {info.filename}，拒绝导入。")
                destination = target / Path(*name.parts)
                destination.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(info) as source, destination.open("wb") as out:
                    shutil.copyfileobj(source, out)
            return len(names) - 1
    except (zipfile.BadZipFile, KeyError, json.JSONDecodeError, EOFError, OSError) as exc:
        raise InputError(f"{archive.name} 已损坏或不完整（{type(exc).__name__}），数据未做任何改动。") from exc


def _check_history(path: Path) -> None:
    if not path.exists():
        return
    try:
        con = duckdb.connect(str(path), read_only=True)
        con.execute("SELECT count(*) FROM schema_migrations").fetchone()
        con.close()
    except duckdb.Error as exc:
        raise InputError(f"工作区里的历史库无法打开（{exc}），数据未做任何改动。") from exc


def _swap(staged: Path, data_dir: Path) -> Path | None:
    data_dir.mkdir(parents=True, exist_ok=True)
    backup = data_dir / f"before-import-{time.strftime('%Y%m%d-%H%M%S')}"
    moved = False
    for name in (HISTORY, LIBRARY, "chroma"):
        current = data_dir / name
        if current.exists():
            backup.mkdir(exist_ok=True)
            current.replace(backup / name)
            moved = True
    for name in (HISTORY, LIBRARY):
        if (staged / name).exists():
            (staged / name).replace(data_dir / name)
    return backup if moved else None


def _parent(data_dir: Path) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    return data_dir
