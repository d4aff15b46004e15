"""The model seam in process: the offline stand-in, one Response per request, the fallback once."""

from __future__ import annotations

from assistant.errors import LLMError
from assistant.llm import OFFLINE, OfflineModel, respond
from assistant.testing import FakeChatModel, FakeEmbedder

NOTICE = "⚠️ 不可用：{reason}"


def _respond(model):  # noqa: ANN001, ANN202
    return respond(model, lambda: [("user", "问")], lambda: "离线答案", NOTICE)


def test_the_offline_model_composes_without_calling_out() -> None:
    response = _respond(OfflineModel())
    assert list(response) == ["离线答案"]
    assert response.text() == "离线答案" and response.mode == OFFLINE and response.notice is None
    assert response.usage().prompt_tokens is None


def test_a_model_reply_streams_in_pieces_then_tells_its_usage() -> None:
    model = FakeChatModel("周退群率低于1%属于健康。", usage=(12, 5))
    response = _respond(model)
    pieces = list(response)
    assert len(pieces) > 1 and "".join(pieces) == response.text() == "周退群率低于1%属于健康。"
    assert response.mode == "fake-model" and response.usage().completion_tokens == 5
    assert model.requests == [[("user", "问")]]


def test_a_failing_model_falls_back_with_a_notice() -> None:
    response = _respond(FakeChatModel(LLMError("500")))
    shown = "".join(response)
    assert response.offline and response.notice == "⚠️ 不可用：500" and response.offline_text == "离线答案"
    assert shown == response.text() == "⚠️ 不可用：500\n\n离线答案"


def test_each_response_carries_its_own_masking_map() -> None:
    model = FakeChatModel("甲", "乙")
    first, second = _respond(model), _respond(model)
    list(first)
    list(second)
    assert first.masker is not second.masker  # per request, never on the shared model


def test_the_fake_embedder_is_deterministic() -> None:
    embedder = FakeEmbedder()
    assert embedder.embed_query("退群率") == FakeEmbedder().embed_query("退群率")
    assert len(embedder.embed_documents(["a", "b"])) == 2
