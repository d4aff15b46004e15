"""The product as a user installs it: a built wheel in a fresh environment answers offline.

The wheel is built without network (no build isolation) from a copy of the sources, installed
without dependencies into a new virtual environment that borrows this one's third-party packages,
and run from an empty directory — so prompts and playbooks must come from the wheel itself.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from tests.conftest import ROOT

SOURCES = ("assistant", "prompts", "knowledge", "pyproject.toml", "setup.py", "MANIFEST.in", "README.md")


def _copy_sources(to: Path) -> Path:
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, to / name, ignore=shutil.ignore_patterns("__pycache__", "_bundled"))
        else:
            shutil.copy2(source, to / name)
    return to


def _run(*command: str | Path, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def _fresh_venv(at: Path) -> Path:
    _run(sys.executable, "-m", "venv", "--without-pip", at, cwd=at.parent)
    [site] = at.glob("lib/python3*/site-packages")
    # the third-party packages of this environment, but not its editable link to the checkout
    (site / "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return at / "bin"


def test_the_wheel_ships_prompts_and_playbooks_and_answers_offline(tmp_path) -> None:
    source = _copy_sources(tmp_path / "src")
    _run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", tmp_path / "dist",
         ".", cwd=source)
    [wheel] = (tmp_path / "dist").glob("qun_assistant-*.whl")
    bin_dir = _fresh_venv(tmp_path / "fresh")
    _run(sys.executable, "-m", "pip", "--python", bin_dir / "python", "install", "-q", "--no-deps", "--no-index",
         wheel, cwd=tmp_path)

    empty = tmp_path / "elsewhere"
    empty.mkdir()
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(empty), "ASSISTANT_DATA_DIR": str(empty / "data"),
           "TIKTOKEN_CACHE_DIR": str(empty / "tiktoken")}
    where = _run(bin_dir / "python", "-c", "from assistant.bundled import bundled_dir; print(bundled_dir('prompts'))",
                 cwd=empty, env=env)
    prompts = Path(where.stdout.strip())
    assert prompts.is_relative_to(tmp_path / "fresh") and "_bundled" in prompts.parts, prompts
    assert (prompts / "answer.yaml").is_file()
    answered = _run(bin_dir / "qun-assistant", "ask", "退群率多少算正常？", "--json", cwd=empty, env=env)
    payload = json.loads(answered.stdout)
    assert payload["mode"] == "offline"
    assert payload["sources"][0]["source"] == "knowledge/05-metrics.md"
    assert "1%" in payload["answer"]
