"""Compute the semantic model's vectors of the bundled playbooks and ship them as package data.

Run at release time (or after editing knowledge/*.md) from the repository root:

    .venv/bin/python scripts/ship_vectors.py

It writes ``assistant/retrieval/vectors/<model identity>.npz`` with the vectors of the bundled
passages, of their topics (whole and phrase by phrase) and of the "elsewhere" subjects of the
not-found check (the suite fails while the table misses one: tests/retrieval/test_embedding.py).
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
from assistant.retrieval.relevance import QUERY_SIDE, elsewhere_subjects, topic_text  # noqa: E402
from assistant.retrieval.topics import topic_phrases  # noqa: E402


def main() -> None:
    embedder = E5Embeddings().check()
    chunks = load_playbook_chunks(ROOT / "knowledge")
    # The playbooks' passages and the "elsewhere" subjects of the not-found check (as passages) …
    texts = list(dict.fromkeys([c.index_text for c in chunks] + elsewhere_subjects()))
    # … and, as questions, the playbooks' topics (whole and phrase by phrase) and the same subjects.
    phrases = [p for c in chunks for p in topic_phrases(c.title, c.hints)]
    questions = list(dict.fromkeys([topic_text(c.title, c.hints) for c in chunks] + phrases + elsewhere_subjects()))
    started = time.perf_counter()
    vectors = np.asarray(embedder.embed_documents(texts), np.float32)
    asked = np.asarray([embedder.embed_query(q) for q in questions], np.float32)
    path = shipped_vectors.write(embedder.identity, texts + [QUERY_SIDE + q for q in questions],
                                 np.concatenate([vectors, asked]))
    print(f"{len(texts)} passages, {len(questions)} questions embedded in {time.perf_counter() - started:.0f} s"
          f" -> {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
