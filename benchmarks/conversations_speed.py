"""Conversation windows over 1,000,000 messages: indexing throughput, memory, search p95.

Run from the repository root:  .venv/bin/python -m benchmarks.conversations_speed [--messages N] [--json]

Reuses the analytics benchmark's SQL-built history (20 groups, ten weeks, chatter with questions
and product posts), cuts every group into windows and indexes them in a fresh ``conv`` Chroma
collection with the offline embedding, then: syncs again (must write nothing), and times history
searches without a filter, with a group, and with a group and a two-week span (issue 10's
benchmark; its latency is held to the knowledge search target of issue 8).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from assistant.config import load_settings
from assistant.conversations import Conversations
from assistant.llm import make_embeddings
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
    settings = load_settings(env_file=None, data_dir=root, openai_api_key=None, openai_base_url=None, embedding_model="")
    conv = Conversations.at(root / "history.duckdb", root / "chroma", make_embeddings(settings))
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
    return figures


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=100)


def main() -> None:
    run_benchmark(__doc__.splitlines()[0], add_arguments, measure)


if __name__ == "__main__":
    main()
