"""Vectors of the bundled playbooks, computed at release time and shipped inside the package.

The semantic model embeds about three passages a second on two cores; embedding the ~130 bundled
passages on a user's first start would take most of a minute. ``scripts/ship_vectors.py`` computes
them once per release and writes ``vectors/<model identity>.npz``: each passage's vector keyed by
a hash of the exact text that is embedded, so an edited passage simply misses the table and is
embedded like any other (a test fails when the table is stale). A table of another model identity
is never read.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

DIRECTORY = Path(__file__).parent / "vectors"


def text_key(text: str) -> str:
    """The key of an embedded text: the first 24 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def path_for(identity: str) -> Path:
    return DIRECTORY / f"{identity}.npz"


@cache
def table(identity: str) -> dict[str, np.ndarray]:
    """The shipped vectors of the model ``identity`` (empty when none were shipped)."""
    path = path_for(identity)
    if not path.exists():
        return {}
    with np.load(path, allow_pickle=False) as data:
        keys = data["keys"].tobytes().decode().split("\n")
        return dict(zip(keys, data["vectors"].astype(np.float32), strict=True))


def lookup(identity: str, texts: Sequence[str]) -> list[np.ndarray | None]:
    """The shipped vector of each text, or ``None`` where there is none."""
    known = table(identity)
    return [known.get(text_key(t)) for t in texts]


def write(identity: str, texts: Sequence[str], vectors: np.ndarray) -> Path:
    """Write the table of ``identity`` (atomically) and return its path."""
    DIRECTORY.mkdir(parents=True, exist_ok=True)
    path = path_for(identity)
    partial = path.with_name(path.name + ".partial")
    keys = np.frombuffer("\n".join(text_key(t) for t in texts).encode(), np.uint8)
    with open(partial, "wb") as handle:
        np.savez_compressed(handle, keys=keys, vectors=np.asarray(vectors, np.float32))
    os.replace(partial, path)
    table.cache_clear()
    return path
