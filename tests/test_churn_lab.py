"""The churn lab: the same (kind, seed) gives the same files, the product imports them, and the lab runs.

The full lab (``python -m benchmarks.churn_lab``) measures the churn explainer and is run by hand;
these guard the generator and the writers it relies on, importing through the CLI as the lab does,
and run the lab end to end on its smallest setting (one seed, two kinds, one format) so a change to
the product's CLI or JSON that breaks the lab shows up in CI. They judge nothing about the answers.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from benchmarks.churn_lab.formats import WRITERS, Export, chatlab
from benchmarks.churn_lab.scenario import build
from tests.conftest import ROOT

pytestmark = pytest.mark.churn_lab
KIND, SEED = "spam_ads", 23  # a small group (about 120 members, 8 weeks, 2,000 messages)


def _content(path: Path) -> object:
    if path.suffix == ".xlsx":  # workbooks carry their save time; compare the cells
        book = load_workbook(path, read_only=True)
        return [list(row) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)]
    return path.read_bytes()


def _write_all(folder: Path) -> dict[str, Export]:
    scenario = build(KIND, SEED)
    exports = {}
    for fmt, write in WRITERS.items():
        (folder / fmt).mkdir(parents=True)
        exports[fmt] = write(scenario.group, folder / fmt)
    return exports


def test_same_seed_same_files_other_seed_other_history(tmp_path: Path) -> None:
    first, second = _write_all(tmp_path / "a"), _write_all(tmp_path / "b")
    for fmt in WRITERS:
        assert [p.name for p in first[fmt].files] == [p.name for p in second[fmt].files]
        assert [_content(p) for p in first[fmt].files] == [_content(p) for p in second[fmt].files], fmt
    one, other = build(KIND, SEED), build(KIND, SEED + 1)
    assert (one.group.name, len(one.group.messages)) != (other.group.name, len(other.group.messages))


def test_the_product_imports_what_the_writers_write(tmp_path: Path) -> None:
    exports = _write_all(tmp_path / "files")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "ASSISTANT_"))}
    runs = {}
    for fmt, export in exports.items():  # the three imports run side by side, each in its own workspace
        args = ["--group", export.group_option] if export.group_option else []
        runs[fmt] = subprocess.Popen(
            [sys.executable, "-m", "assistant", "history", "import", "--no-index", "--json", *args, *map(str, export.files)],
            cwd=ROOT, env={**env, "ASSISTANT_DATA_DIR": str(tmp_path / f"{fmt}-data")}, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
    assert chatlab.problems(json.loads(exports["chatlab"].files[0].read_text(encoding="utf-8"))) == []
    for fmt, run in runs.items():
        out, err = run.communicate(timeout=180)
        reports = json.loads(out)
        assert run.returncode == 0, out[-2000:] + err
        assert all(r["status"] == "ok" for r in reports), [(r["file"], r["status"], r["error"]) for r in reports]
        assert reports[0]["messages_added"] > 1000


def test_the_lab_runs_end_to_end(tmp_path: Path) -> None:
    """One tuned seed, a planted cause and a quiet control, one format: every row answered and judged."""
    summary = subprocess.run(
        [sys.executable, "-m", "benchmarks.churn_lab", "--drivers", "spam_ads", "control", "--seeds", "1",
         "--formats", "telegram", "--workers", "2", "--out", str(tmp_path), "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=True,
    )  # fmt: skip
    rows = {row["kind"]: row for row in json.loads(summary.stdout)}
    assert {row["answered"] for row in rows.values()} == {1}, summary.stderr[-2000:]
    assert {"top1", "top2"} <= set(rows["spam_ads"]) and "no_false_driver" in rows["control"]
    lines = [json.loads(line) for line in (tmp_path / "scenarios.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(line["key"] for line in lines) == ["control-001", "spam_ads-001"]
    assert all(line["truth"]["exits_in_week"] > 0 and line["product"]["exits"] > 0 for line in lines)
    assert "| spam_ads | telegram | 1/1 |" in (tmp_path / "table.md").read_text(encoding="utf-8")
