"""Token counting uses the bundled encodings, never a download, and budgets fit the window."""

from __future__ import annotations

import hashlib

import tiktoken

from assistant.llm import ContextBudget, TokenCounter, context_window_for
from assistant.llm.tokens import ENCODINGS_DIR, bundled_encoding

PUBLISHED_SHA256 = {
    "o200k_base": "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    "cl100k_base": "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
}


def test_bundled_files_are_the_published_encodings() -> None:
    for name, digest in PUBLISHED_SHA256.items():
        assert hashlib.sha256((ENCODINGS_DIR / f"{name}.tiktoken").read_bytes()).hexdigest() == digest


def test_encodings_load_offline_and_serve_tiktoken_callers_too(tmp_path) -> None:
    # The network guard is active and TIKTOKEN_CACHE_DIR is empty: a download attempt would fail.
    for name in PUBLISHED_SHA256:
        encoding = bundled_encoding(name)
        assert encoding.decode(encoding.encode("退群率多少算正常？")) == "退群率多少算正常？"
        assert tiktoken.get_encoding(name) is encoding
    assert not any((tmp_path / "tiktoken-cache").glob("*"))


def test_model_families_get_their_encoding_and_window() -> None:
    assert TokenCounter.for_model("gpt-4o-mini").encoding.name == "o200k_base"
    assert TokenCounter.for_model("gpt-3.5-turbo").encoding.name == "cl100k_base"
    assert context_window_for("gpt-4o-mini") == 128_000
    assert context_window_for("qwen-plus-latest") == 131_072
    assert context_window_for("some-local-model") == 8_192


def test_budget_keeps_best_passages_and_newest_history_within_the_window() -> None:
    counter = TokenCounter.for_model("gpt-4o-mini")
    passages = ["退群率的健康阈值是每周低于百分之一。" * 20] * 6
    history = [("user", f"第{i}个问题" * 30) for i in range(10)]
    fixed = [("system", "你是群运营助手。"), ("user", "问题：退群率？")]
    fitted = ContextBudget(window=1_500, reserve_output=500).fit(counter, fixed, passages, history)
    assert 0 < len(fitted.passages) < len(passages)
    kept_history = fitted.history
    assert kept_history == history[len(history) - len(kept_history):]  # newest kept, order kept
    used = counter.count_messages(fixed) + sum(counter.count(p) + 8 for p in fitted.passages)
    used += counter.count_messages(kept_history) - 3 if kept_history else 0
    assert used <= 1_500 - 500


def test_a_passage_too_long_for_the_window_is_cut_not_lost() -> None:
    counter = TokenCounter.for_model("gpt-4o-mini")
    fixed = [("system", "系统"), ("user", "问题")]
    fitted = ContextBudget(window=600, reserve_output=200).fit(counter, fixed, ["很长的段落。" * 500], [])
    assert len(fitted.passages) == 1 and counter.count(fitted.passages[0]) < 400
