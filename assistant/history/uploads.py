"""Files uploaded through the browser, kept on disk under names we make.

A browser sends whatever file name it likes (``../../../x.csv``, a name with control characters,
one too long for the file system), so the name is never part of a path: the bytes are stored
under their content hash inside the uploads folder, and the uploader's name travels beside them
only as text, for the import report and for group names taken from file names.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePath

_SUFFIX = re.compile(r"\.[a-z0-9]{1,8}")
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
MAX_NAME = 120


@dataclass(frozen=True)
class Upload:
    """A stored upload: where its bytes are, and the name its uploader gave it (text only)."""

    path: Path
    name: str


def keep(folder: Path, name: str, data: bytes) -> Upload:
    """Store ``data`` inside ``folder`` under a generated name (the same bytes once)."""
    shown = display_name(name)
    path = folder / (hashlib.sha256(data).hexdigest()[:32] + _suffix(shown))
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=folder, prefix=".upload-")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    return Upload(path, shown)


def display_name(name: str) -> str:
    """The last part of ``name`` without control or direction-override characters, shortened."""
    base = re.split(r"[\\/]", name.strip())[-1]
    base = _UNPRINTABLE.sub("", base).strip(" .") or "upload"
    return base if len(base) <= MAX_NAME else base[: MAX_NAME - 10] + "…" + base[-9:]


def _suffix(name: str) -> str:
    suffix = PurePath(name).suffix.lower()
    return suffix if _SUFFIX.fullmatch(suffix) else ""
