"""How well the compliance check flags English drafts: per line, the set of categories it flags
(ad_law, medical, rules) must equal the labelled set (``clean`` = none).

Run from the repository root:
    .venv/bin/python -m benchmarks.compliance_quality [FILE.tsv ...] [--misses]

Without a file it scores both halves: the tuned-on ``tests/data/compliance_en.tsv`` and the held-out
``benchmarks/data/compliance_en.tsv``. The lines were written blind to the checker (TSV header
``text	labels	terms``; ``benchmarks/data/README.md``); only the tuned-on half shaped the English
terms of ``assistant/jobs/compliance_en.py``. ``--misses`` lists the tuned-on half's misses only, so
the held-out lines stay unseen.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from assistant.jobs.compliance import GroupRules, check, kind_of

ROOT = Path(__file__).resolve().parent.parent
TUNED = ROOT / "tests" / "data" / "compliance_en.tsv"
HELD_OUT = ROOT / "benchmarks" / "data" / "compliance_en.tsv"


def flagged(text: str) -> set[str]:
    """The categories the checker flags in an English ``text`` under the default group rules."""
    return {kind_of(p.category) for p in check(text, GroupRules(), "en")}


def expected(labels: str) -> set[str]:
    return set() if labels.strip() == "clean" else set(labels.strip().split("|"))


def score(path: Path) -> tuple[int, int, list[tuple[str, set[str], set[str]]]]:
    """(lines right, lines, misses as (text, labelled, flagged))."""
    rows = list(csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"))
    misses = [(r["text"], expected(r["labels"]), got) for r in rows if (got := flagged(r["text"])) != expected(r["labels"])]
    return len(rows) - len(misses), len(rows), misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=[TUNED, HELD_OUT])
    parser.add_argument("--misses", action="store_true", help="list the lines scored wrong")
    args = parser.parse_args(argv)
    for path in args.files:
        right, total, misses = score(path)
        half = {TUNED.resolve(): "tuned-on", HELD_OUT.resolve(): "held-out"}.get(path.resolve(), path.name)
        print(f"{half}: {right}/{total} lines right ({right / total:.1%})")
        for text, want, got in misses if args.misses and path.resolve() != HELD_OUT.resolve() else ():
            print(f"  want {'|'.join(sorted(want)) or 'clean'}, got {'|'.join(sorted(got)) or 'clean'}: {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
