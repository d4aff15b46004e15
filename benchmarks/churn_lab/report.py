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
    else:
        summary |= {"top1": rate("top1"), "top2": rate("top2")}
    if kind == MIXED:
        summary["any_top2"] = rate("any_top2")
    seen = [r["product"]["exits"] / r["truth"]["exits_in_week"] for r in ok if r["truth"]["exits_in_week"]]
    summary["exits_seen"] = round(mean(seen), 2) if seen else None
    return summary


def table(summaries: list[dict]) -> str:
    """A Markdown table, readable in a terminal too."""
    head = "| scenario | format | n | top-1 | top-2 | no false driver | significant | exits seen |"
    lines = [head, "|" + "---|" * 8]
    for s in summaries:
        if not s.get("answered"):
            status = "not importable" if s["not_importable"] == s["n"] else f"{s['errors']} errors"
            lines.append(f"| {s['kind']} | {s['format']} | {s['n']} | {status} | | | | |")
            continue
        top2 = _pct(s.get("top2")) + (f" (≥1: {_pct(s['any_top2'])})" if "any_top2" in s else "")
        lines.append(f"| {s['kind']} | {s['format']} | {s['answered']}/{s['n']} | {_pct(s.get('top1'))} | {top2} | "
                     f"{_pct(s.get('no_false_driver'))} | {_pct(s['significant'])} | {s['exits_seen']} |")  # fmt: skip
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
