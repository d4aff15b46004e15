"""Conversation windows over 1,000,000 messages: indexing throughput, memory, search p95.

Run from the repository root:  .venv/bin/python -m benchmarks.conversations_speed [--messages N]

Reuses the analytics benchmark's SQL-built history (20 groups, ten weeks, chatter with questions
and product posts), cuts every group into windows and indexes them in a fresh ``conv`` Chroma
collection with the offline embedding, then: syncs again (must write nothing), and times history
searches without a filter, with a group, and with a group and a two-week span.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path

from assistant.conversations import Conversations
from assistant.config import load_settings
from assistant.llm import make_embeddings
from benchmarks.analytics_speed import GROUPS, build

QUERIES = ["截单", "几点截单", "脐橙 包邮", "新品上新", "橙子甜不甜", "兼职 日赚", "今天几点", "包邮吗", "脐橙多少钱", "加我vx"]


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] * 1000 if len(samples) > 1 else samples[0] * 1000


def timed(conv: Conversations, rounds: int, **filters: str) -> float:
    samples = []
    for n in range(rounds):
        t0 = time.perf_counter()
        conv.search(QUERIES[n % len(QUERIES)], 5, **filters)
        samples.append(time.perf_counter() - t0)
    return p95(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=100)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp())
    t0 = time.perf_counter()
    build(root / "history.duckdb", args.messages)
    built = time.perf_counter() - t0
    settings = load_settings(env_file=None, data_dir=root, openai_api_key=None, openai_base_url=None, embedding_model="")
    conv = Conversations.at(root / "history.duckdb", root / "chroma", make_embeddings(settings))
    t0 = time.perf_counter()
    report = conv.sync()
    indexed = time.perf_counter() - t0
    t0 = time.perf_counter()
    again = conv.sync()
    resynced = time.perf_counter() - t0
    conv.search("截单")  # warm
    plain = timed(conv, args.rounds)
    grouped = timed(conv, args.rounds, group="群3")
    spanned = timed(conv, args.rounds, group="群3", since="2026-02-02", until="2026-02-15")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"messages: {args.messages:,} in {GROUPS} groups; history built in {built:.1f} s")
    print(f"indexed {report.added:,} windows in {indexed:.1f} s = {args.messages / indexed:,.0f} messages/s")
    print(f"re-sync: {again.added} added, {again.removed} removed, {again.kept:,} kept in {resynced:.1f} s")
    print(f"search p95 over {args.rounds} queries: no filter {plain:.0f} ms; group {grouped:.0f} ms; "
          f"group + 2 weeks {spanned:.0f} ms")
    print(f"peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
