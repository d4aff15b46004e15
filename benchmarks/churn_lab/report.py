"""Tables from the per-scenario results: one row per scenario kind × format.

Rates are over the scenarios the product could import; a format it cannot import shows as such.
``exits seen`` is the product's exit count for the week divided by the true one (1.00 = it saw
every exit), a check that the writers' membership data reached it.
"""

from __future__ import annotations

from collections import defaultdict
from statistics import mean

from .causes import DRIVERS
from .product import NOT_IMPORTABLE, OK
from .scenario import CONTROL, MIXED

ALL_DRIVERS = "all seven drivers"


def summarise(results: list[dict]) -> list[dict]:
    """One summary per (kind, format), plus the seven single-driver kinds pooled per format."""
    cells: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in results:
        cells[(row["kind"], row["format"])].append(row)
        if row["kind"] in DRIVERS:
            cells[(ALL_DRIVERS, row["format"])].append(row)
    order = {kind: n for n, kind in enumerate((*DRIVERS, ALL_DRIVERS, MIXED, CONTROL))}
    keys = sorted(cells, key=lambda k: (order.get(k[0], 99), k[1]))
    return [_cell(kind, fmt, cells[(kind, fmt)]) for kind, fmt in keys]


def _cell(kind: str, fmt: str, rows: list[dict]) -> dict:
    ok = [r for r in rows if r["status"] == OK]
    summary = {"kind": kind, "format": fmt, "n": len(rows), "answered": len(ok),
               "not_importable": sum(r["status"] == NOT_IMPORTABLE for r in rows),
               "errors": sum(r["status"] not in (OK, NOT_IMPORTABLE) for r in rows)}  # fmt: skip
    if not ok:
        return summary
    rate = lambda key: round(mean(float(r["judged"][key]) for r in ok), 3)  # noqa: E731
    summary["significant"] = rate("significant")
    if kind == CONTROL:
        summary["no_false_driver"] = rate("no_false_driver")
        summary["false_drivers"] = sum(len(r["product"]["drivers"]) for r in ok)  # every driver named on a control
    else:
        summary |= {"top1": rate("top1"), "top2": rate("top2")}
    if kind == MIXED:
        summary["any_top2"] = rate("any_top2")
    seen = [r["product"]["exits"] / r["truth"]["exits_in_week"] for r in ok if r["truth"]["exits_in_week"]]
    summary["exits_seen"] = round(mean(seen), 2) if seen else None
    return summary


def table(summaries: list[dict]) -> str:
    """A Markdown table, readable in a terminal too. Mixed cases: "both in top-2" (and at least one)."""
    head = ("| scenario | format | n | top-1 | top-2 | mixed: both in top-2 (≥1) | control: no false driver (drivers named) "
            "| significant | exits seen |")  # fmt: skip
    lines = [head, "|" + "---|" * 9]
    for s in summaries:
        if not s.get("answered"):
            status = "not importable" if s["not_importable"] == s["n"] else f"{s['errors']} errors"
            lines.append(f"| {s['kind']} | {s['format']} | {s['n']} | {status} | | | | | |")
            continue
        mixed = s["kind"] == MIXED
        both = f"{_pct(s['top2'])} ({_pct(s['any_top2'])})" if mixed else "–"
        control = f"{_pct(s['no_false_driver'])} ({s['false_drivers']})" if "no_false_driver" in s else "–"
        lines.append(f"| {s['kind']} | {s['format']} | {s['answered']}/{s['n']} | {_pct(s.get('top1'))} | "
                     f"{'–' if mixed else _pct(s.get('top2'))} | {both} | {control} | {_pct(s['significant'])} | "
                     f"{s['exits_seen']} |")  # fmt: skip
    return "\n".join(lines)


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def confusion(results: list[dict]) -> str:
    """Which driver the product put first, per planted driver (all formats pooled): where it goes wrong."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in results:
        if row["status"] == OK and row["kind"] in (*DRIVERS, CONTROL):
            named = row["judged"]["named"]
            counts[row["kind"]][named[0] if named else "(none)"] += 1
    columns = [*DRIVERS, "(none)"]
    lines = ["| planted ↓ / first named → | " + " | ".join(columns) + " |", "|" + "---|" * (len(columns) + 1)]
    for kind in (*DRIVERS, CONTROL):
        if kind in counts:
            lines.append(f"| {kind} | " + " | ".join(str(counts[kind].get(c, "")) for c in columns) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``python -m benchmarks.churn_lab.report FILE… [--seeds N…]``: the tables of saved runs, merged."""
    import argparse
    import json
    from pathlib import Path

    parser = argparse.ArgumentParser(prog="python -m benchmarks.churn_lab.report", description=main.__doc__)
    parser.add_argument("files", nargs="+", type=Path, help="scenarios.jsonl files of earlier runs")
    parser.add_argument("--seeds", nargs="+", type=int, help="only these seeds")
    parser.add_argument("--no-confusion", action="store_true", help="leave out the first-driver table")
    args = parser.parse_args(argv)
    rows = [json.loads(line) for path in args.files for line in path.read_text(encoding="utf-8").splitlines() if line]
    rows = [r for r in rows if not args.seeds or r["seed"] in args.seeds]
    print(table(summarise(rows)))
    if not args.no_confusion:
        print(f"\nFirst driver named, per planted cause (all formats):\n\n{confusion(rows)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
