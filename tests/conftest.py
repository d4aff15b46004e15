"""Shared fixtures: no network beyond loopback, an isolated environment per test, and
a loopback OpenAI-compatible server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import embedding_guard, memo, network_guard
from tests.support.openai_server import FakeOpenAI

network_guard.install()
memo.install()  # the playbooks' segmentation and hash vectors, computed once per process
memo.install_component_scan()  # Streamlit's scan of installed packages, once per process
# Also for fixtures wider than one test (built before ``isolated_env`` runs) and child processes.
os.environ["ASSISTANT_OFFLINE_EMBEDDING"] = "hash"

ROOT = Path(__file__).resolve().parent.parent
_CONFIG_PREFIXES = ("OPENAI_", "ASSISTANT_")


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):  # noqa: ANN001, ANN201 - xdist's hook
    """With ``--dist loadfile`` (scripts/test.sh), every browser test on one worker: one Streamlit
    server and one Chromium at a time, as in a one-process run (their waits assume that). Split in
    two halves over both workers, one wait timed out on a busy machine; and the browser tests are
    CPU-bound (340 of their 419 s in one process), so two at a time on two cores gain little."""
    if config.getoption("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class OneBrowser(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return "tests/e2e" if nodeid.startswith("tests/e2e/") else super()._split_scope(nodeid)

    return OneBrowser(config, log)


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Each test runs in its own directory with its own data dir and no inherited settings."""
    for name in list(os.environ):
        if name.startswith(_CONFIG_PREFIXES):
            monkeypatch.delenv(name)
    # An empty cache: tiktoken must get its encodings from the package, never from a download.
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path / "tiktoken-cache"))
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ASSISTANT_PUSH_FOLDER_ROOTS", str(tmp_path))  # folder channels write in the test's directory
    # The in-process stand-in for the semantic model: the hash embedding (instant, deterministic).
    # Tests about the model itself are marked ``real_embedding`` (see embedding_guard).
    monkeypatch.setenv("ASSISTANT_OFFLINE_EMBEDDING", "hash")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(autouse=True)
def _guard_the_model(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if request.node.get_closest_marker("real_embedding") is None:
        embedding_guard.install(monkeypatch)


@pytest.fixture(autouse=True)
def loopback_app_server() -> None:
    """AppTest runs without a server: say it listens on 127.0.0.1, as .streamlit/config.toml does."""
    from streamlit import config

    config.set_option("server.address", "127.0.0.1")


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    server = FakeOpenAI().start()
    yield server
    server.stop()


@pytest.fixture
def llm_env(monkeypatch: pytest.MonkeyPatch, fake_openai: FakeOpenAI) -> FakeOpenAI:
    """Point the assistant at the loopback server with short timeouts."""
    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    monkeypatch.setenv("ASSISTANT_CHAT_MODEL", "fake-model")
    monkeypatch.setenv("ASSISTANT_LLM_TIMEOUT", "1")
    monkeypatch.setenv("ASSISTANT_LLM_MAX_RETRIES", "2")
    return fake_openai


@pytest.fixture(scope="session")
def offline_assistant(tmp_path_factory: pytest.TempPathFactory):
    """One offline Assistant over the bundled playbooks, shared by read-only tests."""
    from assistant import Assistant, load_settings

    data_dir = tmp_path_factory.mktemp("shared-data")
    settings = load_settings(
        env_file=None, data_dir=data_dir, openai_api_key=None, openai_base_url=None, embedding_model=""
    )
    return Assistant.from_settings(settings)
