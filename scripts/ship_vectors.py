"""Compute the semantic model's vectors of the bundled playbooks and ship them as package data.

Run at release time (or after editing knowledge/*.md) from the repository root:

    .venv/bin/python scripts/ship_vectors.py

It writes ``assistant/retrieval/vectors/<model identity>.npz`` (the suite fails while the table
misses a bundled passage: tests/test_embedding.py).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.llm.e5_embedding import E5Embeddings  # noqa: E402
from assistant.retrieval import shipped_vectors  # noqa: E402
from assistant.retrieval.playbooks import load_playbook_chunks  # noqa: E402


def main() -> None:
    embedder = E5Embeddings().check()
    texts = list(dict.fromkeys(c.index_text for c in load_playbook_chunks(ROOT / "knowledge")))
    started = time.perf_counter()
    vectors = np.asarray(embedder.embed_documents(texts), np.float32)
    path = shipped_vectors.write(embedder.identity, texts, vectors)
    print(f"{len(texts)} passages embedded in {time.perf_counter() - started:.0f} s -> {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
