"""ASSISTANT_CHROMA_URL against a real ``chroma run`` on 127.0.0.1: the scale path is tested, not assumed.

The product's own parts (settings → Assistant → KnowledgeBase → VectorStore) add, find and
remove documents on the server, a second Assistant sees what the first stored, and nothing tries
to reach beyond loopback (Chroma's telemetry stays off). A server that is missing or goes away
is reported with the setting to check.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant import Assistant, ConfigError, load_settings
from assistant.llm.offline_embedding import OfflineHashEmbeddings
from assistant.retrieval import USER, ChromaUnreachable, VectorStore
from tests.support import network_guard
from tests.support.chroma_server import ChromaServer, _free_port

SOP_MD = "# 售后SOP\n## 退款时效\n退款申请审核通过后三个工作日内原路退回。\n## 发票\n电子发票在确认收货后七天内开具。\n"


@pytest.fixture(scope="module")
def chroma(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChromaServer]:
    server = ChromaServer(tmp_path_factory.mktemp("chroma-server") / "db").start()
    yield server
    server.stop()


@pytest.fixture
def refused_hosts(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every non-loopback host anything in this process tried, even where a library swallowed the error."""
    refused: list[object] = []
    original = network_guard._is_loopback

    def recording(host: object) -> bool:
        allowed = original(host)
        if not allowed:
            refused.append(host)
        return allowed

    monkeypatch.setattr(network_guard, "_is_loopback", recording)
    return refused


def server_assistant(monkeypatch: pytest.MonkeyPatch, url: str) -> Assistant:
    monkeypatch.setenv("ASSISTANT_CHROMA_URL", url)
    return Assistant.from_settings(load_settings(env_file=None))


def test_documents_are_added_found_and_removed_on_the_server(monkeypatch, chroma, refused_hosts, isolated_env) -> None:
    assistant = server_assistant(monkeypatch, chroma.url)
    [added] = assistant.add_documents([("售后.md", SOP_MD.encode())])
    assert (added.status, added.chunks) == ("added", 2)
    [hit] = assistant.search("退款几个工作日到账", 1, [USER])
    assert hit.source == "售后.md" and "三个工作日" in hit.body
    assert not (isolated_env / "data" / "chroma").exists()  # nothing went to the local store

    restarted = server_assistant(monkeypatch, chroma.url)
    assert restarted.reindex().added == 0  # the bundled playbooks are already on the server
    assert restarted.search("发票多久能开", 1, [USER])[0].source == "售后.md"

    assert restarted.remove_document("售后.md") == 2
    assert all(h.source != "售后.md" for h in restarted.search("退款几个工作日到账", 5))
    assert not restarted.knowledge.store.ids({"collection": USER})
    assert refused_hosts == []


def test_workspaces_sharing_a_server_keep_their_own_passages(monkeypatch, chroma, tmp_path) -> None:
    """Two data dirs, one server: each in its own database, so neither sees nor cleans up the other's."""
    workspaces = {}
    for name in ("brand-a", "brand-b"):
        monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / name))
        workspaces[name] = server_assistant(monkeypatch, f"{chroma.url}/{name}")
    workspaces["brand-a"].add_documents([("售后.md", SOP_MD.encode())])
    assert workspaces["brand-b"].knowledge.drop_orphans() == 0  # brand-a's passages are not brand-b's orphans
    assert workspaces["brand-b"].search("退款几个工作日到账", 5, [USER]) == []
    assert len(workspaces["brand-a"].knowledge.store.ids({"collection": USER})) == 2


def test_vector_store_talks_to_the_server_directly(chroma, tmp_path) -> None:
    store = VectorStore(tmp_path / "unused", OfflineHashEmbeddings(), prefix="direct", url=chroma.url)
    assert store.nearest_many([], 3) == []
    assert store.search("退款", 3) == []
    again = VectorStore(tmp_path / "unused", OfflineHashEmbeddings(), prefix="direct", url=f"{chroma.url}/")
    assert again.ids() == store.ids() == set()
    assert not (tmp_path / "unused").exists()


def test_an_unreachable_server_says_which_setting_to_check(monkeypatch) -> None:
    url = f"http://127.0.0.1:{_free_port()}"
    assistant = server_assistant(monkeypatch, url)
    with pytest.raises(ChromaUnreachable, match="ASSISTANT_CHROMA_URL") as caught:
        assistant.search("退群率多少算正常", 3)
    assert url in str(caught.value) and "清空" in str(caught.value)


def test_a_server_that_goes_away_is_reported_not_crashed(monkeypatch, tmp_path) -> None:
    server = ChromaServer(tmp_path / "db").start()
    try:
        assistant = server_assistant(monkeypatch, server.url)
        assert assistant.search("退群率多少算正常", 1)
    finally:
        server.stop()
    with pytest.raises(ChromaUnreachable, match="ASSISTANT_CHROMA_URL"):
        assistant.search("退群率多少算正常", 1)
    [failed] = assistant.add_documents([("售后.md", SOP_MD.encode())])
    assert failed.status == "failed" and "ASSISTANT_CHROMA_URL" in failed.message


@pytest.mark.parametrize(
    "url", ["127.0.0.1:8000", "ftp://127.0.0.1:8000", "http://127.0.0.1:80a", "http://h:1/品牌", "http://h:1/a", "http://h:1?x=1"]
)
def test_a_malformed_url_is_a_settings_error(url: str, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="ASSISTANT_CHROMA_URL"):
        VectorStore(tmp_path, OfflineHashEmbeddings(), url=url)
