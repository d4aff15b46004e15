"""The LLM seam against a real loopback OpenAI-compatible server: streaming, usage, retries,
failures falling back to the offline composer, and what is actually sent."""

from __future__ import annotations

import re
import time

import pytest

from assistant import Assistant, load_settings
from tests.support.openai_server import CutStream, Malformed, Reply, Stall, StallMidStream, Status

QUESTION = "退群率多少算正常？"
CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture
def online(llm_env) -> Assistant:
    return Assistant.from_settings(load_settings())


def test_answer_streams_from_the_server_in_pieces(online, llm_env) -> None:
    llm_env.enqueue(Reply("周退群率低于1%属于健康，高于2%需要排查[1]。", 321, 27))
    stream = online.stream(QUESTION)
    pieces = list(stream)
    assert len(pieces) > 3
    assert "".join(pieces) == "周退群率低于1%属于健康，高于2%需要排查[1]。"
    answer = stream.answer
    assert answer.mode == "fake-model"
    assert (answer.prompt_tokens, answer.completion_tokens, answer.tokens_estimated) == (321, 27, False)
    assert answer.sources and answer.sources[0].source == "knowledge/05-metrics.md"


def test_request_carries_model_system_rules_and_fenced_passages(online, llm_env) -> None:
    online.ask(QUESTION)
    body = llm_env.chat_requests()[0].body
    assert body["model"] == "fake-model" and body["stream"] is True
    assert body["stream_options"] == {"include_usage": True}
    system, user = body["messages"][0], body["messages"][-1]
    assert system["role"] == "system" and "只是数据" in system["content"]
    assert user["role"] == "user" and "<<<资料 [1] 来源: knowledge/05-metrics.md" in user["content"]
    assert "退群率" in user["content"] and user["content"].rstrip().endswith(">>>")
    assert llm_env.chat_requests()[0].headers["authorization"] == "Bearer test-key"


def test_history_goes_before_the_question(online, llm_env) -> None:
    online.ask("那活跃度呢？", history=[("user", QUESTION), ("assistant", "低于1%。")])
    roles = [m["role"] for m in llm_env.chat_requests()[0].body["messages"]]
    assert roles == ["system", "user", "assistant", "user"]


def test_rate_limit_then_success_is_retried_transparently(online, llm_env) -> None:
    llm_env.enqueue(Status(429), Reply("重试后成功。"))
    answer = online.ask(QUESTION)
    assert answer.text == "重试后成功。" and answer.notice is None
    assert len(llm_env.chat_requests()) == 2


# Each way the endpoint fails, with words its reason says in Chinese and in English.
FAILURES = {
    "server-error": ([Status(500)] * 3, "500", "error 500"),
    "timeout": ([Stall(3)] * 3, "超时", "timed out"),
    "malformed-body": ([Malformed()], "无法解析", "cannot be read"),
    "stream-cut": ([CutStream("周退群率低于")], "中途断开", "broke off"),
    "bad-key": ([Status(401, None)], "OPENAI_API_KEY", "check OPENAI_API_KEY"),
    "no-model": ([Status(404, None)], "ASSISTANT_CHAT_MODEL", "check ASSISTANT_CHAT_MODEL"),
}


@pytest.mark.parametrize(("failure", "reason"), [(f, zh) for f, zh, _ in FAILURES.values()], ids=list(FAILURES))
def test_failures_fall_back_to_the_offline_composer_with_a_notice(online, llm_env, failure, reason) -> None:
    llm_env.enqueue(*failure)
    started = time.monotonic()
    stream = online.stream(QUESTION)
    shown = "".join(stream)
    answer = stream.answer
    assert time.monotonic() - started < 15  # bounded retries, no hang
    assert answer.mode == "offline" and reason in answer.notice
    assert "离线模式" in answer.text and "退群率" in answer.text
    assert answer.sources  # the fallback still cites the playbooks
    assert answer.text in shown  # the user saw the complete fallback too


@pytest.mark.parametrize(("failure", "reason"), [(f, en) for f, _, en in FAILURES.values()], ids=list(FAILURES))
def test_in_english_the_reason_for_the_fallback_is_english(llm_env, monkeypatch, failure, reason) -> None:
    monkeypatch.setenv("ASSISTANT_LANGUAGE", "en")
    llm_env.enqueue(*failure)
    answer = Assistant.from_settings(load_settings()).ask("What is a normal weekly exit rate?")
    assert answer.mode == "offline" and reason in answer.notice
    assert not CJK.search(answer.notice), answer.notice


def test_a_stalled_endpoint_is_asked_once_not_once_per_retry(online, llm_env) -> None:
    online.ask(QUESTION)  # warm: the first question also builds the search index
    llm_env.enqueue(*[Stall(3)] * 3)  # ASSISTANT_LLM_TIMEOUT=1, ASSISTANT_LLM_MAX_RETRIES=2
    started = time.monotonic()
    answer = online.ask(QUESTION)
    assert answer.mode == "offline" and "超时" in answer.notice
    assert len(llm_env.chat_requests()) == 2  # the warm-up's and one for the stalled turn
    assert time.monotonic() - started < 2.5  # one time-out, not three plus back-off


def test_the_proxy_of_the_environment_is_still_used(llm_env, monkeypatch) -> None:
    """The stall guard wraps openai's client, not its transport, so HTTPS_PROXY and friends still
    apply (httpx2 ignores them beside a custom transport): the loopback server plays the proxy of a
    model whose host does not exist."""
    port = llm_env.base_url.split(":")[2].split("/")[0]
    monkeypatch.setenv("OPENAI_BASE_URL", "http://model.invalid/v1")
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{port}")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    llm_env.enqueue(Reply("经代理回答。"))
    answer = Assistant.from_settings(load_settings()).ask(QUESTION)
    assert answer.text == "经代理回答。" and answer.notice is None
    assert llm_env.chat_requests()[0].path.startswith("http://model.invalid/")


def test_a_model_falling_silent_mid_answer_times_out_and_the_half_answer_is_dropped(online, llm_env) -> None:
    online.ask(QUESTION)  # warm: the first question also builds the search index
    llm_env.enqueue(StallMidStream(3, "这是半句"))
    started = time.monotonic()
    answer = online.ask(QUESTION)
    assert answer.mode == "offline" and "超时" in answer.notice and "这是半句" not in answer.text
    assert time.monotonic() - started < 2.5


def test_a_stream_cut_mid_answer_is_not_kept_as_the_answer(online, llm_env) -> None:
    llm_env.enqueue(CutStream("这是半句"))
    answer = online.ask(QUESTION)
    assert "这是半句" not in answer.text


def test_server_errors_are_retried_a_bounded_number_of_times(online, llm_env) -> None:
    llm_env.enqueue(*[Status(503)] * 10)
    online.ask(QUESTION)
    assert len(llm_env.chat_requests()) == 3  # the first try plus ASSISTANT_LLM_MAX_RETRIES=2


def test_history_is_trimmed_to_the_context_window(monkeypatch, llm_env) -> None:
    monkeypatch.setenv("ASSISTANT_CONTEXT_WINDOW", "3000")
    monkeypatch.setenv("ASSISTANT_MAX_OUTPUT_TOKENS", "500")
    assistant = Assistant.from_settings(load_settings())
    history = [("user" if i % 2 == 0 else "assistant", f"第{i}轮的很长的内容。" * 60) for i in range(20)]
    assistant.ask(QUESTION, history)
    messages = llm_env.chat_requests()[0].body["messages"]
    assert 2 <= len(messages) < 22
    assert messages[-2]["content"] == history[-1][1]  # the newest turn survives
    counter = assistant._answer_job.counter
    assert counter.count_messages([(m["role"], m["content"]) for m in messages]) <= 3000 - 500


def test_without_usage_from_the_server_tokens_are_counted_locally(online, llm_env, monkeypatch) -> None:
    from assistant.llm import chat

    monkeypatch.setattr(chat, "_record_metadata", _finish_without_usage)
    answer = online.ask(QUESTION)
    assert answer.tokens_estimated and answer.prompt_tokens > 100 and answer.completion_tokens > 0


def _finish_without_usage(chunk, result) -> None:
    if chunk.response_metadata.get("finish_reason"):
        result.finished = True


def test_remote_embeddings_are_used_when_configured(monkeypatch, llm_env) -> None:
    monkeypatch.setenv("ASSISTANT_EMBEDDING_MODEL", "fake-embed")
    assistant = Assistant.from_settings(load_settings())
    assert assistant.search(QUESTION, 3)
    embed_calls = [r for r in llm_env.requests if r.path.endswith("/embeddings")]
    assert embed_calls and embed_calls[0].body["model"] == "fake-embed"


def test_a_bug_in_the_seam_propagates_instead_of_becoming_an_offline_answer(online, llm_env, monkeypatch) -> None:
    from assistant.llm import chat

    def buggy(chunk, result) -> None:  # noqa: ANN001
        raise KeyError("a bug of ours, not the endpoint's")

    monkeypatch.setattr(chat, "_record_metadata", buggy)
    llm_env.enqueue(Reply("好的。"))
    with pytest.raises(KeyError, match="a bug"):
        online.ask(QUESTION)
