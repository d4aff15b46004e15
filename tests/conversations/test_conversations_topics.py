"""Topic mining on the planted history: the question families, their counts, answers and coverage."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.conversations import Conversations
from assistant.conversations.topics import COMPLAINTS
from assistant.errors import InputError
from tests.conversations.test_conversations_history import DELIVERY, DELIVERY_ANSWER, FRUIT, INVOICE, REFUND, Planted, conversations_for


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Planted, Path]:
    path = tmp_path_factory.mktemp("topics") / "history.duckdb"
    return Planted(path), path


@pytest.fixture(scope="module")
def mined(history: tuple[Planted, Path], offline_assistant, tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN001
    conv = conversations_for(history[1], tmp_path_factory.mktemp("topics-data"), knowledge=offline_assistant.search)
    return conv, {t.label.split("/")[0]: t for t in conv.topics(weeks=8)}


def test_the_planted_families_are_found_with_their_counts(history: tuple[Planted, Path], mined) -> None:  # noqa: ANN001
    planted, topics = history[0], mined[1]
    invoice, delivery, refund = topics["发票"], topics["配送"], topics["退款"]
    assert {a.message.key for a in invoice.asked} == set(planted.keys["invoice"])
    assert (invoice.count, invoice.askers) == (len(INVOICE), len(INVOICE))
    assert {a.message.key for a in delivery.asked} == set(planted.keys["delivery"]) and delivery.count == len(DELIVERY)
    # the refund thread's opening question is about refunds too
    assert set(planted.keys["refund"]) <= {a.message.key for a in refund.asked} and refund.count == len(REFUND) + 1
    assert all(t.group == FRUIT for t in (invoice, delivery, refund))
    assert sum(invoice.weekly().values()) == 5 and list(invoice.weekly()) == ["2026-W10", "2026-W11", "2026-W12", "2026-W13"]


def test_admin_answers_are_seen(mined) -> None:  # noqa: ANN001
    topics = mined[1]
    assert topics["发票"].answered == 0 and topics["发票"].answer is None
    assert topics["配送"].answered == len(DELIVERY) and topics["配送"].answer == DELIVERY_ANSWER


def test_playbook_coverage(mined) -> None:  # noqa: ANN001
    topics = mined[1]
    assert topics["发票"].playbook is None
    covered = topics["退款"].playbook
    assert covered is not None and covered.source.endswith("08-disputes.md") and "24小时" in covered.title
    row = topics["发票"].to_dict()
    assert row["covered"] is False and row["count"] == 5 and row["evidence"][0]["message_id"]


def test_complaints_are_mined_separately(mined) -> None:  # noqa: ANN001
    conv: Conversations = mined[0]
    complaints = conv.topics(weeks=8, kind=COMPLAINTS, check=False)
    assert complaints and all("发票" not in t.question for t in complaints)
    assert any("退款" in t.terms for t in complaints)


def test_an_answered_topic_becomes_a_findable_faq(history: tuple[Planted, Path], tmp_path: Path) -> None:
    from assistant import Assistant, load_settings

    assistant = Assistant.from_settings(load_settings(env_file=None, data_dir=tmp_path / "data", openai_api_key=None,
                                                      openai_base_url=None, embedding_model=""))
    conv = conversations_for(history[1], tmp_path / "conv", knowledge=assistant.search)
    delivery = next(t for t in conv.topics(weeks=8) if t.label.startswith("配送"))
    [result] = assistant.add_documents([conv.faq_file(delivery)])
    assert result.status != "failed", result.message
    [hit] = assistant.search("配送几点到", k=1, collections=["user"])
    assert DELIVERY_ANSWER in hit.body and hit.source.startswith("FAQ-")
    invoice = next(t for t in conv.topics(weeks=8) if t.label.startswith("发票"))
    with pytest.raises(InputError, match="还没有管理员回答"):
        conv.faq_file(invoice)
    with pytest.raises(InputError, match="1 到 52"):
        conv.topics(weeks=0)


def test_labels_read_as_the_words_members_wrote() -> None:
    from collections import Counter

    from assistant.conversations.labels import label

    assert label(["提点", "哪里", "~自提"], Counter({"自提点在哪里？": 3})) == "自提点"  # a split word made whole
    assert label(["个券", "~么用"], Counter({"这个券怎么用？": 2})) == "券"  # measure word trimmed
    assert label(["张用", "镜头"], Counter({"这张用的什么镜头？": 5})) == "镜头"
    assert label(["情况", "昨天", "订单"], Counter({"昨天的订单还没到，什么情况？": 1})) == "订单"  # asking words skipped
    assert label(["发票", "能开", "发票税号"], Counter({"可以开发票吗": 2, "能开发票吗": 1})) == "发票/能开"
    assert label(["什么"], Counter({"什么？": 2})) == "其他"
