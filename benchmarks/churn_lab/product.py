"""The product, reached only through its CLI, as an operator would: import the files, ask ``churn``.

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
TIMEOUT_S = 600
NOT_IMPORTABLE, IMPORT_ERROR, CHURN_ERROR, OK = "not_importable", "import_error", "churn_error", "ok"


@dataclass
class Answer:
    status: str
    churn: dict | None = None
    detail: str = ""


def ask(export: Export, data_dir: Path, week: str) -> Answer:
    """Import ``export`` into a fresh workspace and explain ``week``'s exits for its group."""
    env = _environment(data_dir)
    args = ["history", "import", "--no-index", "--json"]
    if export.group_option:
        args += ["--group", export.group_option]
    run = _cli(args + [str(path) for path in export.files], env)
    reports = _json(run.stdout) or []
    failed = [r for r in reports if r.get("status") == "failed"]
    if failed or run.returncode:
        chat = next((r for r in failed if r.get("file") == export.files[0].name), None)
        status = NOT_IMPORTABLE if chat and not chat.get("format") else IMPORT_ERROR
        reason = "; ".join(str(r.get("error"))[:200] for r in failed) or run.stderr.strip()[-300:]
        if status == NOT_IMPORTABLE or not _imported_anything(reports):
            return Answer(status, detail=reason)
    churn = _cli(["churn", "--json", "--group", export.group, "--week", week], env)
    if churn.returncode:  # the importer may name the group differently: the workspace holds only this one
        churn = _cli(["churn", "--json", "--week", week], env)
    result = _json(churn.stdout)
    if churn.returncode or not isinstance(result, dict):
        return Answer(CHURN_ERROR, detail=(churn.stderr or churn.stdout).strip()[-300:])
    return Answer(OK, result)


def _imported_anything(reports: list[dict]) -> bool:
    return any(r.get("status") not in ("failed", None) for r in reports)


def _cli(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "assistant", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=TIMEOUT_S, check=False)  # fmt: skip


def _environment(data_dir: Path) -> dict[str, str]:
    kept = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "ASSISTANT_"))}
    return {**kept, "ASSISTANT_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}


def _json(text: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return None
