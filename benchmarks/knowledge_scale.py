"""Knowledge base at 100,000 chunks: indexing throughput and search latency, hybrid and each side alone.

Run from the repository root:  .venv/bin/python -m benchmarks.knowledge_scale [--chunks N] [--queries N] [--json]

A library of generated Chinese documents (``benchmarks/corpus.py``: the playbooks' sentences
recombined under their headings, one chunk per section) is uploaded through the product's own
path, ``KnowledgeBase.add_files`` with the offline embedding: parse, embed, near-duplicate check,
BM25 tokens, Chroma write. Then operator questions from the labelled set are searched: the
hybrid search the chat uses, its vector and BM25 sides alone, and the hybrid limited to one
collection (the knowledge page's filter). While the last 5 % of the library is uploaded, a second
thread keeps searching, to show what an upload does to another session's searches. Then the
index is opened again twice, as after restarts: the first rebuilds BM25 and saves its snapshot,
the second reads the snapshot. Last, a smaller library goes to a real ``chroma run``
on 127.0.0.1 through ``ASSISTANT_CHROMA_URL``'s path, where Chroma's writes happen in another
process. Target (issue 8): search p95 <= 150 ms at 100k chunks.
"""

from __future__ import annotations

import argparse
import itertools
import tempfile
import threading
import time
from collections.abc import Callable, Collection
from pathlib import Path

from assistant.llm.offline_embedding import OfflineHashEmbeddings
from assistant.retrieval import BUNDLED, USER, DocumentLibrary, KnowledgeBase, VectorStore
from assistant.retrieval.synonyms import expand_query
from tests.support.chroma_server import ChromaServer

from .corpus import KNOWLEDGE, documents, queries
from .measure import Figure, peak_rss_mb, percentiles, run_benchmark, say

SEARCH_P95_MS = 150.0
SIDES = ("hybrid search", "vector side alone", "BM25 side alone", "hybrid, user documents only",
         "hybrid, bundled playbooks only")
CONCURRENT_SHARE = 0.05


def open_knowledge(folder: Path, url: str = "") -> KnowledgeBase:
    store = VectorStore(folder / "chroma", OfflineHashEmbeddings(), url=url)
    return KnowledgeBase(store, DocumentLibrary(folder / "library"), KNOWLEDGE)


def timed_ms(action: Callable[[str], object], questions: list[str]) -> list[float]:
    samples = []
    for question in questions:
        started = time.perf_counter()
        action(question)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


class Searcher(threading.Thread):
    """Another browser session searching while an upload runs."""

    def __init__(self, kb: KnowledgeBase, questions: list[str]) -> None:
        super().__init__(daemon=True)
        self.kb, self.questions = kb, questions
        self.samples: list[float] = []
        self.stop = threading.Event()

    def run(self) -> None:
        for question in itertools.cycle(self.questions):
            if self.stop.is_set():
                return
            self.samples += timed_ms(lambda q: self.kb.search(q, 5), [question])
            time.sleep(0.05)


def index_library(kb: KnowledgeBase, chunks: int, questions: list[str]) -> tuple[float, list[float]]:
    """Upload the generated library; returns its wall time and the concurrent search latencies."""
    files = list(documents(chunks))
    concurrent_from = min(len(files) - 1, round(len(files) * (1 - CONCURRENT_SHARE)))
    searcher = Searcher(kb, questions)
    started = time.perf_counter()
    for number, file in enumerate(files):
        if number == concurrent_from:
            searcher.start()
        [result] = kb.add_files([file])
        assert result.status == "added", result.message
        if (number + 1) * 10 // len(files) > number * 10 // len(files):
            say(f"  {len(kb.search_index):,} chunks indexed after {time.perf_counter() - started:.0f} s")
    wall = time.perf_counter() - started
    searcher.stop.set()
    searcher.join()
    return wall, searcher.samples


def search_figures(kb: KnowledgeBase, name: str, questions: list[str], sides: Collection[str]) -> list[Figure]:
    index = kb.search_index
    expanded = [expand_query(q) for q in questions]
    kb.search(questions[0], 5)  # warm: jieba's dictionary, numpy's first calls
    actions = {
        "hybrid search": (lambda q: kb.search(q, 5), questions),
        "vector side alone": (index.vector_hits, [index.vector_text(q, e) for q, e in zip(questions, expanded)]),
        "BM25 side alone": (index.bm25_hits, expanded),
        "hybrid, user documents only": (lambda q: kb.search(q, 5, [USER]), questions),
        "hybrid, bundled playbooks only": (lambda q: kb.search(q, 5, [BUNDLED]), questions),
    }
    figures = []
    for label in sides:
        action, inputs = actions[label]
        p50, p95 = percentiles(timed_ms(action, inputs))
        figures.append(Figure(name, f"{label} p95", p95, "ms", at_most=SEARCH_P95_MS, note=f"p50 {p50:.1f} ms"))
    return figures


def library_figures(folder: Path, chunks: int, questions: list[str], url: str = "") -> list[Figure]:
    """Upload ``chunks`` into a store on disk (or on the Chroma server at ``url``) and time it."""
    kb = open_knowledge(folder, url)
    bundled = kb.sync_bundled().added
    wall, concurrent = index_library(kb, chunks, questions)
    indexed = len(kb.search_index) - bundled
    name = f"Knowledge base ({len(kb.search_index):,} chunks{', Chroma server' if url else ''})"
    say(f"indexed {indexed:,} chunks in {wall:.0f} s")
    p50, p95 = percentiles(concurrent)
    return [
        Figure(name, "indexing throughput (add_files)", indexed / wall, "chunks/s", note=f"{wall:.0f} s wall"),
        *search_figures(kb, name, questions, SIDES if not url else SIDES[:1]),
        Figure(name, "hybrid search p95 during an upload", p95, "ms",
               note=f"p50 {p50:.1f} ms over {len(concurrent)} searches from another thread"),
    ]


def _reopen_s(folder: Path) -> float:
    started = time.perf_counter()
    open_knowledge(folder)
    return time.perf_counter() - started


def measure(args: argparse.Namespace) -> list[Figure]:
    questions = queries(args.queries)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        figures = library_figures(folder / "local", args.chunks, questions)
        name = figures[0].benchmark
        peak = peak_rss_mb()
        first = _reopen_s(folder / "local")
        again = _reopen_s(folder / "local")
        figures += [
            Figure(name, "peak memory (RSS) indexing + searching", peak, "MB"),
            Figure(name, "first restart after the upload", first, "s",
                   note="read Chroma, rebuild BM25 from the stored tokens, save its snapshot"),
            Figure(name, "later restarts", again, "s", note="read Chroma, load the BM25 snapshot"),
        ]
        if args.server_chunks:
            server = ChromaServer(folder / "server").start()
            try:
                figures += library_figures(folder / "client", args.server_chunks, questions, server.url)
            finally:
                server.stop()
    return figures


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--chunks", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--server-chunks", type=int, default=10_000,
                        help="also upload this many chunks to a local `chroma run` (0: skip)")


def main() -> None:
    run_benchmark(__doc__.splitlines()[0], add_arguments, measure)


if __name__ == "__main__":
    main()
