"""The loopback server speaks the OpenAI protocol to the official client, both ways."""

from __future__ import annotations

import openai

from tests.support.openai_server import Reply


def test_non_streaming_completion_with_usage(fake_openai) -> None:
    fake_openai.enqueue(Reply("你好", 10, 2))
    client = openai.OpenAI(base_url=fake_openai.base_url, api_key="k")
    done = client.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])
    assert done.choices[0].message.content == "你好"
    assert (done.usage.prompt_tokens, done.usage.completion_tokens) == (10, 2)


def test_streaming_completion_ends_with_usage_and_done(fake_openai) -> None:
    fake_openai.enqueue(Reply("一二三四五六七八九十", 7, 5))
    client = openai.OpenAI(base_url=fake_openai.base_url, api_key="k")
    chunks = list(
        client.chat.completions.create(
            model="m", messages=[{"role": "user", "content": "hi"}], stream=True,
            stream_options={"include_usage": True},
        )
    )
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == "一二三四五六七八九十"
    assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] == "stop"
    assert chunks[-1].usage.completion_tokens == 5


def test_embeddings_are_deterministic(fake_openai) -> None:
    client = openai.OpenAI(base_url=fake_openai.base_url, api_key="k")
    first = client.embeddings.create(model="e", input=["退群率", "拼团"]).data
    again = client.embeddings.create(model="e", input=["退群率"]).data
    assert len(first) == 2 and first[0].embedding == again[0].embedding
