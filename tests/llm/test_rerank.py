"""Optional reranking by an OpenAI-compatible endpoint or by the chat model; failures keep the
fused order."""

from __future__ import annotations

import json

from assistant import Assistant, load_settings
from tests.support.openai_server import Reply, Status

QUESTION = "退群率多少算正常？"


def fused_order(monkeypatch) -> list[str]:
    monkeypatch.setenv("ASSISTANT_RERANK_MODEL", "")
    return [p.id for p in Assistant.from_settings(load_settings()).search(QUESTION, 10)]


def test_rerank_endpoint_reorders_the_candidates(monkeypatch, llm_env) -> None:
    before = fused_order(monkeypatch)
    monkeypatch.setenv("ASSISTANT_RERANK_MODEL", "bge-reranker-v2-m3")
    after = [p.id for p in Assistant.from_settings(load_settings()).search(QUESTION, 10)]
    assert after == list(reversed(before))
    [call] = [r for r in llm_env.requests if r.path.endswith("/rerank")]
    assert call.body["model"] == "bge-reranker-v2-m3" and call.body["query"] == QUESTION
    assert len(call.body["documents"]) == len(before)


def test_a_failing_rerank_endpoint_keeps_the_fused_order(monkeypatch, llm_env) -> None:
    before = fused_order(monkeypatch)
    monkeypatch.setenv("ASSISTANT_RERANK_MODEL", "bge-reranker-v2-m3")
    llm_env.enqueue(Status(500))
    assert [p.id for p in Assistant.from_settings(load_settings()).search(QUESTION, 10)] == before


def test_chat_model_reranks_with_the_rerank_prompt(monkeypatch, llm_env) -> None:
    before = fused_order(monkeypatch)
    monkeypatch.setenv("ASSISTANT_RERANK_MODEL", "chat")
    scores = [0] * len(before)
    scores[2] = 10
    llm_env.enqueue(Reply(json.dumps({"scores": scores})))
    after = [p.id for p in Assistant.from_settings(load_settings()).search(QUESTION, 10)]
    assert after[0] == before[2] and sorted(after) == sorted(before)
    prompt = llm_env.chat_requests()[0].body["messages"]
    assert "相关性评分器" in prompt[0]["content"] and "<<<段落 1 |" in prompt[1]["content"]


def test_an_unusable_chat_score_keeps_the_fused_order(monkeypatch, llm_env) -> None:
    before = fused_order(monkeypatch)
    monkeypatch.setenv("ASSISTANT_RERANK_MODEL", "chat")
    llm_env.enqueue(Reply("我觉得第二段最好"))
    assert [p.id for p in Assistant.from_settings(load_settings()).search(QUESTION, 10)] == before


def test_reranking_is_off_offline(monkeypatch) -> None:
    monkeypatch.setenv("ASSISTANT_RERANK_MODEL", "chat")
    assert Assistant.from_settings(load_settings()).knowledge.search_index.reranker is None
