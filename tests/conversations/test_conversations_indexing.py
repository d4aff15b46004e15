"""Keeping the history search index up to date without holding anything up.

A sync in several batches hands the next batch to a worker process and gets exactly what an
in-process sync gets; the app's background sync reports progress and its outcome; a CLI import no
longer indexes, the first history search does (once: a marker tells the next process it is done),
and ``history index`` does it on demand.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli.conversations import history_search
from assistant.cli.history import history as history_cli
from assistant.conversations import Conversations, index
from assistant.conversations.index_worker import IndexWorker, prepare
from assistant.conversations.indexing import BackgroundIndexing
from assistant.conversations.service import ThreadSync
from assistant.errors import InputError
from tests.conversations.test_conversations_history import Planted, conversations_for


@pytest.fixture(scope="module")
def planted_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("indexing") / "history.duckdb"
    Planted(path)
    return path


def stored_words(conversations) -> dict[str, str]:  # noqa: ANN001 - a Conversations
    """Each window's BM25 words, as stored with it."""
    return {c.id: c.metadata["tokens"] for c in conversations.index.store.all()}


def test_the_worker_prepares_what_this_process_would() -> None:
    texts = ["请问能开发票吗？", "85mm 定焦拍人像樱花很好看", ""]
    worker = IndexWorker(768)
    try:
        worker.submit(texts, texts)
        remote = worker.result()
    finally:
        worker.close()
    local = prepare(texts, texts, 768)
    assert remote.tokens == local.tokens
    assert remote.vectors is not None and local.vectors is not None
    assert all(abs(a - b) < 1e-6 for x, y in zip(remote.vectors, local.vectors, strict=True) for a, b in zip(x, y, strict=True))


def test_a_dead_worker_falls_back_to_this_process() -> None:
    worker = IndexWorker(None)
    worker.close()  # as if it had died
    worker.submit(["发票"], None)
    assert worker.result().tokens == prepare(["发票"], None, None).tokens


def test_batches_through_the_worker_store_the_same_windows(planted_db: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    single = conversations_for(planted_db, tmp_path / "single")
    single.sync()
    monkeypatch.setattr(index, "_BATCHES", (3, 5, 8))  # many batches: the worker prepares all but the first
    monkeypatch.setattr(index, "_WORKER_FROM", 5)
    started = []
    monkeypatch.setattr(index, "IndexWorker", lambda *a: started.append(1) or IndexWorker(*a))
    batched = conversations_for(planted_db, tmp_path / "batched")
    report = batched.sync()
    assert started == [1] and report.added == len(single.index) > 8
    assert stored_words(batched) == stored_words(single) != {}
    assert [h.id for h in batched.search("发票")] == [h.id for h in single.search("发票")]


def test_a_sync_without_a_full_batch_coming_starts_no_worker(planted_db: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index, "_BATCHES", (3, 5, 10_000))  # batches of 3 and 5, then the rest: not full
    monkeypatch.setattr(index, "IndexWorker", lambda *a: pytest.fail("a worker started for a small sync"))
    conv = conversations_for(planted_db, tmp_path)
    assert conv.sync().added == len(conv.index) > 8


def test_words_are_stored_with_each_window_and_read_back_not_segmented_again(planted_db: Path, tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    conv = conversations_for(planted_db, tmp_path)
    conv.sync()
    words = stored_words(conv)
    assert len(words) == len(conv.index) and all(words.values())
    expected = [h.id for h in conv.search("发票")]
    from assistant.retrieval import hybrid

    monkeypatch.setattr(hybrid, "bm25_tokens", lambda *a: pytest.fail("a stored window was segmented again"))
    reopened = conversations_for(planted_db, tmp_path)
    assert [h.id for h in reopened.search("发票")] == expected


def test_progress_counts_messages_up_to_the_total(planted_db: Path, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    conversations_for(planted_db, tmp_path).sync(progress=lambda done, total: seen.append((done, total)))
    total = seen[-1][1]
    assert seen[-1] == (total, total) and total > 0
    assert all(done <= t == total for done, t in seen) and [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_background_indexing_reports_progress_and_its_outcome() -> None:
    gate = threading.Event()

    def sync(progress):  # noqa: ANN001, ANN202
        progress(5, 10)
        gate.wait(5)
        progress(10, 10)
        return ThreadSync(1, 7, 0, 0)

    job = BackgroundIndexing(sync)
    first = job.start()
    assert first.running and job.start() is not None
    while job.progress().done < 5:
        gate.wait(0.01)
    assert job.progress().running and job.progress().share == 0.5
    gate.set()
    done = job.wait(5)
    assert not done.running and done.report == ThreadSync(1, 7, 0, 0) and done.error is None and done.share == 1.0


def test_background_indexing_shows_a_fix_it_error_instead_of_raising() -> None:
    def sync(progress):  # noqa: ANN001, ANN202
        raise InputError("还没有导入任何群的数据。")

    job = BackgroundIndexing(sync)
    job.start()
    assert job.wait(5).error == "还没有导入任何群的数据。" and not job.progress().running


@pytest.mark.parametrize(("language", "words"), [("zh", "群聊检索索引更新意外中断"), ("en", "stopped unexpectedly")])
def test_a_bug_in_the_sync_leaves_a_message_in_the_workspace_language(language, words, monkeypatch) -> None:
    def sync(progress):  # noqa: ANN001, ANN202
        raise RuntimeError("a bug")

    monkeypatch.setattr(threading, "excepthook", lambda args: None)  # the thread still reports it; not here
    job = BackgroundIndexing(sync, language)
    job.start()
    assert words in job.wait(5).error


def test_cli_import_leaves_indexing_to_the_first_search_or_history_index(fx_chat: Path, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    imported = runner.invoke(history_cli, ["import", str(fx_chat), "--group", "团购群"])
    assert imported.exit_code == 0 and "检索索引" not in imported.output
    chroma = tmp_path / "data" / "chroma"
    assert not list(chroma.glob("conv-*-synced.json"))
    first = runner.invoke(history_search, ["车厘子"])
    assert first.exit_code == 0 and "车厘子" in first.output
    [marker] = chroma.glob("conv-*-synced.json")
    assert json.loads(marker.read_text())["windows"] > 0
    # a new process (here: a new Conversations) trusts the marker instead of re-reading the history
    calls = []
    with monkeypatch.context() as patch:
        patch.setattr(Conversations, "sync", lambda self, *a, **k: calls.append(1))
        again = runner.invoke(history_search, ["车厘子"])
    assert again.exit_code == 0 and calls == []
    indexed = runner.invoke(history_cli, ["index", "--json"])
    assert indexed.exit_code == 0 and json.loads(indexed.output)["added"] == 0


@pytest.fixture
def fx_chat(tmp_path: Path) -> Path:
    path = tmp_path / "群.txt"
    path.write_text("2024-06-03 10:00:00 张三\n今天的车厘子几点到货？\n\n2024-06-03 10:05:00 李四\n下午三点到自提点\n",
                    encoding="utf-8")
    return path
