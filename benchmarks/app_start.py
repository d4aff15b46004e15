"""App cold start to the first rendered page, and each page's render time, on the demo workspace.

Run from the repository root:  .venv/bin/python -m benchmarks.app_start [--json]

This process prepares a workspace as a user has it after trying the demo (the demo community
imported, the playbook index built), then starts a fresh Python process that renders ``app.py``
with Streamlit's own test runner (``streamlit.testing.v1.AppTest``: the same script run a browser
session triggers, without the web server and the browser). Cold start is measured from before
that process is spawned to the end of the first page's script run, so interpreter start, every
import and building the cached Assistant all count. Then every page ``app.py`` declares is
opened once (first visit) and rendered again (a rerun, as any click does). The child reads
settings only from the environment it is given, which holds nothing but the data directory.
Target (issue 8): cold start <= 5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .measure import Figure, run_benchmark, say

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
COLD_START_S = 5.0


def prepare(data_dir: Path) -> None:
    from assistant import Assistant, load_settings

    settings = load_settings(env_file=None, data_dir=data_dir, openai_api_key=None, openai_base_url=None,
                             embedding_model="", rerank_model="", chroma_url="")
    assistant = Assistant.from_settings(settings)
    assistant.history.demo()
    assistant.reindex()


def render() -> None:
    """The child: first page, then every page twice; prints its clock readings as JSON."""
    from streamlit import config
    from streamlit.testing.v1 import AppTest

    config.set_option("server.address", "127.0.0.1")  # as .streamlit/config.toml: no accounts needed
    app = AppTest.from_file(str(APP), default_timeout=120)
    app.run()
    first_done = time.time()
    _check(app, "app.py")
    pages = {}
    for page in re.findall(r'"(app_pages/\w+\.py)", ":material', APP.read_text(encoding="utf-8")):
        started = time.perf_counter()
        app.switch_page(page).run()
        first = time.perf_counter() - started
        _check(app, page)
        started = time.perf_counter()
        app.run()
        pages[page] = (first, time.perf_counter() - started)
    print(json.dumps({"first_done": first_done, "pages": pages}))


def _check(app, where: str) -> None:  # app: an AppTest, imported lazily
    if app.exception:
        raise RuntimeError(f"{where} raised: {app.exception[0].value}")
    if not app.title:
        raise RuntimeError(f"{where} rendered no page: {[e.value for e in app.error]}")


def child_environment(data_dir: Path) -> dict[str, str]:
    kept = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "ASSISTANT_"))}
    return {**kept, "ASSISTANT_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}


def measure(_args: argparse.Namespace) -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "data"
        say("preparing the demo workspace …")
        prepare(data_dir)
        started = time.time()
        child = subprocess.run([sys.executable, "-m", "benchmarks.app_start", "--render"], cwd=folder,
                               env=child_environment(data_dir), capture_output=True, text=True, timeout=600, check=False)
    if child.returncode:
        raise RuntimeError(f"rendering the app failed:\n{child.stderr[-3000:]}")
    result = json.loads(child.stdout.strip().splitlines()[-1])
    name = "App (demo workspace)"
    figures = [Figure(name, "cold start to first rendered page", result["first_done"] - started, "s",
                      at_most=COLD_START_S, note="new process: imports, cached Assistant, chat page")]
    for page, (first, again) in result["pages"].items():
        figures.append(Figure(name, f"{Path(page).stem} page, first visit", first * 1000, "ms",
                              note=f"rerun {again * 1000:.0f} ms"))
    return figures


def main() -> None:
    if "--render" in sys.argv:
        render()
        return
    run_benchmark(__doc__.splitlines()[0], lambda _parser: None, measure)


if __name__ == "__main__":
    main()
