"""The CLI in English mode: every sentence, label and header the product writes is English.

The main commands run in-process on a copy of the demo workspace with ``ASSISTANT_LANGUAGE=en``;
what is left of their output once the user's own data is taken out (group, member and campaign
names, message text) must hold no Chinese.
"""

from __future__ import annotations

import functools
import json
import re

import duckdb
import pytest
from click.testing import CliRunner

from assistant import load_settings
from assistant.cli import cli
from assistant.i18n import ALL_GROUPS, LABELS
from assistant.history.database import release
from tests.support.page_texts import user_data
from tests.test_reports_support import CALM, SPAM, install_demo, template_settings

CJK = re.compile(r"[\u3400-\u9fff]")
_WIDE = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’…"
QUOTED = re.compile(r"“([^”]+)”")
RUN = re.compile(f"[{_WIDE}](?:[{_WIDE}0-9A-Za-z%.,:+/ -]*[{_WIDE}])?")  # Chinese, with any digits or Latin inside
# Values --json keeps as keys (their labels are what people read): stages and tiers, risk rules, the
# content kinds a content mix is keyed by, and the every-group scope.
CHINESE_KEYS = sorted({*LABELS["stage"], *LABELS["risk_rule"], *(e["zh"] for e in LABELS["content"].values()), ALL_GROUPS},
                      key=len, reverse=True)
COMMANDS = [
    ["history", "groups"], ["history", "stats"], ["history", "stats", "--json"],
    ["metrics"], ["metrics", "--json"], ["metrics", "--weeks", "2", "--group", SPAM],
    ["churn", "--group", SPAM], ["churn", "--json"], ["groups", "admins", "list", "--json"], ["segments"], ["risks", "--group", SPAM], ["risks", "--group", SPAM, "--json"],
    ["groups", "admins", "list"],
]


@functools.cache
def _messages(history_db: str) -> str:
    release(history_db)  # read-only: not beside this process's own instance of the file
    with duckdb.connect(history_db, read_only=True) as con:
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
