"""``python -m benchmarks.churn_lab``: judge the product's churn explainer on planted causes.

    .venv/bin/python -m benchmarks.churn_lab                      # 20 seeds × every kind × every format
    .venv/bin/python -m benchmarks.churn_lab --quick              # 3 seeds
    .venv/bin/python -m benchmarks.churn_lab --drivers spam_ads control --formats wechat --seeds 5 --workers 2
    .venv/bin/python -m benchmarks.churn_lab --write /tmp/lab --drivers scam_incident --seeds 1   # files only

Per-scenario results go to ``--out`` (default ``benchmarks/churn_lab/results/``) as
``scenarios.jsonl``, with ``summary.json`` and ``table.md``; a full default run also rewrites
``benchmarks/churn_lab/RESULTS.md``. Progress goes to stderr; ``--json`` prints the summary rows.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import timedelta
from pathlib import Path

from ..machine import describe
from . import harness, report
from .formats import FORMATS, WRITERS
from .scenario import KINDS, build
from .world import transcript

HERE = Path(__file__).resolve().parent
QUICK_SEEDS, DEFAULT_SEEDS = 3, 20


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    seeds = range(args.first_seed, args.first_seed + (QUICK_SEEDS if args.quick else args.seeds))
    if args.write:
        return _write(args.write, args.drivers, seeds, args.formats)
    results = harness.run_all(args.drivers, seeds, args.formats, args.workers, args.out)
    summaries = report.summarise(results)
    text = f"{report.table(summaries)}\n\nFirst driver named, per planted cause (all formats):\n\n{report.confusion(results)}"
    (args.out / "summary.json").write_text(json.dumps(summaries, ensure_ascii=False, indent=1), encoding="utf-8")
    (args.out / "table.md").write_text(text + "\n", encoding="utf-8")
    if not args.quick and args.seeds == DEFAULT_SEEDS and set(args.drivers) == set(KINDS) and set(args.formats) == set(FORMATS):
        _results_md(text, len(seeds), args.workers)
    print(json.dumps(summaries, ensure_ascii=False) if args.json else text)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.churn_lab", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--seeds", type=int, default=DEFAULT_SEEDS, help="seeds per scenario kind (default 20)")
    parser.add_argument("--first-seed", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_SEEDS} seeds, for tests and trials")
    parser.add_argument("--drivers", nargs="+", choices=KINDS, default=list(KINDS), metavar="KIND",
                        help=f"scenario kinds: {', '.join(KINDS)} (default: all)")  # fmt: skip
    parser.add_argument("--formats", nargs="+", choices=FORMATS, default=list(FORMATS), help="default: all")
    parser.add_argument("--workers", type=int, default=1, help="scenarios run in parallel (default 1)")
    parser.add_argument("--json", action="store_true", help="print the summary rows as JSON")
    parser.add_argument("--out", type=Path, default=HERE / "results", help="where the per-scenario results go")
    parser.add_argument("--write", type=Path, help="only write the scenarios' export files under this folder")
    return parser


def _write(folder: Path, kinds: list[str], seeds: range, formats: list[str]) -> int:
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


def _results_md(text: str, seeds: int, workers: int) -> None:
    machine = "\n".join(f"- {key}: {value}" for key, value in describe().items())
    (HERE / "RESULTS.md").write_text(
        f"# Churn lab: measured against the product\n\n{seeds} seeds per scenario kind and format, "
        f"{workers} worker(s). Rates are over the scenarios the product could import.\n\n{text}\n\n"
        f"## Machine\n\n{machine}\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    sys.exit(main())
