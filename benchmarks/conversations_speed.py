"""Conversation windows over 1,000,000 messages: indexing throughput, memory, search p95.

Run from the repository root:  .venv/bin/python -m benchmarks.conversations_speed [--messages N] [--json]

Reuses the analytics benchmark's SQL-built history (20 groups, ten weeks, chatter with questions
and product posts), cuts every group into windows and indexes them in a fresh ``conv`` Chroma
collection with the offline embedding, then: syncs again (must write nothing), and times history
searches without a filter, with a group, and with a group and a two-week span (issue 10's
benchmark; its latency is held to the knowledge search target of issue 8).

Issue 17 asked which embedding threads deserve: the semantic model on every thread (in the
background), on the threads' questions only, or the hash embedding with BM25 (what the product
does). A sample of threads is embedded with the model and the whole job projected from its rate.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from assistant.conversations import Conversations
from assistant.conversations.topics import is_question
from assistant.llm.offline_embedding import OfflineHashEmbeddings
from benchmarks.analytics_speed import GROUPS, build

from .measure import Figure, peak_rss_mb, percentiles, run_benchmark, say

QUERIES = ["截单", "几点截单", "脐橙 包邮", "新品上新", "橙子甜不甜", "兼职 日赚", "今天几点", "包邮吗", "脐橙多少钱", "加我vx"]
SEARCH_P95_MS = 150.0


def timed_ms(conv: Conversations, rounds: int, **filters: str) -> list[float]:
    samples = []
    for n in range(rounds):
        started = time.perf_counter()
        conv.search(QUERIES[n % len(QUERIES)], 5, **filters)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def measure(args: argparse.Namespace) -> list[Figure]:
    name = f"History search ({args.messages:,} msgs, {GROUPS} groups)"
    root = Path(tempfile.mkdtemp())
    started = time.perf_counter()
    build(root / "history.duckdb", args.messages)
    say(f"built {args.messages:,} messages in {GROUPS} groups in {time.perf_counter() - started:.1f} s")
    conv = Conversations.at(root / "history.duckdb", root / "chroma", OfflineHashEmbeddings())
    started = time.perf_counter()
    report = conv.sync()
    indexed = time.perf_counter() - started
    say(f"indexed {report.added:,} windows in {indexed:.1f} s")
    started = time.perf_counter()
    again = conv.sync()
    resynced = time.perf_counter() - started
    conv.search("截单")  # first search loads the BM25 side; a session pays it once
    figures = [
        Figure(name, "window indexing throughput", args.messages / indexed, "messages/s",
               note=f"{report.added:,} windows in {indexed:.0f} s"),
        Figure(name, "re-sync with nothing new", resynced, "s",
               note=f"{again.added} added, {again.removed} removed, {again.kept:,} kept"),
    ]
    spans = {"no filter": {}, "one group": {"group": "群3"},
             "one group + two weeks": {"group": "群3", "since": "2026-02-02", "until": "2026-02-15"}}
    for label, filters in spans.items():
        p50, p95 = percentiles(timed_ms(conv, args.rounds, **filters))
        figures.append(Figure(name, f"search p95, {label}", p95, "ms", at_most=SEARCH_P95_MS, note=f"p50 {p50:.0f} ms"))
    figures.append(Figure(name, "peak memory (RSS)", peak_rss_mb(), "MB"))
    if args.model_sample:
        figures += _model_options(conv, name, args.model_sample, indexed)
    return figures


def _model_options(conv: Conversations, name: str, sample: int, hashed_s: float) -> list[Figure]:
    """What the semantic model would cost on these threads: all of them, or their questions only."""
    from assistant.conversations.windows import parse_line
    from assistant.llm.e5_embedding import E5Embeddings
    from assistant.retrieval.chunking import Chunk  # noqa: F401 - the index's unit

    chunks = conv.index.search_index.chunks()
    questions = [[t for _, _, t in map(parse_line, c.text.split("\n")) if is_question(t)] for c in chunks]
    asking = [q for q in questions if q]
    model = E5Embeddings().check()
    step = max(1, len(chunks) // sample)
    picked = [c.text for c in chunks[::step][:sample]]
    started = time.perf_counter()
    model.embed_documents(picked)
    per_thread = (time.perf_counter() - started) / len(picked)
    picked_q = ["\n".join(q) for q in asking[::max(1, len(asking) // sample)][:sample]]
    started = time.perf_counter()
    model.embed_documents(picked_q)
    per_question_set = (time.perf_counter() - started) / max(len(picked_q), 1)
    all_h = per_thread * len(chunks) / 3600
    questions_h = per_question_set * len(asking) / 3600
    return [
        Figure(name, "semantic model on every thread (projected, 1 thread)", all_h, "h",
               note=f"{len(chunks):,} threads at {per_thread * 1000:.0f} ms each (sample of {len(picked)})"),
        Figure(name, "semantic model on the threads' questions only (projected)", questions_h, "h",
               note=f"{len(asking):,} threads ask something, {per_question_set * 1000:.0f} ms each"),
        Figure(name, "hash embedding + BM25 (chosen)", hashed_s / 60, "min",
               note="every thread searchable right after the import; the model's hours would compete with the "
                    "app for the 2 cores, for questions mostly answered by the words people typed"),
    ]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--model-sample", type=int, default=64, help="threads embedded by the semantic model (0: skip)")


def main() -> None:
    run_benchmark(__doc__.splitlines()[0], add_arguments, measure)


if __name__ == "__main__":
    main()
