"""Our packed BM25 against ``bm25s`` (sparse-matrix BM25 with save/load) at 100,000 chunks.

Run from the repository root:  .venv/bin/python -m benchmarks.bm25_engines [--chunks N] [--queries N] [--json]

Both index the same tokens (``hybrid.bm25_tokens`` of the generated library of
``benchmarks/corpus.py``, the knowledge_scale corpus) with the same parameters (k1 1.5, b 0.75,
Lucene's IDF) and answer the same operator questions, top 20, limited to one collection as the
knowledge page does. Measured: build time, memory held, query latency, agreement of the top 20,
save and load of the whole index, and what the product does all day — adding one 100-chunk
upload and removing it again (ours updates in place; bm25s has no update, so it re-indexes).
``bm25s`` is not a dependency of the product: install it to run this (``pip install bm25s``).
"""

from __future__ import annotations

import argparse
import gc
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np

from assistant.retrieval import bm25_snapshot
from assistant.retrieval.bm25 import B, K1, BM25Index
from assistant.retrieval.chunking import markdown_sections
from assistant.retrieval.hybrid import CANDIDATES, bm25_tokens
from assistant.retrieval.synonyms import expand_query
from assistant.retrieval.tokenizer import tokenize

from .corpus import documents, queries
from .measure import Figure, percentiles, run_benchmark, say

TITLE = "BM25 engines at scale (ours vs bm25s)"


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--chunks", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)


def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * 4096 / 1024**2


def _corpus(chunks: int) -> tuple[list[str], list[list[str]], list[str]]:
    ids, tokens, groups = [], [], []
    for name, data in documents(chunks):
        for n, (headings, body, hints) in enumerate(markdown_sections(data.decode("utf-8"))):
            ids.append(f"{name}#{n}")
            tokens.append(bm25_tokens(" › ".join(headings), f"{body}\n{hints}"))
            groups.append("user" if len(ids) % 50 else "bundled")
    return ids, tokens, groups


def _timed(action) -> float:  # noqa: ANN001
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def measure(args: argparse.Namespace) -> list[Figure]:
    try:
        import bm25s
    except ImportError:
        say("bm25s is not installed (pip install bm25s): skipped")
        return [Figure(TITLE, "skipped: bm25s not installed", 0.0, "")]

    started = time.perf_counter()
    ids, tokens, groups = _corpus(args.chunks)
    say(f"{len(ids)} chunks tokenised in {time.perf_counter() - started:.0f} s")
    questions = [tokenize(expand_query(q)) for q in queries(args.queries)]
    figures: list[Figure] = []

    gc.collect()
    before = _rss_mb()
    ours = BM25Index()
    build = _timed(lambda: [ours.add(i, t, g) for i, t, g in zip(ids, tokens, groups, strict=True)])
    ours_mb = _rss_mb() - before
    ours_ms, ours_hits = _queries(lambda q: ours.search(q, CANDIDATES, ["user"]), questions)
    folder = Path(tempfile.mkdtemp())
    save = _timed(lambda: bm25_snapshot.save(ours, folder / "ours.npz"))
    load = _timed(lambda: bm25_snapshot.load(folder / "ours.npz"))
    extra = list(zip([f"new#{n}" for n in range(100)], tokens[:100], strict=True))
    update = _timed(lambda: [ours.add(i, t, "user") for i, t in extra]) + _timed(lambda: [ours.remove(i) for i, _ in extra])

    gc.collect()
    before = _rss_mb()
    engine = bm25s.BM25(k1=K1, b=B, method="lucene")
    theirs_build = _timed(lambda: engine.index(tokens, show_progress=False))
    theirs_mb = _rss_mb() - before
    mask = np.array([g == "user" for g in groups], dtype=np.float32)
    vocabulary = engine.vocab_dict

    def search(query: list[str]) -> list[tuple[str, float]]:
        known = [t for t in query if t in vocabulary] or [next(iter(vocabulary))]
        found, scores = engine.retrieve([known], k=CANDIDATES, show_progress=False, weight_mask=mask, n_threads=1)
        return [(ids[int(d)], float(s)) for d, s in zip(found[0], scores[0], strict=True) if s > 0]

    theirs_ms, theirs_hits = _queries(search, questions)
    theirs_save = _timed(lambda: engine.save(str(folder / "bm25s")))
    theirs_load = _timed(lambda: bm25s.BM25.load(str(folder / "bm25s")))
    theirs_update = _timed(lambda: bm25s.BM25(k1=K1, b=B, method="lucene").index(tokens + [t for _, t in extra],
                                                                               show_progress=False)) * 2
    shutil.rmtree(folder, ignore_errors=True)
    agree = np.mean([len({i for i, _ in a} & {i for i, _ in b}) / max(len(a), 1)
                     for a, b in zip(ours_hits, theirs_hits, strict=True)])
    for name, ms, built, mb, saved, loaded, updated in (
        ("ours", ours_ms, build, ours_mb, save, load, update),
        ("bm25s", theirs_ms, theirs_build, theirs_mb, theirs_save, theirs_load, theirs_update),
    ):
        p50, p95 = percentiles(ms)
        figures.append(Figure(TITLE, f"{name}: query p95, top {CANDIDATES} in one collection", p95, "ms",
                              note=f"p50 {p50:.1f} ms; built in {built:.1f} s, ~{mb:.0f} MB; save {saved:.1f} s, "
                                   f"load {loaded:.1f} s; add + remove a 100-chunk upload {updated:.2f} s"))
    figures.append(Figure(TITLE, "top-20 agreement (same formula)", float(agree), "", note=f"{len(ids)} chunks"))
    return figures


def _queries(search, questions: list[list[str]]) -> tuple[list[float], list[list[tuple[str, float]]]]:  # noqa: ANN001
    samples, hits = [], []
    for query in questions:
        started = time.perf_counter()
        hits.append(search(query))
        samples.append((time.perf_counter() - started) * 1000)
    return samples, hits


def main() -> None:
    run_benchmark(__doc__.splitlines()[0], _arguments, measure)


if __name__ == "__main__":
    main()
