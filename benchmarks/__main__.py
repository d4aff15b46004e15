"""One command for every figure: ``python -m benchmarks`` prints one table and writes RESULTS.md.

Run from the repository root:  .venv/bin/python -m benchmarks [--quick] [--only NAME ...] [--output FILE]

Each benchmark runs in a fresh process with ``--json`` (peak memory and cold start are
per-process facts, and one benchmark's warm caches must not flatter the next), in the order of
issue 8: history import, metrics + churn, knowledge base at 100k chunks, chat pipeline, history
search over conversation windows (issue 10), app start, the CLI as a user runs it (start time, a
300,000-row import without flags up to the first history answer; issue 15), then retrieval quality. Their
environment carries no ``OPENAI_*`` / ``ASSISTANT_*`` settings, so a configured LLM key is never used or billed. The table goes to stdout and, for a
full run, to ``benchmarks/RESULTS.md`` with the machine's description; ``--quick`` (about a tenth
of the sizes, for trying the command) writes a file only when ``--output`` names one.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from .machine import ROOT, describe
from .measure import Figure, say

RESULTS = ROOT / "benchmarks" / "RESULTS.md"
# name -> (arguments of the full run, arguments of a quick run)
BENCHMARKS: dict[str, tuple[list[str], list[str]]] = {
    "history_import": (["--rows", "1000000"], ["--rows", "100000"]),
    "analytics_speed": (["--messages", "1000000"], ["--messages", "100000"]),
    "digest_speed": (["--messages", "1000000"], ["--messages", "100000"]),
    "knowledge_scale": (["--chunks", "100000", "--queries", "200"], ["--chunks", "5000", "--queries", "50"]),
    "chat_pipeline": (["--questions", "50"], ["--questions", "10"]),
    "conversations_speed": (["--messages", "1000000"], ["--messages", "100000"]),
    "app_start": ([], []),
    "cli_speed": (["--rows", "300000"], ["--rows", "30000"]),
    "retrieval_quality": ([], []),
    "routing_quality": ([], []),
    "bm25_engines": (["--chunks", "100000", "--queries", "200"], ["--chunks", "5000", "--queries", "50"]),
    "upload_speed": (["--pages", "300", "--fill-seconds", "240"], ["--pages", "30", "--fill-seconds", "30"]),
}
_TIMEOUT_S = 3 * 60 * 60


def run(name: str, arguments: list[str]) -> list[Figure]:
    """One benchmark in its own process; a failure becomes a row that says so."""
    say(f"\n== {name} {' '.join(arguments)}")
    started = time.perf_counter()
    child = subprocess.run([sys.executable, "-m", f"benchmarks.{name}", "--json", *arguments], cwd=ROOT,
                           env=_clean_environment(), stdout=subprocess.PIPE, text=True, timeout=_TIMEOUT_S,
                           check=False)
    say(f"== {name} finished in {time.perf_counter() - started:.0f} s")
    lines = child.stdout.strip().splitlines()
    if child.returncode or not lines:
        return [Figure(name, "FAILED", float(child.returncode), "exit code", note="see the output above")]
    return [Figure(**row) for row in json.loads(lines[-1])]


def _clean_environment() -> dict[str, str]:
    kept = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "ASSISTANT_"))}
    return {**kept, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), kept.get("PYTHONPATH", "")]))}


def table(figures: list[Figure]) -> str:
    rows = ["| Benchmark | Measure | Value | Target | Met | Notes |", "| --- | --- | --- | --- | --- | --- |"]
    for f in figures:
        met = {True: "yes", False: "**NO**", None: ""}[f.met]
        rows.append(f"| {f.benchmark} | {f.measure} | {f.shown} | {f.target} | {met} | {f.note} |")
    return "\n".join(rows)


def report(machine: dict[str, str], figures: list[Figure], command: str, minutes: float) -> str:
    described = "\n".join(f"- **{key}**: {value}" for key, value in machine.items())
    missed = [f"{f.benchmark} · {f.measure}" for f in figures if f.met is False]
    verdict = "Every target met." if not missed else "Targets missed: " + "; ".join(missed) + "."
    return (
        "# Benchmark results\n\n"
        f"Produced by `{command}` in {minutes:.0f} minutes. Targets are issue 8's, for a 2-core machine.\n\n"
        f"## Machine\n\n{described}\n\n## Figures\n\n{table(figures)}\n\n{verdict}\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="about a tenth of the sizes; writes no file by default")
    parser.add_argument("--only", nargs="+", choices=sorted(BENCHMARKS), help="run only these benchmarks")
    parser.add_argument("--output", type=Path, help=f"where to write the report (default {RESULTS.relative_to(ROOT)})")
    args = parser.parse_args()
    machine = describe()
    started = time.perf_counter()
    figures: list[Figure] = []
    for name, (full, quick) in BENCHMARKS.items():
        if not args.only or name in args.only:
            figures += run(name, quick if args.quick else full)
    command = "python -m benchmarks " + " ".join(sys.argv[1:])
    text = report(machine, figures, command.strip(), (time.perf_counter() - started) / 60)
    print(text)
    output = args.output or (None if args.quick or args.only else RESULTS)
    if output:
        output.write_text(text, encoding="utf-8")
        say(f"written to {output}")


if __name__ == "__main__":
    main()
