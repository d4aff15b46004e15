"""The BM25 side saved beside the vector store, so that a restart does not rebuild it.

At 100,000 chunks, rebuilding BM25 from the tokens stored in Chroma is ~30 million postings
appended one by one in Python, most of a half-minute start. A snapshot is the index as flat numpy
arrays in one ``.npz`` file, loaded in about a second. It is never trusted blindly: the caller
compares the snapshot's (id, collection) pairs with what the vector store holds now and applies
the difference (ids are content hashes, so an id still present means the same tokens), which
also covers changes made by another process. A snapshot that is missing, from another format
version or unreadable is simply rebuilt; it is written atomically (temp file, then rename).
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import numpy as np

from .bm25 import BM25Index

VERSION = 1


def load(path: Path) -> BM25Index | None:
    """The index saved at ``path``, or ``None`` when there is none usable."""
    try:
        with np.load(path, allow_pickle=False) as data:
            if int(data["version"]) != VERSION:
                return None
            return BM25Index.from_arrays({name: data[name] for name in data.files})
    except (OSError, ValueError, KeyError, UnicodeDecodeError, zipfile.BadZipFile):
        return None


def save(index: BM25Index, path: Path) -> None:
    """Write ``index`` to ``path`` (replacing an older snapshot only once the new one is complete)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with open(partial, "wb") as handle:
        np.savez(handle, version=np.array(VERSION), **index.to_arrays())
    os.replace(partial, path)


def mark_ready(path: Path) -> None:
    """Remember beside the snapshot that a semantic side holds every chunk's vector."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("complete\n", encoding="utf-8")
