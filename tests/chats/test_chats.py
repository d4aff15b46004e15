"""Saved chat conversations: the store, the use cases (owners, regenerate, stop, ratings), the CLI
and the chat page through AppTest (a reload shows the conversation again)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

import pytest
from click.testing import CliRunner
from streamlit.testing.v1 import AppTest

from assistant.app.chats import Chats
from assistant.chats import ChatStore
from assistant.cli import cli
from assistant.errors import InputError
from assistant.jobs import Answer, AnswerStream
from tests.conftest import ROOT


class Echo:
    """An asker that answers with the question and how many turns it was given."""

    def __init__(self) -> None:
        self.histories: list[list[tuple[str, str]]] = []

    def stream(self, question: str, history: Sequence[tuple[str, str]] = ()) -> AnswerStream:
        if not question.strip():
            raise InputError("问题是空的")
        self.histories.append(list(history))
        text = f"**答**：{question}（前文 {len(history)} 条）"
        return AnswerStream([], [text[:3], text[3:]], lambda: Answer(question, text, [], "offline"))


@pytest.fixture
def chats(tmp_path) -> Chats:
    return Chats(ChatStore(tmp_path / "data"), Echo())


def _finish(reply) -> None:  # noqa: ANN001
    for _ in reply:
        pass


def test_a_question_starts_a_titled_conversation_that_the_next_question_continues(chats: Chats) -> None:
    reply = chats.ask("alice", None, "退群率多少算正常？")
    _finish(reply)
    _finish(chats.ask("alice", reply.conv_id, "那新人群呢？"))
    conv = chats.open("alice", reply.conv_id)
    assert conv.title == "退群率多少算正常？"
    assert [t.role for t in conv.turns] == ["user", "assistant", "user", "assistant"]
    assert chats.asker.histories[-1][0] == ("user", "退群率多少算正常？") and len(chats.asker.histories[-1]) == 2
    assert (chats.store.path.stat().st_mode & 0o777) == 0o600


def test_accounts_see_and_change_only_their_own_conversations(chats: Chats) -> None:
    reply = chats.ask("alice", None, "问题一")
    _finish(reply)
    _finish(chats.ask("bob", None, "问题二"))
    assert [c.title for c in chats.list("alice")] == ["问题一"]
    assert {c.title for c in chats.list(None)} == {"问题一", "问题二"}  # the CLI on the machine
    for action in (lambda: chats.open("bob", reply.conv_id), lambda: chats.rename("bob", reply.conv_id, "x"),
                   lambda: chats.delete("bob", reply.conv_id), lambda: chats.ask("bob", reply.conv_id, "再问")):
        with pytest.raises(InputError, match="没有编号"):
            action()
    answer = chats.open("alice", reply.conv_id).turns[-1]
    with pytest.raises(InputError):
        chats.rate("bob", answer.turn_id, "up")


def test_rename_delete_and_search(chats: Chats) -> None:
    first = chats.ask("alice", None, "接龙怎么组织")
    _finish(first)
    second = chats.ask("alice", None, "退群率多少算正常")
    _finish(second)
    chats.rename("alice", first.conv_id, "  接龙 100% 方案  ")
    assert chats.open("alice", first.conv_id).title == "接龙 100% 方案"
    assert [c.conv_id for c in chats.list("alice", "100%")] == [first.conv_id]
    assert [c.conv_id for c in chats.list("alice", "正常")] == [second.conv_id]  # matches the text too
    assert chats.list("alice", "_") == []  # LIKE wildcards are literal
    with pytest.raises(InputError):
        chats.rename("alice", first.conv_id, "   ")
    chats.delete("alice", first.conv_id)
    assert [c.conv_id for c in chats.list("alice")] == [second.conv_id]


def test_regenerate_replaces_the_last_answer(chats: Chats) -> None:
    reply = chats.ask("alice", None, "问题")
    _finish(reply)
    old = chats.open("alice", reply.conv_id).turns[-1]
    chats.rate("alice", old.turn_id, "down", "不对")
    again = chats.regenerate("alice", reply.conv_id)
    _finish(again)
    turns = chats.open("alice", reply.conv_id).turns
    assert [t.role for t in turns] == ["user", "assistant"] and turns[-1].turn_id != old.turn_id
    assert chats.asker.histories[-1] == []  # the question is answered as it was the first time
    assert chats.ratings(None) == []  # the rating went with the replaced answer


def test_a_stopped_answer_keeps_what_arrived(chats: Chats) -> None:
    reply = chats.ask("alice", None, "问题")
    next(iter(reply))  # the page is interrupted after the first piece
    reply.stop()
    reply.stop()  # twice is harmless
    [question, partial] = chats.open("alice", reply.conv_id).turns
    assert partial.stopped and partial.content == "**答" and question.content == "问题"


def test_a_refused_question_saves_nothing(chats: Chats) -> None:
    with pytest.raises(InputError):
        chats.ask("alice", None, "   ")
    assert chats.list(None) == []


def test_ratings_export_as_formula_safe_csv(chats: Chats) -> None:
    reply = chats.ask("alice", None, "=HYPERLINK(\"http://evil.example\",\"点我\")")
    _finish(reply)
    answer = chats.open("alice", reply.conv_id).turns[-1]
    chats.rate("alice", answer.turn_id, "up", "+很好")
    text = chats.ratings_csv(None)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:5] == ["时间", "账号", "对话编号", "对话标题", "问题"]
    [row] = rows[1:]
    assert row[1] == "alice" and row[4].startswith("'=HYPERLINK") and row[7] == "'+很好"
    assert row[6] == "👍 有用" and "**" not in row[5]  # the answer as plain text
    chats.rate("alice", answer.turn_id, None)
    assert chats.ratings("alice") == []
    with pytest.raises(InputError):
        chats.rate("alice", answer.turn_id, "meh")


def test_cli_ask_saves_continues_and_lists(isolated_env) -> None:
    runner = CliRunner()
    first = runner.invoke(cli, ["ask", "退群率多少算正常？", "--json"])
    assert first.exit_code == 0, first.output
    conv_id = json.loads(first.output)["conversation"]
    follow = runner.invoke(cli, ["ask", "--conversation", conv_id, "那新人群呢？"])
    assert follow.exit_code == 0 and f"--conversation {conv_id}" in follow.output
    listed = runner.invoke(cli, ["ask", "--list"])
    assert conv_id in listed.output and "退群率多少算正常？" in listed.output and "4 条" in listed.output
    missing = runner.invoke(cli, ["ask", "--conversation", "nope", "问题"])
    assert missing.exit_code != 0 and "Traceback" not in missing.output and "ask --list" in missing.output
    out = isolated_env / "ratings.csv"
    assert runner.invoke(cli, ["ask", "--export-ratings", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("\ufeff时间,")


def _app(conv_id: str | None = None) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if conv_id:
        app.query_params["c"] = conv_id
    app.run()
    assert not app.exception, app.exception
    return app


def test_the_chat_page_keeps_a_conversation_across_a_reload_and_lists_it() -> None:
    app = _app()
    app.chat_input[0].set_value("退群率多少算正常？").run()
    assert not app.exception, app.exception
    conv_id = app.query_params["c"][0] if isinstance(app.query_params["c"], list) else app.query_params["c"]
    reloaded = _app(conv_id)  # a new browser session opening the same address
    assert [m.name for m in reloaded.chat_message] == ["user", "assistant"]
    assert any(b.label == "退群率多少算正常？" for b in reloaded.sidebar.button)
    elsewhere = _app()  # a second browser: the conversation is in its list
    elsewhere.button(key=f"conv-{conv_id}").click().run()
    assert [m.name for m in elsewhere.chat_message] == ["user", "assistant"]


def test_the_chat_page_rates_and_regenerates() -> None:
    app = _app()
    app.chat_input[0].set_value("退群率多少算正常？").run()
    conv_id = app.query_params["c"]
    conv_id = conv_id[0] if isinstance(conv_id, list) else conv_id
    from assistant import Assistant, load_settings

    chats = Assistant.from_settings(load_settings()).chats
    answer = chats.open(None, conv_id).turns[-1]
    app.button(key=f"regenerate-{answer.turn_id}").click().run()
    assert not app.exception, app.exception
    turns = chats.open(None, conv_id).turns
    assert len(turns) == 2 and turns[-1].turn_id != answer.turn_id
    assert len([m for m in app.chat_message if m.name == "assistant"]) == 1


def test_pages_raise_no_deprecation_warnings(caplog) -> None:
    """Streamlit logs its deprecations (81 ``use_container_width`` lines per walk-through before)."""
    import logging
    import warnings

    caplog.set_level(logging.WARNING, logger="streamlit.deprecation_util")
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        app = _app()
        app.chat_input[0].set_value("退群率多少算正常？").run()
        for page in ("drafts", "knowledge", "groups"):
            app.switch_page(f"app_pages/{page}.py").run()
            assert not app.exception, app.exception
    assert not [r for r in caplog.records if r.name == "streamlit.deprecation_util"]
