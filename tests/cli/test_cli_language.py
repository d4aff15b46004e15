"""The CLI in English mode: every sentence, label and header the product writes is English.

The main commands run in-process on a copy of the demo workspace with ``ASSISTANT_LANGUAGE=en``;
what is left of their output once the user's own data is taken out (group, member and campaign
names, message text) must hold no Chinese.
"""

from __future__ import annotations

import functools
import shutil
import json
import re

import pytest
from click.testing import CliRunner

from assistant import load_settings
from assistant.cli import cli
from assistant.i18n import ALL_GROUPS, LABELS
from assistant.retrieval.loaders import MAX_BYTES
from tests.support.history_file import read_only
from tests.support.page_texts import user_data
from tests.support.demo_workspace import CALM, SPAM, install_demo, template_settings

CJK = re.compile(r"[\u3400-\u9fff]")
_WIDE = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’…"
QUOTED = re.compile(r"“([^”]+)”")
RUN = re.compile(f"[{_WIDE}](?:[{_WIDE}0-9A-Za-z%.,:+/ -]*[{_WIDE}])?")  # Chinese, with any digits or Latin inside
# Values --json keeps as keys (their labels are what people read): stages and tiers, risk rules, the
# content kinds a content mix is keyed by, a churn driver's confidence, a chat's kind, and the every-group scope.
CHINESE_KEYS = sorted({*LABELS["stage"], *LABELS["risk_rule"], *(e["zh"] for e in LABELS["content"].values()),
                       *(e["zh"] for e in LABELS["confidence"].values()), *LABELS["group_kind"], ALL_GROUPS},
                      key=len, reverse=True)
COMMANDS = [
    ["history", "groups"], ["history", "stats"], ["history", "stats", "--json"],
    ["metrics"], ["metrics", "--json"], ["metrics", "--weeks", "2", "--group", SPAM],
    ["churn", "--group", SPAM], ["churn", "--json"], ["groups", "admins", "list", "--json"], ["segments"], ["risks", "--group", SPAM], ["risks", "--group", SPAM, "--json"],
    ["groups", "admins", "list"],
]


@functools.cache
def _messages(history_db: str) -> str:
    with read_only(history_db) as con:
        rows = con.execute("SELECT DISTINCT text FROM messages WHERE text IS NOT NULL").fetchall()
    return "\n".join(" ".join(r[0].split()) for r in rows)


def _ours(output: str, names: list[str], messages: str) -> list[str]:
    """The lines with Chinese that is not user data: names are taken out, and a run of Chinese
    counts as a quote when it is three or more characters of some message's text."""
    left = []
    for line in output.splitlines():
        for name in names:
            line = line.replace(name, "")
        for key in CHINESE_KEYS:
            line = line.replace(f'"{key}"', '""')
        line = QUOTED.sub(lambda m: "“”" if m.group(1) in messages else m.group(0), line)  # a quoted word of a message
        runs = [r.strip("（）：，。“”「」… ") for r in RUN.findall(line)]
        ours = [r for r in runs if CJK.search(r) and not (len(r) >= 3 and r in messages)]
        if ours:
            left.append(line)
    return left


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("ASSISTANT_LANGUAGE", "en")
    settings = load_settings()
    install_demo(settings)
    names = user_data(settings.history_db)
    messages = _messages(str(settings.history_db))

    def run(*args: str, input: str | None = None) -> tuple[str, list[str]]:  # noqa: A002 - click's name
        result = CliRunner().invoke(cli, list(args), input=input)
        assert not isinstance(result.exception, (TypeError, KeyError, AttributeError)), result.exception
        output = result.stdout + result.stderr
        return output, _ours(output, names, messages)

    return run


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_command_writes_no_chinese_of_its_own_in_english(english, args: list[str]) -> None:
    output, chinese = english(*args)
    assert output.strip() and not chinese, chinese


def test_the_metric_labels_and_notes_are_english_in_json(english) -> None:
    output, _ = english("metrics", "--json", "--group", CALM)
    [report] = json.loads(output)
    assert report["metrics"]["exit_rate"]["label"] == "Exit rate"
    assert report["metrics"]["reach_rate"]["note"].startswith("Chat exports hold no read or mute data")
    assert report["metrics"]["retention_7d"]["note"] == "Newcomers whose day 7 in the group fell in this period."


def test_the_member_csv_has_english_headers(english, tmp_path) -> None:
    out = tmp_path / "members.csv"
    _, chinese = english("segments", "--group", CALM, "--csv", str(out))
    header, first = out.read_text(encoding="utf-8").lstrip("\ufeff").splitlines()[:2]
    assert header == "Group,Member ID,Name,Lifecycle,Value tier,At risk,Days in group,Last message,Messages (30 days),Orders (30 days)"
    assert not chinese and not _ours(first, [CALM, *first.split(",")[2:3]], ""), first


def test_the_index_progress_line_is_english(english, capsys: pytest.CaptureFixture[str]) -> None:
    from assistant.cli.common import index_progress

    index_progress()(7, 7)  # building the whole index would take seconds
    assert capsys.readouterr().err == "[search index 7/7 messages]\n"


def test_the_import_report_and_its_error_are_english(english, tmp_path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("不是聊天记录\n", encoding="utf-8")
    output, _ = english("history", "import", str(bad), "--group", SPAM)
    assert "notes.txt: failed" in output and "Reason: " in output
    assert "Error: 1 files failed to import (notes.txt), see why above" in output


def test_an_unrecognised_file_and_a_second_import_are_reported_in_english(english, tmp_path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("hello\nthis is no chat\n", encoding="utf-8")
    output, chinese = english("history", "import", str(bad))
    assert "Reason: The format of notes.txt is not recognised. Supported: " in output and not chinese, (output, chinese)
    [again] = [p for p in (template_settings().data_dir / "demo").rglob("result.json")]
    output, chinese = english("history", "import", str(again))
    assert "result.json: imported before, skipped" in output, output
    assert "Note: This file was imported with the same settings on " in output and not chinese, (output, chinese)


def test_kb_add_and_kb_eval_errors_are_english(english, tmp_path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("", encoding="utf-8")
    output, chinese = english("kb", "add", str(empty))
    assert "empty.md: the file is empty." in output and not chinese, (output, chinese)
    output, chinese = english("kb", "add", str(tmp_path / "missing.md"))
    assert "missing.md cannot be read: No such file or directory." in output and not chinese, (output, chinese)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: refused by its size before it is read
    output, chinese = english("kb", "add", str(huge))
    assert f"huge.txt: the file is over {MAX_BYTES // 1024**2} MB" in output and not chinese, (output, chinese)
    sheet = tmp_path / "cases.csv"
    sheet.write_text("a,b\n1,2\n", encoding="utf-8")
    output, chinese = english("kb", "eval", str(sheet))
    assert output.startswith("Error: cases.csv: there are no “question” and “expected” columns") and not chinese, output


def test_fix_it_errors_of_drafts_the_knowledge_base_and_delivery_are_english(english, tmp_path) -> None:
    output, chinese = english("draft", "rules", "--field", "tone=lively")
    assert output.startswith("Error: “Group rules” has no such options: tone"), output
    output, chinese = english("kb", "remove", "nothing.md")
    assert output.startswith("Error: The knowledge base has no document named “nothing.md”"), output
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    english("schedule", "channel", "add", "--name", "box", "--kind", "folder", "--audience", "admin", "--path", str(blocked))
    output, _ = english("schedule", "channel", "test", "box")
    assert "Cannot write to the folder" in output, output
    output, _ = english("schedule", "channel", "test", "nothing")
    assert output.startswith("Error: There is no delivery channel named “nothing”."), output


def test_alerts_and_a_schedule_run_speak_english(english, tmp_path) -> None:
    outbox = tmp_path / "outbox"
    steps = [("alerts", "rules", "add", "--intent", "complaint"), ("alerts", "rules", "list"), ("alerts", "check", "--all"),
             ("alerts", "list", "--limit", "5"), ("alerts", "ack", "1"),
             ("schedule", "channel", "add", "--name", "box", "--kind", "folder", "--audience", "admin", "--path", str(outbox)),
             ("schedule", "channel", "list"), ("schedule", "add", "--job", "alert_check", "--at", "08:00", "--send", "box"),
             ("schedule", "list"), ("schedule", "run", "1"), ("schedule", "runs"), ("alerts", "ack", "999")]
    for step in steps:
        output, chinese = english(*step)
        assert output.strip() and not chinese, (step, chinese)
    assert "complaint" in english("alerts", "rules", "list")[0]  # an unnamed rule is named in English


def test_no_text_has_a_blank_named_like_an_argument_of_t() -> None:
    from string import Formatter

    from assistant.i18n import CATALOG

    blanks = {field for entry in CATALOG.values() for text in entry.values() for _, field, _, _ in Formatter().parse(text)}
    assert not blanks & {"key", "language"}


def _file_words(output: str) -> str:
    """``output`` without the group names an imported file brings (user data the demo does not hold)."""
    return "\n".join(line for line in output.splitlines() if not line.lstrip().startswith("Groups: "))


def test_the_importers_rarer_words_are_english(english, tmp_path) -> None:
    from tests.history.conftest import FIXTURES

    whatsapp = tmp_path / "WhatsApp Chat with Ambiguous.txt"
    whatsapp.write_text("01/02/24, 9:05 PM - Ann: hello\n01/03/24, 9:06 PM - Bob: hi\n02/03/24, 9:07 PM - Cat: hey\n",
                        encoding="utf-8")
    rows = (FIXTURES / "orders/orders.csv").read_text(encoding="utf-8-sig").splitlines()
    columns = tmp_path / "orders.csv"
    columns.write_text("\n".join([*rows, rows[-1] + ",x"]) + "\n", encoding="utf-8")
    chunked = tmp_path / "chunked"
    shutil.copytree(FIXTURES / "qce/幸福里团购QQ群_chunked_jsonl", chunked)
    (chunked / "chunks/c000002.jsonl").unlink()
    qce = (FIXTURES / "qce/幸福里团购QQ群.txt").read_text(encoding="utf-8")
    (tmp_path / "qce.txt").write_text(re.sub(r"总计导出\s*\d+", "总计导出 999", qce), encoding="utf-8")
    cases = {
        (str(whatsapp),): "Note: No date in the file is over 12, so day/month cannot be told from month/day; read as month/day.",
        (str(columns), "--group", CALM): "has 9 columns and the header 8: the file may be cut off",
        (str(chunked),): "manifest.json is incomplete: the chunk file chunks/c000002.jsonl is missing.",
        (str(tmp_path / "qce.txt"),): "Note: The file's end says 999 messages;",
        (str(FIXTURES / "wecom/change_external_chat.xml"), "--group", CALM): "Note: Some events have no MemChangeList",
    }
    for args, words in cases.items():
        output, _ = english("history", "import", *args)
        assert words in output and not _ours(_file_words(output), [], ""), output


def test_a_skipped_row_is_reported_in_english(english, tmp_path) -> None:
    from tests.history.conftest import FIXTURES

    orders = (FIXTURES / "orders/orders.csv").read_text(encoding="utf-8-sig").splitlines()
    header = orders[0].split(",")
    blank = [""] * len(header)
    (tmp_path / "orders.csv").write_text("\n".join([*orders, ",".join(blank[:-1] + ["x"])]) + "\n", encoding="utf-8")
    output, _ = english("history", "import", str(tmp_path / "orders.csv"), "--group", CALM)
    assert "Skipped 1 lines: no order number 1 lines" in output and "    line 4: no order number" in output, output
    assert not _ours(_file_words(output), [], ""), output


def test_an_english_draft_gets_english_defaults(english) -> None:
    output, _ = english("draft", "activity")
    assert "**Goal**: more activity and sales (when: Monday to Sunday next week, budget ¥500)" in output, output
    output, _ = english("draft", "complaint", "--text", "The oranges arrived rotten, I want a refund!")
    assert "本群" not in output and "our group" in output, output


def test_json_keeps_the_chinese_keys_and_adds_english_labels(english) -> None:
    summary = json.loads(english("segments", "--json", "--group", CALM)[0])
    member = summary["members"][0]
    assert member["stage"] in LABELS["stage"] and member["stage_label"] == LABELS["stage"][member["stage"]]["en"]
    assert summary["summary"]["stage_label"]["沉默"] == "silent"
    [flag, *_] = json.loads(english("risks", "--json", "--group", SPAM)[0])
    assert flag["rule"] in LABELS["risk_rule"] and flag["rule_label"] == LABELS["risk_rule"][flag["rule"]]["en"]
    reports = json.loads(english("metrics", "--json")[0])
    assert [(r["group"], r["group_label"]) for r in reports if r["group"] == ALL_GROUPS] == [(ALL_GROUPS, "All groups")]
    assert json.loads(english("churn", "--json")[0])["group_label"] == "All groups"
    reading = json.loads(english("draft", "complaint", "--text", "买的橙子烂了一半，要退款！", "--json")[0])["context"]["reading"]
    assert reading["labels"] == ["质量问题", "退款退货"] and reading["category_labels"] == ["quality", "refund or return"]
    assert reading["deadline_labels"]["首次响应"] == "first reply" and reading["reason_labels"] == ["a refund is involved"]


def test_users_list_is_english(english) -> None:
    output, chinese = english("users", "list")
    assert output.startswith("No accounts yet") and not chinese, output


def test_weflow_sync_errors_are_english() -> None:
    from assistant import InputError
    from assistant.history.weflow_api import Session, WeFlowAPI
    from assistant.history.weflow_sync import choose

    with pytest.raises(InputError, match=r"served on this computer only \(127\.0\.0\.1\), not on 10\.1\.2\.3") as refused:
        WeFlowAPI("http://10.1.2.3:5031", "token", language="en")
    assert not CJK.search(str(refused.value))
    with pytest.raises(InputError, match="Choose the groups to sync") as unchosen:
        choose([Session("1@chatroom", "Book club", True)], [], [], "en")
    assert str(unchosen.value).endswith("WeFlow's group chats: Book club (1@chatroom)")


def test_a_drafted_chat_answer_has_english_compliance_notes(english) -> None:
    output, _ = english("ask", "write an announcement: best price guaranteed, cures colds")
    assert "**Compliance notes**\n- [advertising-law wording] “best”: write “well-liked” instead" in output, output
    assert "合规提示" not in output and "「" not in output
