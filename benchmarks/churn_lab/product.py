"""The product, reached only through its CLI, as an operator would: import the files, ask ``churn``.

Commands run in a long-lived CLI session per worker (see :mod:`.session`).

Every scenario gets its own ``ASSISTANT_DATA_DIR``; inherited ``OPENAI_*`` / ``ASSISTANT_*``
settings are dropped so a configured LLM is never called. A file the product cannot recognise
makes the format "not importable" for that scenario instead of an error.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .formats import Export

ROOT = Path(__file__).resolve().parents[2]
NOT_IMPORTABLE, IMPORT_ERROR, CHURN_ERROR, OK = "not_importable", "import_error", "churn_error", "ok"


@dataclass
class Answer:
    status: str
    churn: dict | None = None
    detail: str = ""


class Session:
    """One worker's :mod:`.session` process: started on first use, restarted if it dies."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[str] | None = None

    def run(self, data_dir: Path, commands: list) -> list[dict] | None:
        if self.process is None or self.process.poll() is not None:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "benchmarks.churn_lab.session"], cwd=ROOT, env=_environment(data_dir),
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8",
            )  # fmt: skip
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(json.dumps({"data_dir": str(data_dir), "commands": commands}, ensure_ascii=False) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        return _json(line) if line else None

    def close(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.stdin.close()  # type: ignore[union-attr]
            self.process.wait(timeout=60)


def ask(session: Session, export: Export, data_dir: Path, week: str) -> Answer:
    """Import ``export`` into a fresh workspace and explain ``week``'s exits for its group.

    If the importer names the group differently, ``churn`` falls back to no ``--group`` (the
    workspace holds only this group).
    """
    args = ["history", "import", "--no-index", "--json"]
    if export.group_option:
        args += ["--group", export.group_option]
    churn = ["churn", "--json", "--week", week]
    steps = session.run(data_dir, [args + [str(path) for path in export.files], [[*churn, "--group", export.group], churn]])
    if not isinstance(steps, list) or not steps:
        return Answer(CHURN_ERROR, detail="the CLI session died")
    imported, asked = steps[0], steps[-1]
    reports = _json(imported["stdout"]) or []
    failed = [r for r in reports if r.get("status") == "failed"]
    if failed or imported["code"]:
        chat = next((r for r in failed if r.get("file") == export.files[0].name), None)
        status = NOT_IMPORTABLE if chat and not chat.get("format") else IMPORT_ERROR
        reason = "; ".join(str(r.get("error"))[:200] for r in failed) or imported["stderr"].strip()[-300:]
        if status == NOT_IMPORTABLE or not _imported_anything(reports):
            return Answer(status, detail=reason)
    result = _json(asked["stdout"]) if len(steps) > 1 else None
    if len(steps) < 2 or asked["code"] or not isinstance(result, dict):
        return Answer(CHURN_ERROR, detail=(asked["stderr"] or asked["stdout"]).strip()[-300:])
    return Answer(OK, result)


def _imported_anything(reports: list[dict]) -> bool:
    return any(r.get("status") not in ("failed", None) for r in reports)


def _environment(data_dir: Path) -> dict[str, str]:
    kept = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "ASSISTANT_"))}
    return {**kept, "ASSISTANT_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}


def _json(text: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return None
