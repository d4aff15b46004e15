"""``python -m benchmarks.churn_lab``: judge the product's churn explainer on planted causes.

Two seed sets, never mixed: the **tuned-on seeds 1–10** (developers may read these scenarios, their
files and the product's answers, and change the product until they pass) and the **held-out seeds
101–120** (``--held-out``; nobody looks at them to tune anything: they measure what the tuning is
worth on histories it has not seen).

    .venv/bin/python -m benchmarks.churn_lab                      # tuned seeds 1–10 × every kind × every format
    .venv/bin/python -m benchmarks.churn_lab --held-out           # held-out seeds 101–120
    .venv/bin/python -m benchmarks.churn_lab --quick              # the first seed of the set only
    .venv/bin/python -m benchmarks.churn_lab --drivers spam_ads control --formats wechat --seeds 5
    .venv/bin/python -m benchmarks.churn_lab --write /tmp/lab --drivers scam_incident --seeds 1   # files only

Per-scenario results go to ``--out`` (default ``benchmarks/churn_lab/results/<tuned|held-out>/``)
as ``scenarios.jsonl``, with ``summary.json`` and ``table.md``. Progress goes to stderr; ``--json``
prints the summary rows.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import timedelta
from pathlib import Path

from . import harness, report
from .formats import FORMATS, WRITERS
from .scenario import KINDS, build
from .world import transcript

HERE = Path(__file__).resolve().parent
TUNED_SEEDS = range(1, 11)  # developers may look at these
HELD_OUT_SEEDS = range(101, 121)  # nobody tunes on these
QUICK_SEEDS = 1


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    chosen = HELD_OUT_SEEDS if args.held_out else TUNED_SEEDS
    seeds = list(chosen)[: QUICK_SEEDS if args.quick else args.seeds or len(chosen)]
    if args.write:
        return _write(args.write, args.drivers, seeds, args.formats)
    out = args.out or HERE / "results" / ("held-out" if args.held_out else "tuned")
    started = time.perf_counter()
    results = harness.run_all(args.drivers, seeds, args.formats, args.workers, out)
    summaries = report.summarise(results)
    label = f"{'held-out' if args.held_out else 'tuned-on'} seeds {seeds[0]}–{seeds[-1]}"
    text = (f"{label}, {time.perf_counter() - started:.0f} s with {args.workers} worker(s)\n\n{report.table(summaries)}"
            f"\n\nFirst driver named, per planted cause (all formats):\n\n{report.confusion(results)}")  # fmt: skip
    (out / "summary.json").write_text(json.dumps(summaries, ensure_ascii=False, indent=1), encoding="utf-8")
    (out / "table.md").write_text(text + "\n", encoding="utf-8")
    print(json.dumps(summaries, ensure_ascii=False) if args.json else text)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.churn_lab", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--held-out", action="store_true",
                        help="the held-out seeds 101–120 instead of the tuned-on seeds 1–10")  # fmt: skip
    parser.add_argument("--seeds", type=int, help="only the first N seeds of the set (default: all of it)")
    parser.add_argument("--quick", action="store_true", help=f"only the first {QUICK_SEEDS} seed of the set (a few minutes)")
    parser.add_argument("--drivers", nargs="+", choices=KINDS, default=list(KINDS), metavar="KIND",
                        help=f"scenario kinds: {', '.join(KINDS)} (default: all)")  # fmt: skip
    parser.add_argument("--formats", nargs="+", choices=FORMATS, default=list(FORMATS), help="default: all")
    parser.add_argument("--workers", type=int, default=2, help="scenarios run in parallel, one CLI session each (default 2)")
    parser.add_argument("--json", action="store_true", help="print the summary rows as JSON")
    parser.add_argument("--out", type=Path, help="where the per-scenario results go (default results/tuned or results/held-out)")
    parser.add_argument("--write", type=Path, help="only write the scenarios' export files under this folder")
    return parser


def _write(folder: Path, kinds: list[str], seeds: list[int], formats: list[str]) -> int:
    for kind in kinds:
        for seed in seeds:
            scenario = build(kind, seed)
            for name in formats:
                target = folder / scenario.key / name
                target.mkdir(parents=True, exist_ok=True)
                export = WRITERS[name](scenario.group, target)
                (target / "truth.json").write_text(
                    json.dumps({"planted": scenario.planted, "week": scenario.group.iso_week, "group": export.group,
                                "group_option": export.group_option, **scenario.truth}, ensure_ascii=False, indent=1),
                    encoding="utf-8")  # fmt: skip
            story = transcript(scenario.group, scenario.group.week_begin - timedelta(days=2))
            (folder / scenario.key / "last_week.txt").write_text(story + "\n", encoding="utf-8")
            print(f"{scenario.key}: {scenario.planted or 'nothing planted'} → {folder / scenario.key}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
