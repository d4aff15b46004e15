"""The digest's summary by a model (the loopback OpenAI server): only computed figures in its data
block, member text fenced without timestamps, map-reduce when the window is too small, personal
data masked, and the offline summary with a notice when the endpoint fails."""

from __future__ import annotations

import re

import pytest

from assistant import Assistant, load_settings
from assistant.briefing.narrate import facts
from tests.briefing.support import DAY, PASTED, busiest_day
from tests.support.openai_server import Reply, Status
from tests.support.demo_workspace import CALM, demo_assistant


@pytest.fixture
def demo(llm_env):  # noqa: ANN001
    assistant = demo_assistant()
    assistant.history.import_text(PASTED, group=CALM)
    return assistant


def _user_prompt(request) -> str:  # noqa: ANN001
    return next(m["content"] for m in request.body["messages"] if m["role"] == "user")


def test_the_model_narrates_only_computed_numbers(demo, llm_env) -> None:  # noqa: ANN001
    llm_env.enqueue(Reply("今天群里很热闹，主要在问到货时间。"))
    digest = demo.briefing.digests.digest(on=busiest_day(demo))
    assert digest.narrative.mode == "fake-model" and digest.narrative.text.startswith("今天群里很热闹")
    [request] = llm_env.chat_requests()
    prompt = _user_prompt(request)
    data = prompt.split("<<<数据", 1)[1].split(">>>", 1)[0]
    computed = "\n".join(facts(digest))
    assert data.strip().splitlines()[1:] == [line for line in computed.splitlines()]  # the block is the facts
    numbers_in_data = set(re.findall(r"\d+(?:[.,]\d+)*", data))
    assert numbers_in_data <= set(re.findall(r"\d+(?:[.,]\d+)*", computed))
    excerpts = prompt.split(">>>", 1)[1]
    assert "<<<群聊摘录" in excerpts and not re.search(r"\d{1,2}:\d{2} ", excerpts)  # no timestamps to add up


def test_personal_data_is_masked_on_its_way_out(demo, llm_env, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("ASSISTANT_PII_MASKING", "always")
    assistant = Assistant.from_settings(load_settings())  # the same workspace, masking always
    assistant.briefing.digests.digest(CALM, on=DAY)
    prompt = _user_prompt(llm_env.chat_requests()[-1])
    assert "13812345678" not in prompt and "[手机号1]" in prompt


def test_a_busy_day_is_map_reduced(demo, llm_env, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("ASSISTANT_CONTEXT_WINDOW", "1600")
    monkeypatch.setenv("ASSISTANT_MAX_OUTPUT_TOKENS", "256")
    assistant = demo_assistant()
    digest = assistant.briefing.digests.digest(on=busiest_day(assistant))
    topics = sum(len(g.topics) for g in digest.groups)
    assert topics > 3 and digest.narrative.calls == topics + 1
    requests = llm_env.chat_requests()
    maps = [r for r in requests if "为群日报整理一段群聊" in r.body["messages"][0]["content"]]
    assert len(maps) == topics
    final = _user_prompt(requests[-1])
    assert "这是模型的回答。" in final  # the topics' notes are the map step's summaries


def test_a_failing_endpoint_falls_back_offline(demo, llm_env) -> None:  # noqa: ANN001
    llm_env.enqueue(*[Status(500)] * 3)
    digest = demo.briefing.digests.digest(CALM, on=DAY)
    assert digest.narrative.mode == "offline" and "离线" in digest.narrative.notice
    assert digest.narrative.text.startswith(CALM)
