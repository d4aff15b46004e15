"""History questions in the chat: classified, answered from the store or the index, cited; and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.conversations.answers import NAME, history_tool
from assistant.conversations.questions import COUNT, MEMBER, SEARCH, TOPICS, classify, is_history_question
from tests.conversations.test_conversations_history import INVOICE, Planted, conversations_for


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Planted, Path]:
    path = tmp_path_factory.mktemp("answers") / "history.duckdb"
    return Planted(path), path


@pytest.fixture(scope="module")
def conv(history: tuple[Planted, Path], offline_assistant, tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN001
    return conversations_for(history[1], tmp_path_factory.mktemp("answers-data"), knowledge=offline_assistant.search)


@pytest.mark.parametrize(("question", "kind", "subject"), [
    ("上周大家对配送有什么意见?", SEARCH, "配送"),
    ("有人问过发票的事吗?", SEARCH, "发票"),
    ("张三最近说了什么?", MEMBER, "张三"),
    ("多少人问过发票？", COUNT, "发票"),
    ("最近群里大家抱怨最多的是什么?", TOPICS, None),
    ("哪些问题反复被问却没有标准答案?", TOPICS, None),
])
def test_history_questions_are_classified(question: str, kind: str, subject: str | None) -> None:
    assert is_history_question(question)
    asked = classify(question, {"张三"})
    assert asked.kind == kind and (subject is None or asked.subject == subject)
    assert classify("最近群里大家抱怨最多的是什么?").complaints


@pytest.mark.parametrize("question", ["退群率多少算正常？", "为什么上周退群率上升了？", "哪个群最活跃？", "帮我写一条群公告"])
def test_other_questions_are_not_history_questions(question: str) -> None:
    assert not is_history_question(question)


def test_search_answers_cite_the_messages(history: tuple[Planted, Path], conv) -> None:  # noqa: ANN001
    result = history_tool(conv, "有人问过发票的事吗？")
    assert result.name == NAME and "发票" in result.title
    cited = {e["message_id"] for e in result.evidence}
    assert cited <= set(history[0].keys["invoice"]) and len(cited) >= 4
    assert all(e["ts"] and e["sender"] and "发票" in e["text"] for e in result.evidence)
    assert "没有找到" in history_tool(conv, "有人问过火箭的事吗？").lines[0]


@pytest.mark.parametrize(("question", "kind", "subject"), [
    ("Did anyone ask about invoices?", SEARCH, "invoices"),
    ("How many people asked about invoices?", COUNT, "invoices"),
    ("What did 张三 say last week?", MEMBER, "张三"),
    ("What did Lily say about the cherries?", MEMBER, "Lily"),
    ("What did people say about delivery?", SEARCH, "delivery"),
    ("What have customers said about the new lipstick?", SEARCH, "new lipstick"),
    ("What did members complain about most?", TOPICS, None),
    ('search the chat for "invoice"', SEARCH, '"invoice"'),
    ("pull up the conversation about the missing parcel", SEARCH, "missing parcel"),
])
def test_english_history_questions_are_classified(question: str, kind: str, subject: str | None) -> None:
    assert is_history_question(question)
    asked = classify(question)
    assert asked.kind == kind and (subject is None or asked.subject == subject)


def test_an_english_question_finds_the_members_chinese_words(history: tuple[Planted, Path], conv) -> None:  # noqa: ANN001
    found = history_tool(conv, "Did anyone ask about invoices?", language="en")
    assert {e["message_id"] for e in found.evidence} <= set(history[0].keys["invoice"]) and len(found.evidence) >= 4
    counted = history_tool(conv, "How many people asked about invoices?", weeks=8, language="en")
    assert counted.data["askers"] == len(INVOICE)


def test_counting_questions_are_answered_by_the_store(conv) -> None:  # noqa: ANN001
    result = history_tool(conv, "多少人问过发票？", weeks=8)
    assert result.data["askers"] == len(INVOICE) and result.data["questions"] == len(INVOICE)
    assert f"{len(INVOICE)} 位成员" in result.lines[0] and len(result.evidence) == len(INVOICE)


def test_member_and_topic_questions(history: tuple[Planted, Path], conv) -> None:  # noqa: ANN001
    said = history_tool(conv, "张三最近说了什么？")
    assert said.data["messages"] == 1 and said.evidence[0]["message_id"] == history[0].keys["refund_thread"][0]
    top = history_tool(conv, "最近群里大家问得最多的是什么？", weeks=8)
    assert "发票" in top.lines[0] and "5 次" in top.lines[0] and "手册还没有答案" in top.lines[0]
    section = top.section()
    assert section["evidence"] and set(section["evidence"][0]) == {"message_id", "ts", "sender", "text", "group"}


def test_cli_search_and_topics(history: tuple[Planted, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.cli.conversations import history_search, topics

    data = tmp_path / "data"
    data.mkdir()
    (data / "history.duckdb").write_bytes(history[1].read_bytes())
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(data))
    runner = CliRunner()
    found = runner.invoke(history_search, ["樱桃 退款", "--json"])
    assert found.exit_code == 0, found.output
    assert set(history[0].keys["refund_thread"]) == {m["message_id"] for m in json.loads(found.output)[0]["messages"]}
    text = runner.invoke(history_search, ["发票", "--group", "水果团购群", "--since", "2026-03-20"])
    assert text.exit_code == 0 and "发票" in text.output and "2026-03-04" not in text.output
    listed = runner.invoke(topics, ["--weeks", "8", "--json"])
    assert listed.exit_code == 0, listed.output
    rows = {r["label"].split("/")[0]: r for r in json.loads(listed.output)}
    assert rows["发票"]["count"] == 5 and rows["发票"]["covered"] is False
    assert "✗ 手册还没有答案" in runner.invoke(topics, ["--weeks", "8"]).output
    bad = runner.invoke(history_search, ["发票", "--since", "昨天"])
    assert bad.exit_code != 0 and "YYYY-MM-DD" in str(bad.exception)
