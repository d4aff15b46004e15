"""The catalogue files: every UI text and label lives in ``assistant/i18n/catalog/*.toml`` (package data).

Translations are data, so a translator edits a TOML file and never Python. One file a part of the
product (ui, briefing, pages, chats, groups, screens, report, drivers, tools, errors, numbers,
imports, importers, cli, workspace, refusals, labels); keys are unique across the files (TOML
refuses a key twice in one file, ``tests/i18n`` checks across files). A file holds:

- texts, one table a key, the full key quoted so that grepping a key finds its text::

      ["chats.list.title"]
      zh = "我的对话"
      en = "My conversations"

- labels of enum-like values, one table a kind, one line a value (``[labels.<kind>]``)::

      [labels.platform]
      "wechat" = { zh = "微信", en = "WeChat" }

- in screens.toml only, ``[examples]`` (the welcome page's example questions, a list a language)
  and ``[exporters]`` (its exporter guide: rows of platform, tool, files, note; tuples once read).

The files are read beside this module, or through :mod:`importlib.resources` where the package is
not a folder (a zipped install). Every command imports the catalogue, and tomllib takes some 50 ms
to parse it all (15 more to import); so the parsed files are kept beside them in
``catalog/__pycache__`` (marshal, as Python keeps compiled modules), stamped with each file's size
and time, and parsed again only when one changed. This is data, not bytecode, so it is kept where
``PYTHONDONTWRITEBYTECODE`` is set too (as on our CI machines, where every command would otherwise
parse again); where the folder cannot be written (a read-only install) the files are parsed each time.
"""

from __future__ import annotations

import functools
import marshal
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

# The files in the order their texts and label kinds are merged (labels.toml's kinds come first).
FILES = ("labels", "ui", "briefing", "pages", "chats", "groups", "screens", "report", "drivers", "tools", "errors",
         "numbers", "imports", "importers", "cli", "workspace", "refusals")
SECTIONS = ("labels", "examples", "exporters")  # a file's tables that are not texts
_FORMAT = 1  # bump when the cached shape changes


@functools.cache
def read() -> dict[str, dict]:
    """Every catalogue file, parsed: file name → its tables (the cached copy where it is current)."""
    folder = Path(__file__).with_name("catalog")
    if not folder.is_dir() or sys.implementation.cache_tag is None:  # a zipped install: no stat, no cache
        from importlib import resources  # the portable way, but its imports cost ~15 ms: only where needed

        return _parse(resources.files(__package__) / "catalog")
    stamp = (_FORMAT, *((name, *_size_and_time(folder / f"{name}.toml")) for name in FILES))
    cache = folder / "__pycache__" / f"catalog.{sys.implementation.cache_tag}.marshal"
    parsed = _cached(cache, stamp)
    if parsed is None:
        parsed = _parse(folder)
        _keep(cache, stamp, parsed)
    return parsed


def texts(document: dict) -> dict[str, dict[str, str]]:
    """The texts of one parsed file (its tables but the labels, examples and exporters)."""
    return {key: entry for key, entry in document.items() if key not in SECTIONS}


def _parse(folder: Path | Traversable) -> dict[str, dict]:
    import tomllib  # only when the cache is missing or stale: importing it costs ~15 ms

    return {name: tomllib.loads(folder.joinpath(f"{name}.toml").read_text(encoding="utf-8")) for name in FILES}


def _size_and_time(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_size, status.st_mtime_ns


def _cached(cache: Path, stamp: tuple) -> dict[str, dict] | None:
    """The parsed files kept in ``cache`` if they were parsed from the files as they are now."""
    try:
        kept_stamp, parsed = marshal.loads(cache.read_bytes())
    except (OSError, EOFError, ValueError):  # no cache yet, or a damaged one: parse again
        return None
    return parsed if kept_stamp == stamp else None


def _keep(cache: Path, stamp: tuple, parsed: dict[str, dict]) -> None:
    """Write the cache atomically (another process may be reading it)."""
    partial = cache.with_name(f"{cache.name}.{os.getpid()}")
    try:
        cache.parent.mkdir(exist_ok=True)
        partial.write_bytes(marshal.dumps((stamp, parsed)))
        os.replace(partial, cache)
    except OSError:  # a read-only install: parse each time
        partial.unlink(missing_ok=True)
