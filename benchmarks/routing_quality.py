"""How often the chat router sends an English question to the part that should answer it.

Run from the repository root:  .venv/bin/python -m benchmarks.routing_quality [--json] [--misses]

``--misses`` lists the tuned-on half's misses only: the held-out questions stay unseen.

The questions were written blind to the router (``benchmarks/data/README.md``), each labelled with
its route (playbook, metrics, churn, segments, risks, history, digest, draft + which text) and, when
it names one, the group. The tuned-on half (``tests/data/routes_en.tsv``) shaped the English
patterns of ``assistant/jobs/router.py`` and ``assistant/conversations/questions.py``; the held-out
half (``benchmarks/data/routes_en.tsv``) is only reported.
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from pathlib import Path

from assistant.jobs.router import DRAFT, route

from .measure import Figure, run_benchmark, say

ROOT = Path(__file__).resolve().parent.parent
HALVES = {"tuned-on": ROOT / "tests" / "data" / "routes_en.tsv", "held-out": ROOT / "benchmarks" / "data" / "routes_en.tsv"}
GROUPS = ["幸福里团购群（示例）", "品牌福利群（示例）", "摄影爱好者交流群（示例）"]  # the demo's groups, as imported
TITLE = "Routing of English questions"


def routed_right(row: dict[str, str]) -> tuple[bool, str]:
    """Whether ``row``'s question takes its labelled route (and draft job), and the route taken."""
    chosen = route(row["question"], GROUPS)
    right = chosen.kind == row["kind"] and (row["kind"] != DRAFT or chosen.job == row["job"])
    return right, f"{chosen.kind}/{chosen.job}" if chosen.job else chosen.kind


def score(path: Path, show_misses: bool = False) -> tuple[int, int, Counter, Counter]:
    rows = list(csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"))
    right_by_kind, all_by_kind = Counter(), Counter()
    for row in rows:
        right, taken = routed_right(row)
        right_by_kind[row["kind"]] += right
        all_by_kind[row["kind"]] += 1
        if not right and show_misses:
            say(f"  {row['kind']} → {taken}: {row['question']}")
    return sum(right_by_kind.values()), len(rows), right_by_kind, all_by_kind


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--misses", action="store_true", help="list the tuned-on questions routed elsewhere")


def measure(args: argparse.Namespace) -> list[Figure]:
    figures = []
    for half, path in HALVES.items():
        right, total, by_kind, of_kind = score(path, args.misses and half == "tuned-on")
        note = ", ".join(f"{kind} {by_kind[kind]}/{of_kind[kind]}" for kind in of_kind)
        figures.append(Figure(TITLE, f"routed right ({half})", round(right / total, 3), "", note=f"{right}/{total}: {note}"))
    return figures


def main() -> None:
    run_benchmark(__doc__.splitlines()[0], _arguments, measure)


if __name__ == "__main__":
    main()
