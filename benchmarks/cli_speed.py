"""The CLI as a user runs it: start time, and a 300,000-row import up to the first history answer.

Run from the repository root:  .venv/bin/python -m benchmarks.cli_speed [--rows N] [--json]

Every figure is a whole ``python -m assistant …`` process, started the way a user starts it (no
flags beyond the file and the group), in an empty workspace whose environment holds nothing but
``ASSISTANT_DATA_DIR`` (offline):

* ``--help``, a command's ``--help`` and two commands that need no model (``history groups`` on an
  empty workspace, ``settings``), median of five starts, each checked with ``-X importtime`` to load
  neither openai, langchain nor chromadb (target: under 1 s);
* ``history import`` of a generated MemoTrace CSV (the file of :mod:`benchmarks.history_import`):
  the whole command, interpreter start to exit (target ≥ 50,000 messages/s);
* the first history question after it (``history search``), which brings the search index up to
  date first: its time and the indexing rate it implies (targets ≤ 30 s and ≥ 10,000 messages/s);
* the next question, once the index is current, and ``history index`` with nothing new;
* ``history import`` of a generated WeFlow ChatLab JSON of the same size (today's WeChat export:
  one JSON document read whole, every message through Python), in its own workspace.

Each note gives wall and CPU seconds (the process and its children, the index worker included):
wall far above CPU means the machine's two cores were busy with other work during the run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .history_import import LINES, START, generate
from .measure import Figure, run_benchmark, say

ROOT = Path(__file__).resolve().parent.parent
START_S = 1.0
IMPORT_RATE = 50_000
INDEX_RATE = 10_000
FIRST_ANSWER_S = 30.0
HEAVY = ("openai", "langchain_core", "langchain_openai", "chromadb")
NO_MODEL = {"--help": ["--help"], "history import --help": ["history", "import", "--help"],
            "metrics --help": ["metrics", "--help"], "history groups": ["history", "groups"],
            "settings": ["settings"]}  # fmt: skip


def environment(data_dir: Path) -> dict[str, str]:
    kept = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "ASSISTANT_"))}
    return {**kept, "ASSISTANT_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}


@dataclass(frozen=True)
class Run:
    wall: float  # seconds, process start to exit
    cpu: float  # user + system seconds of the process and its children (the index worker)
    stderr: str

    @property
    def note(self) -> str:
        """``12.6 s wall, 3.1 s CPU``: wall far above CPU means the machine was busy with others."""
        return f"{self.wall:.1f} s wall, {self.cpu:.1f} s CPU"


def timed(args: list[str], data_dir: Path, *, importtime: bool = False) -> Run:
    """One ``python -m assistant args``, timed; fails loudly when it fails."""
    command = [sys.executable, *(["-X", "importtime"] if importtime else []), "-m", "assistant", *args]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    child = subprocess.run(command, cwd=data_dir.parent, env=environment(data_dir), capture_output=True, text=True,
                           timeout=1800, check=False)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if child.returncode:
        raise RuntimeError(f"`{' '.join(args)}` failed ({child.returncode}):\n{child.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(seconds, cpu, child.stderr)


def heavy_modules(importtime_log: str) -> list[str]:
    loaded = set(re.findall(r"\|\s+(\S+)\s*$", importtime_log, re.M))
    return sorted(name for name in HEAVY if name in loaded)


def start_times(data_dir: Path) -> list[Figure]:
    figures = []
    for label, args in NO_MODEL.items():
        runs = [timed(args, data_dir) for _ in range(5)]
        heavy = heavy_modules(timed(args, data_dir, importtime=True).stderr)
        walls = [r.wall for r in runs]
        note = (f"max {max(walls):.2f} s, CPU {statistics.median(r.cpu for r in runs):.2f} s; "
                + (f"loads {', '.join(heavy)}" if heavy else "no openai/langchain/chromadb"))
        figures.append(Figure("CLI start (offline)", f"`{label}`, median of 5", statistics.median(walls), "s",
                              at_most=START_S, note=note))
    return figures


def import_and_ask(data_dir: Path, rows: int) -> list[Figure]:
    name = f"CLI import → first answer ({rows:,} rows)"
    path = data_dir.parent / "群聊_utf8.csv"
    generate(path, rows)
    say(f"generated {rows:,} rows ({path.stat().st_size / 1e6:.0f} MB)")
    imported = timed(["history", "import", str(path), "--group", "benchmark"], data_dir)
    say(f"history import: {imported.note}")
    first = timed(["history", "search", "几点到货"], data_dir)
    say(f"first history search (brings the index up to date): {first.note}")
    again = timed(["history", "search", "自提点"], data_dir)
    resync = timed(["history", "index"], data_dir)
    messages = rows  # every row is a message or a join notice; both are counted by the importer's report
    return [
        Figure(name, "`history import` (no flags), whole command", messages / imported.wall, "msgs/s",
               at_least=IMPORT_RATE, note=f"{imported.note}, interpreter start to exit"),
        Figure(name, "first `history search` after the import", first.wall, "s", at_most=FIRST_ANSWER_S,
               note=f"{first.note}; brings the search index up to date, then answers"),
        Figure(name, "search index brought up to date", messages / first.wall, "msgs/s", at_least=INDEX_RATE,
               note="rows ÷ the first search's whole command"),
        Figure(name, "next `history search`", again.wall, "s", note=f"{again.note}; index current"),
        Figure(name, "`history index` with nothing new", resync.wall, "s", note=resync.note),
    ]


def generate_chatlab(path: Path, rows: int) -> None:
    """A WeFlow ChatLab JSON (v0.0.2) with the CSV's mix: 2 % join notices from the group id (type 80),
    images, 500 senders."""
    room = "4477001@chatroom"
    members = [{"platformId": room, "accountName": "benchmark"}]
    members += [{"platformId": f"wxid_bench{i:03d}", "accountName": f"用户{i}"} for i in range(500)]
    with open(path, "w", encoding="utf-8") as out:
        head = {"chatlab": {"version": "0.0.2", "exportedAt": START + rows * 5 + 60, "generator": "WeFlow"},
                "meta": {"name": "benchmark", "platform": "wechat", "type": "group", "groupId": room},
                "members": members}  # fmt: skip
        out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "messages": [\n')
        for n in range(1, rows + 1):
            ts, who = START + n * 5, n % 500
            if n % 50 == 0:
                item = {"sender": room, "accountName": "benchmark", "timestamp": ts, "type": 80,
                        "content": f'"用户{who}"邀请"新人{n}"加入了群聊'}
            else:
                image = n % 17 == 0
                item = {"sender": f"wxid_bench{who:03d}", "accountName": f"用户{who}", "timestamp": ts,
                        "type": 1 if image else 0, "content": "[图片]" if image else LINES[n % len(LINES)],
                        "platformMessageId": str(10**12 + n)}
            out.write(("" if n == 1 else ",\n") + json.dumps(item, ensure_ascii=False))
        out.write("\n]}\n")


def chatlab_import(folder: Path, rows: int) -> list[Figure]:
    data_dir = folder / "chatlab" / "data"
    data_dir.mkdir(parents=True)
    path = data_dir.parent / "群聊_benchmark.json"
    generate_chatlab(path, rows)
    say(f"generated a ChatLab JSON of {rows:,} messages ({path.stat().st_size / 1e6:.0f} MB)")
    imported = timed(["history", "import", str(path), "--group", "benchmark"], data_dir)
    say(f"history import (ChatLab): {imported.note}")
    return [Figure(f"CLI import, WeFlow ChatLab JSON ({rows:,} msgs)", "`history import` (no flags), whole command",
                   rows / imported.wall, "msgs/s", at_least=IMPORT_RATE,
                   note=f"{imported.note}; {rows / imported.cpu:,.0f} msgs per CPU second")]


def measure(args: argparse.Namespace) -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "data"
        figures = start_times(data_dir)
        figures += import_and_ask(data_dir, args.rows)
        return figures + chatlab_import(Path(folder), args.rows)


def main() -> None:
    run_benchmark(__doc__.splitlines()[0], lambda p: p.add_argument("--rows", type=int, default=300_000), measure)


if __name__ == "__main__":
    main()
