"""Run scenarios through the product and score its answers.

One task per ``(kind, seed)``: the history is generated once and written in every chosen format,
each format imported into its own workspace. Judging (see README.md):

* a single planted driver: **top-1** = it is ``drivers[0]``, **top-2** = it is among the first two;
* ``control``: **no false driver** = the product names no driver at all;
* ``mixed``: **top-1** = ``drivers[0]`` is one of the two causes, **top-2** = both causes are the
  first two drivers;
* always: whether the product called the week's rise **significant**, and how many exits it saw
  against the true number.
"""

from __future__ import annotations

import json
import sys
import tempfile
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from . import product
from .formats import WRITERS
from .scenario import CONTROL, MIXED, Scenario, build

DRIVER_FIELDS = ("id", "score", "confidence", "explanation")
CHURN_FIELDS = ("significant", "exits", "expected_exits", "p_value", "exit_rate", "baseline_rate", "members_start",
                "exit_types", "verdict", "note")  # fmt: skip


def run_all(kinds: Iterable[str], seeds: Iterable[int], formats: list[str], workers: int, out: Path) -> list[dict]:
    """Every scenario; results are appended to ``out/scenarios.jsonl`` as they finish."""
    tasks = [(kind, seed) for seed in list(seeds) for kind in list(kinds)]  # seed by seed: a stopped run is still balanced
    out.mkdir(parents=True, exist_ok=True)
    log = (out / "scenarios.jsonl").open("w", encoding="utf-8")
    results: list[dict] = []
    started = time.perf_counter()
    local, sessions = threading.local(), []

    def task(kind: str, seed: int) -> list[dict]:
        if not hasattr(local, "session"):  # one CLI session per worker thread
            local.session = product.Session()
            sessions.append(local.session)
        return run_scenario(kind, seed, formats, local.session)

    try:
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            futures = [pool.submit(task, kind, seed) for kind, seed in tasks]
            for done, future in enumerate(as_completed(futures), 1):
                for row in future.result():
                    results.append(row)
                    log.write(json.dumps(row, ensure_ascii=False) + "\n")
                    log.flush()
                    _progress(done, len(tasks), row, time.perf_counter() - started)
    finally:
        log.close()
        for session in sessions:
            session.close()
    results.sort(key=lambda r: (r["kind"], r["seed"], r["format"]))
    return results


def run_scenario(kind: str, seed: int, formats: list[str], session: product.Session) -> list[dict]:
    scenario = build(kind, seed)
    rows = []
    for name in formats:
        began = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix=f"churn_lab_{scenario.key}_{name}_") as tmp:
            folder = Path(tmp) / "files"
            folder.mkdir()
            export = WRITERS[name](scenario.group, folder)
            answer = product.ask(session, export, Path(tmp) / "data", scenario.group.iso_week)
        rows.append(_row(scenario, name, answer, time.perf_counter() - began))
    return rows


def _row(scenario: Scenario, fmt: str, answer: product.Answer, seconds: float) -> dict:
    churn = answer.churn or {}
    drivers = [{k: d.get(k) for k in DRIVER_FIELDS} for d in churn.get("drivers", [])]
    return {
        "key": scenario.key, "kind": scenario.kind, "seed": scenario.seed, "format": fmt, "planted": scenario.planted,
        "status": answer.status, "detail": answer.detail, "seconds": round(seconds, 1),
        "judged": judge(scenario.kind, scenario.planted, [d["id"] for d in drivers], churn) if answer.churn else None,
        "product": {**{k: churn.get(k) for k in CHURN_FIELDS}, "drivers": drivers} if answer.churn else None,
        "truth": scenario.truth,
    }  # fmt: skip


def judge(kind: str, planted: list[str], ids: list[str], churn: dict) -> dict:
    verdict = {"significant": bool(churn.get("significant")), "named": ids[:3]}
    if kind == CONTROL:
        return verdict | {"no_false_driver": not ids}
    if kind == MIXED:
        return verdict | {"top1": bool(ids) and ids[0] in planted, "top2": set(planted) <= set(ids[:2]),
                          "any_top2": bool(set(planted) & set(ids[:2]))}  # fmt: skip
    return verdict | {"top1": ids[:1] == planted, "top2": planted[0] in ids[:2]}


def _progress(done: int, total: int, row: dict, elapsed: float) -> None:
    judged = row["judged"] or {}
    if row["status"] != product.OK:
        outcome = row["status"]
    elif row["kind"] == CONTROL:
        outcome = "no false driver" if judged["no_false_driver"] else f"named {judged['named']}"
    else:
        outcome = f"top1={'yes' if judged['top1'] else 'no'} top2={'yes' if judged['top2'] else 'no'} named {judged['named']}"
    print(f"[{done}/{total} {elapsed:.0f}s] {row['key']} {row['format']}: {outcome} ({row['seconds']} s)",
          file=sys.stderr, flush=True)  # fmt: skip
