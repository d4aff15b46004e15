"""The names of the imported groups, in a small file beside the history database.

The chat routes every question, and only the ones about the user's own groups need the history:
"退群率多少算正常？" is a playbook question unless it names a group. Telling the two apart needs
the group names, and reading them from DuckDB would open a file an import in another window may
hold. So every write of the history (import, delete, demo) leaves the names in ``history-groups.json``,
which anyone can read without a lock; the database is opened only when that file is missing.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

FILE_NAME = "history-groups.json"


def path_for(db_path: Path) -> Path:
    return db_path.with_name(FILE_NAME)


def read(db_path: Path) -> list[str] | None:
    """The names written last, or ``None`` when there is no (readable) catalog."""
    try:
        names = json.loads(path_for(db_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return [n for n in names if isinstance(n, str)] if isinstance(names, list) else None


def write(db_path: Path, names: list[str]) -> None:
    """Replace the catalog atomically (a reader never sees half a file)."""
    target = path_for(db_path)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".groups-")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(sorted(names), out, ensure_ascii=False)
    os.replace(temp, target)


def forget(db_path: Path) -> None:
    path_for(db_path).unlink(missing_ok=True)
