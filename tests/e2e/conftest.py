"""End-to-end fixtures: the real Streamlit server on a free localhost port, and headless Chromium.

Chromium is Debian's (``/usr/bin/chromium``), driven by Playwright without any browser download;
``scripts/test.sh`` installs it (and a CJK font) where it is missing. Screenshots land in
``test-artifacts/e2e/``.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.support.readiness import wait_until_answering
from tests.support.demo_workspace import install_demo

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (scripts/test.sh installs it)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):  # noqa: ANN201 - pytest's hook
    report = yield
    if report.when == "call":
        item.stash[_CALL_FAILED] = report.failed
    return report


_CALL_FAILED = pytest.StashKey[bool]()


@pytest.fixture
def app_server(isolated_env: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """``streamlit run app.py`` with its own data dir; yields the page URL."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "ASSISTANT_"))}
    # PYTHONFAULTHANDLER: a failed test's server is asked (SIGABRT) where every thread stood.
    env |= {"ASSISTANT_DATA_DIR": str(isolated_env / "data"), "PYTHONPATH": str(ROOT), "PYTHONFAULTHANDLER": "1"}
    log_path = isolated_env / "streamlit.log"
    log = log_path.open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=isolated_env, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process)
        yield url
    finally:
        if request.node.stash.get(_CALL_FAILED, False) and process.poll() is None:
            _keep_thread_dump(process, log_path, request.node.name)
        process.terminate()
        process.wait(timeout=20)
        log.close()


def _keep_thread_dump(process: subprocess.Popen, log_path: Path, name: str) -> None:
    """Why a page never came: the server's threads, into the artifacts and the failure report."""
    process.send_signal(signal.SIGABRT)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        return
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    text = log_path.read_text(encoding="utf-8", errors="replace")
    (ARTIFACTS / f"{name}.server.log").write_text(text, encoding="utf-8")
    dump = text[text.find("Fatal Python error"):]  # faulthandler's part: every thread's stack
    print(f"--- where the server's threads stood when {name} failed ---")
    print("\n".join(dump.splitlines()[:400]))


@pytest.fixture
def demo_workspace(isolated_env: Path) -> Path:
    """The demo community already imported, as the welcome screen's button leaves it, before the
    server starts (ask for it before ``app_server``). Generating and indexing it in the server costs
    ~15 s of CPU a test; the test of the button itself, and the FAQ test, still click it."""
    from assistant import load_settings

    install_demo(load_settings())
    return isolated_env


def _wait_healthy(url: str, process: subprocess.Popen) -> None:
    problem = wait_until_answering(f"{url}/_stcore/health", process, 60, 0.3)
    if problem:
        raise RuntimeError(f"streamlit {problem}")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="zh-CN", accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    yield tab
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
