"""A second process that prepares the next batch of windows while this one writes the current one.

jieba (word segmentation for BM25) and the offline embedding are pure Python, and Chroma's writes
hold the GIL for their whole length, so a thread cannot overlap them; a second process can. A large
sync (thousands of new conversation windows) hands the next batch to this worker, which segments
its words and, with the offline embedding, computes its vectors, while the current batch is written;
on a 2-core machine that takes about half of indexing off the critical path. Small syncs do it all
in place: starting the worker (about a second) would cost more than it saves.

Protocol: one JSON object per line on stdin (``texts`` to tokenize, ``embed`` texts to embed or
null, ``dimensions``), one per line on stdout (``tokens``, ``vectors`` as base64 float32 or null).
Any failure of the worker (it could not start, it died) falls back to doing the work here.
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..llm.offline_embedding import OfflineHashEmbeddings
from ..retrieval.tokenizer import tokenize

_ROOT = Path(__file__).resolve().parents[2]  # where ``python -m assistant…`` finds the package


@dataclass
class Prepared:
    tokens: list[list[str]]
    vectors: list[list[float]] | None  # None: the vector store embeds (a remote model)


class IndexWorker:
    """One worker process; ``submit`` a batch, do other work, then take its ``result``."""

    def __init__(self, dimensions: int | None) -> None:
        self.dimensions = dimensions  # of the offline embedding to compute, or None
        self._request: tuple[list[str], list[str] | None] = ([], None)
        self._process: subprocess.Popen[str] | None
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-m", __name__], cwd=_ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                text=True, encoding="utf-8",
            )  # fmt: skip
        except OSError:
            self._process = None

    def submit(self, texts: list[str], embed: list[str] | None) -> None:
        self._request = (texts, embed if self.dimensions else None)
        if self._process is None:
            return
        message = {"texts": texts, "embed": self._request[1], "dimensions": self.dimensions}
        try:
            assert self._process.stdin is not None
            self._process.stdin.write(json.dumps(message, ensure_ascii=False) + "\n")
            self._process.stdin.flush()
        except OSError:
            self.close()

    def result(self) -> Prepared:
        """The submitted batch, from the worker or, if it failed, prepared here."""
        texts, embed = self._request
        if self._process is not None:
            assert self._process.stdout is not None
            line = self._process.stdout.readline()
            if line:
                answer = json.loads(line)
                if len(answer["tokens"]) == len(texts):
                    return Prepared(answer["tokens"], _vectors(answer["vectors"], self.dimensions))
            self.close()
        return prepare(texts, embed, self.dimensions)

    def close(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        try:
            if process.stdin:
                process.stdin.close()
            process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            process.kill()
            process.wait()
        if process.stdout:
            process.stdout.close()


def prepare(texts: list[str], embed: list[str] | None, dimensions: int | None) -> Prepared:
    vectors = OfflineHashEmbeddings(dimensions).embed_documents(embed) if embed is not None and dimensions else None
    return Prepared([tokenize(text) for text in texts], vectors)


def _vectors(encoded: str | None, dimensions: int | None) -> list[list[float]] | None:
    if encoded is None or not dimensions:
        return None
    flat = np.frombuffer(base64.b64decode(encoded), dtype=np.float32)
    return flat.reshape(-1, dimensions).tolist()


def main() -> None:
    for line in sys.stdin:
        request = json.loads(line)
        done = prepare(request["texts"], request["embed"], request["dimensions"])
        vectors = None
        if done.vectors is not None:
            vectors = base64.b64encode(np.asarray(done.vectors, dtype=np.float32).tobytes()).decode("ascii")
        sys.stdout.write(json.dumps({"tokens": done.tokens, "vectors": vectors}, ensure_ascii=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
