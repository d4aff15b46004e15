"""A cited message opens its conversation; an answered topic becomes an FAQ entry in one step."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant import Assistant, InputError, load_settings
from assistant.cli import cli
from tests.conversations.test_conversations_history import DELIVERY, DELIVERY_ANSWER, FRUIT, PHOTO, Planted, planted  # noqa: F401 - a fixture


@pytest.fixture
def workspace(planted: tuple[Planted, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Assistant:
    data = tmp_path / "data"
    data.mkdir()
    (data / "history.duckdb").write_bytes(planted[1].read_bytes())
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(data))
    return Assistant.from_settings(load_settings())


def test_a_cited_message_opens_with_its_neighbours_in_time_order(planted: tuple[Planted, Path], workspace: Assistant) -> None:
    first, second, answer = planted[0].keys["refund_thread"]
    context = workspace.conversation_around(second)
    lines = context.lines()
    keys = [line["message_id"] for line in lines]
    assert context.group == FRUIT and keys.index(first) < keys.index(second) < keys.index(answer)
    assert [line["message_id"] for line in lines if line["cited"]] == [second]
    # the group's first five messages before it (chatter included: members saw it too), eight after
    assert keys.index(second) == 5 and len(lines) == 5 + 1 + 8
    assert next(line for line in lines if line["message_id"] == answer)["admin"] is True
    assert all(line["ts"] <= later["ts"] for line, later in zip(lines, lines[1:]))


def test_the_group_narrows_the_lookup_and_unknown_ids_say_what_to_do(planted: tuple[Planted, Path],
                                                                      workspace: Assistant) -> None:
    lens = planted[0].keys["lens_thread"][0]
    assert workspace.conversation_around(lens).group == PHOTO
    with pytest.raises(InputError, match=f"群「{FRUIT}」里找不到消息"):
        workspace.conversation_around(lens, group=FRUIT)
    with pytest.raises(InputError, match="重新提问"):
        workspace.conversation_around("no-such-message")
    with pytest.raises(InputError, match="没有名为「不存在的群」的群"):
        workspace.conversation_around(lens, group="不存在的群")


def test_cli_context_marks_the_cited_line(planted: tuple[Planted, Path], workspace: Assistant) -> None:
    first = planted[0].keys["refund_thread"][0]
    shown = CliRunner().invoke(cli, ["history", "context", first, "--span", "2"])
    assert shown.exit_code == 0, shown.output
    marked = [line for line in shown.output.splitlines() if line.startswith("▶")]
    assert len(marked) == 1 and "樱桃坏了" in marked[0] and len(shown.output.splitlines()) == 6
    data = json.loads(CliRunner().invoke(cli, ["history", "context", first, "--span", "1", "--json"]).output)
    assert [m["cited"] for m in data["messages"]] == [False, True, False]
    missing = CliRunner().invoke(cli, ["history", "context", "nope"])
    assert missing.exit_code == 1 and "找不到消息" in missing.output and "Traceback" not in missing.output


def test_an_answered_topic_becomes_an_faq_the_knowledge_base_finds(workspace: Assistant) -> None:
    topics = workspace.topics(weeks=8)
    delivery = next(t for t in topics if t.label.startswith("配送"))
    assert delivery.answer == DELIVERY_ANSWER and delivery.count == len(DELIVERY)
    result = workspace.add_faq(delivery)
    assert result.status == "added" and any(d.name == result.name for d in workspace.documents())
    top = workspace.search("配送一般几点到小区", 3)[0]
    assert DELIVERY_ANSWER in top.body and top.source.endswith(result.name)
    assert workspace.add_faq(delivery).status == "unchanged"  # a second click changes nothing
    again = next(t for t in workspace.topics(weeks=8) if t.label.startswith("配送"))
    assert again.covered and again.playbook.source.endswith(result.name)  # no longer a gap


def test_an_unanswered_topic_cannot_become_an_faq(workspace: Assistant) -> None:
    invoice = next(t for t in workspace.topics(weeks=8) if t.label.startswith("发票"))
    with pytest.raises(InputError, match="还没有管理员回答过"):
        workspace.add_faq(invoice)
    numbered = CliRunner().invoke(cli, ["topics", "--weeks", "8"]).output
    number = next(int(line.split(".")[0]) for line in numbered.splitlines() if "] 配送" in line)
    added = CliRunner().invoke(cli, ["topics", "--weeks", "8", "--add-faq", str(number)])
    assert added.exit_code == 0 and "已加入知识库" in added.output, added.output
    too_far = CliRunner().invoke(cli, ["topics", "--weeks", "8", "--add-faq", "99"])
    assert too_far.exit_code == 1 and "没有第 99 个话题" in too_far.output


def test_importing_from_the_cli_brings_history_search_up_to_date() -> None:
    done = CliRunner().invoke(cli, ["demo"])
    assert done.exit_code == 0 and "群聊检索索引：新增" in done.output, done.output
    conversations = Assistant.from_settings(load_settings()).conversations
    assert conversations.sync().added == 0  # nothing left for the first search to do
    assert conversations.search("发票", 3)
