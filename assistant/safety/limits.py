"""Limits checked before an untrusted file is parsed: zip bombs and nesting bombs.

Workbooks, Word files and workspace archives are zip files. Their central directory states every
member's size before anything is decompressed, so a 1 MB file that would unpack to a gigabyte is
refused in microseconds instead of after a minute and gigabytes of memory. For office files the
compression ratio matters as much as the total: real sheets and documents shrink five to twenty
times (a 100,000-row member list: 15), a bomb of zeros a thousand. A DuckDB file is mostly empty
blocks and shrinks hundreds of times, so workspace archives are held by their total, their
member list and the free disk instead. JSON nesting is limited because Python's parser recurses: a document nested
10,000 deep raises ``RecursionError`` deep inside the parser instead of a message the user can act on.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..i18n import t

MAX_JSON_DEPTH = 200
_RATIO_FLOOR = 1024 * 1024  # small members may compress well (a page of zeros); only big ones matter


@dataclass(frozen=True)
class ZipLimits:
    """What a zip-based file may unpack to."""

    max_members: int
    max_total: int
    max_ratio: int | None  # None: the members' content decides (a database of empty blocks)


OFFICE = ZipLimits(max_members=10_000, max_total=1024**3, max_ratio=200)
EXPORT = ZipLimits(max_members=100_000, max_total=4 * 1024**3, max_ratio=200)  # zipped chat exports
WORKSPACE = ZipLimits(max_members=100_000, max_total=8 * 1024**3, max_ratio=None)


def check_zip(archive: zipfile.ZipFile, name: str, limits: ZipLimits = OFFICE, language: str = "zh") -> None:
    """Refuse ``archive`` (opened, nothing read yet) when its members would unpack too far (errors in ``language``)."""
    members = archive.infolist()
    if len(members) > limits.max_members:
        raise InputError(t("limits.error.members", language, name=name, count=len(members), limit=limits.max_members))
    total = sum(info.file_size for info in members)
    if total > limits.max_total:
        raise InputError(t("limits.error.total", language, name=name, size=_size(total), limit=_size(limits.max_total)))
    for info in members if limits.max_ratio else ():
        if info.file_size > _RATIO_FLOOR and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise InputError(t("limits.error.ratio", language, name=name, member=info.filename[:80],
                               packed=_size(info.compress_size), unpacked=_size(info.file_size)))


def parse_json(text: str, name: str, max_depth: int = MAX_JSON_DEPTH, object_hook: Any = None,
               language: str = "zh") -> Any:
    """``json.loads`` that refuses documents nested deeper than ``max_depth``.

    Damage in the document itself (``json.JSONDecodeError``) is left to the caller, which knows
    how to name the line where the file breaks. ``object_hook`` builds each JSON object; a refusal
    is worded in ``language``.
    """
    try:
        document = json.loads(text, object_hook=object_hook)
    except RecursionError as exc:
        raise _too_deep(name, max_depth, language) from exc
    if _depth_exceeds(document, max_depth):
        raise _too_deep(name, max_depth, language)
    return document


def _depth_exceeds(document: Any, max_depth: int) -> bool:
    # Iterative, so that checking a deep document cannot itself overflow the stack.
    stack: list[tuple[Any, int]] = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > max_depth:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False


def _too_deep(name: str, max_depth: int, language: str) -> InputError:
    return InputError(t("limits.error.depth", language, name=name, depth=max_depth))


def _size(count: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if count < 1024 or unit == "GB":
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1024
    return f"{count} B"
