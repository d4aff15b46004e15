"""The group digest of one day over 20 groups in a 1,000,000-message history, offline.

Run from the repository root:  .venv/bin/python -m benchmarks.digest_speed [--messages N] [--json]

Builds the same history as ``analytics_speed`` (20 groups × 500 members, ten weeks, questions,
admin answers, orders, a spam wave at the end), then times what ``digest --date`` and the 日报 view
do: read each group's day (and the 24 hours after it, and four weeks of daily counts for the
usual), compose every section, and the offline summary. The first call includes loading the
Chinese word segmenter's dictionary (once per process); the figure with the target is that cold
call, the way a cron ``digest`` or a scheduled run meets it. Target (issue 19): ≤ 5 s.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from assistant.analytics.daylog import DayLogs
from assistant.app.digests import Digests
from assistant.briefing.narrate import Narrator
from assistant.bundled import bundled_dir
from assistant.llm import OfflineModel, TokenCounter
from assistant.prompts import load_prompt

from .analytics_speed import GROUPS, build
from .measure import Figure, peak_rss_mb, run_benchmark, say


def measure(args: argparse.Namespace) -> list[Figure]:
    name = f"Digest, one day ({args.messages:,} msgs, {GROUPS} groups)"
    path = Path(tempfile.mkdtemp()) / "history.duckdb"
    started = time.perf_counter()
    build(path, args.messages)
    say(f"built {args.messages:,} messages in {GROUPS} groups in {time.perf_counter() - started:.1f} s")
    prompts = bundled_dir("prompts")
    narrator = Narrator(load_prompt(prompts, "digest"), load_prompt(prompts, "digest_map"), OfflineModel(),
                        TokenCounter.for_model("gpt-4o-mini"), 8192, 1024)
    digests = Digests(DayLogs(path), narrator)
    day = date(2026, 3, 10)  # a Tuesday in the ninth of the ten weeks: four weeks of usual before it
    t0 = time.perf_counter()
    cold = digests.digest(on=day)
    t1 = time.perf_counter()
    warm = [digests.digest(on=day + timedelta(days=n)) for n in range(1, 4)]
    t2 = time.perf_counter()
    one = digests.digest("群1", on=day)
    t3 = time.perf_counter()
    messages = sum(g.volume.messages for g in cold.groups)
    say(f"{day}: {messages:,} messages, {sum(len(g.topics) for g in cold.groups)} topics, "
        f"{sum(g.open_questions for g in cold.groups)} open questions, {sum(len(g.risks) for g in cold.groups)} risks")
    assert len(cold.groups) == GROUPS and len(cold.lines) == GROUPS and warm and one.groups
    return [
        Figure(name, "all groups, first call (cold)", t1 - t0, "s", at_most=5.0,
               note=f"{messages:,} messages that day; includes loading the jieba dictionary"),
        Figure(name, "all groups, later calls", (t2 - t1) / len(warm), "s", at_most=5.0, note="mean of 3 days"),
        Figure(name, "one group", t3 - t2, "s"),
        Figure(name, "peak memory (RSS)", peak_rss_mb(), "MB"),
    ]


def main() -> None:
    run_benchmark(__doc__.splitlines()[0], lambda p: p.add_argument("--messages", type=int, default=1_000_000), measure)


if __name__ == "__main__":
    main()
