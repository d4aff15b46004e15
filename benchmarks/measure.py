"""What every benchmark reports, and how it hands its figures to ``python -m benchmarks``.

Each benchmark runs in its own process (peak memory and cold start are per process, and one
benchmark's caches must not flatter the next), prints a readable report when run alone, and with
``--json`` prints its :class:`Figure` list as one JSON line on stdout for the runner (progress
goes to stderr either way).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Figure:
    """One measured number, with the issue's target when it has one."""

    benchmark: str
    measure: str
    value: float
    unit: str
    at_least: float | None = None
    at_most: float | None = None
    note: str = ""

    @property
    def met(self) -> bool | None:
        if self.at_least is not None:
            return self.value >= self.at_least
        if self.at_most is not None:
            return self.value <= self.at_most
        return None

    @property
    def target(self) -> str:
        if self.at_least is not None:
            return f"≥ {self._with_unit(self.at_least)}"
        if self.at_most is not None:
            return f"≤ {self._with_unit(self.at_most)}"
        return ""

    @property
    def shown(self) -> str:
        return self._with_unit(self.value)

    def _with_unit(self, value: float) -> str:
        # A unitless figure is a ratio of questions (hit@3, MRR): three decimals say what changed.
        return f"{number(value)} {self.unit}" if self.unit else f"{value:.3f}"


def number(value: float) -> str:
    """``52,310`` / ``1.84`` / ``0.63``: thousands separated, small values with two decimals."""
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:,.1f}" if abs(value) >= 10 else f"{value:,.2f}"


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / (1024 if sys.platform == "darwin" else 1)


def percentiles(samples_ms: Sequence[float]) -> tuple[float, float]:
    """``(p50, p95)`` of ``samples_ms``."""
    cuts = statistics.quantiles(samples_ms, n=20, method="inclusive")
    return statistics.median(samples_ms), cuts[18]


def say(text: str) -> None:
    """Progress for the person waiting: stderr, so that ``--json`` output stays parseable."""
    print(text, file=sys.stderr, flush=True)


def run_benchmark(description: str, add_arguments: Callable[[argparse.ArgumentParser], None],
                  measure: Callable[[argparse.Namespace], list[Figure]]) -> None:
    """The ``main`` of every benchmark module: parse, measure, print or emit JSON."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON line (for the runner)")
    add_arguments(parser)
    args = parser.parse_args()
    figures = measure(args)
    if args.json:
        print(json.dumps([asdict(f) for f in figures], ensure_ascii=False))
        return
    for figure in figures:
        verdict = {True: "met", False: "MISSED", None: ""}[figure.met]
        target = f"  (target {figure.target}: {verdict})" if figure.target else ""
        note = f"  — {figure.note}" if figure.note else ""
        print(f"{figure.benchmark} · {figure.measure}: {figure.shown}{target}{note}")
