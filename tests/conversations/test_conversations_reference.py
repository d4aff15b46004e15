"""A cited message named as people read it (group · local minute · sender) opens its conversation.

Plain output prints that reference and the command that opens it instead of a raw message id; these
tests build a small history with a crowded minute and a group in another time zone, and check the
way back from the reference in both languages.
"""

from __future__ import annotations

import json
import shlex
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from assistant import Assistant, InputError, load_settings
from assistant.app import MessageRef
from assistant.cli import cli
from tests.analytics.builder import BulkMessages, HistoryBuilder

PHOTO, BERLIN = "摄影群", "柏林 摄影群"  # a space: the printed command must quote it
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _when(minute: str, second: int = 0, tz: ZoneInfo = SHANGHAI) -> datetime:
    return datetime.fromisoformat(minute).replace(second=second, tzinfo=tz)


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    path = tmp_path_factory.mktemp("refs") / "history.duckdb"
    builder = HistoryBuilder(path)
    photo, berlin = builder.group(PHOTO, group_id=1), builder.group(BERLIN, group_id=2)
    builder.con.execute("UPDATE groups SET tz = 'Europe/Berlin' WHERE group_id = 2")
    bulk = BulkMessages(builder)
    keys = {
        "before": bulk.add(photo, "w", _when("2026-11-03 20:10"), "大家晚上好", name="小王"),
        "first": bulk.add(photo, "w", _when("2026-11-03 20:15", 5), "第一张：夜景", name="小王"),
        "second": bulk.add(photo, "l", _when("2026-11-03 20:15", 40), "第二张：人像", name="小李"),
        "third": bulk.add(photo, "w", _when("2026-11-03 20:15", 50), "第三张：街拍", name="小王"),
        "alone": bulk.add(photo, "z", _when("2026-11-03 20:20"), "都很好看", name="小张"),
        "berlin": bulk.add(berlin, "b", _when("2026-11-03 20:15", 0, ZoneInfo("Europe/Berlin")), "Guten Abend", name="Ben"),
    }
    bulk.flush()
    builder.con.close()
    return path, keys


@pytest.fixture
def workspace(history: tuple[Path, dict[str, str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    data = tmp_path / "data"
    data.mkdir()
    (data / "history.duckdb").write_bytes(history[0].read_bytes())
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(data))

    def build(language: str = "zh") -> Assistant:
        monkeypatch.setenv("ASSISTANT_LANGUAGE", language)
        return Assistant.from_settings(load_settings())

    return build


def test_an_exact_minute_opens_its_message(workspace, history) -> None:
    found = workspace().threads.context_at(PHOTO, "2026-11-03 20:20", before=1, after=0)
    assert found.message_id == history[1]["alone"] and found.others == 0 and found.group == PHOTO
    assert [line["cited"] for line in found.lines()] == [False, True]


def test_a_crowded_minute_opens_the_first_and_counts_the_rest_or_the_sender_chooses(workspace, history) -> None:
    threads, keys = workspace().threads, history[1]
    crowded = threads.context_at(PHOTO, "2026-11-03 20:15")
    assert crowded.message_id == keys["first"] and crowded.others == 2
    assert threads.context_at(PHOTO, "2026-11-03 20:15", sender="小李").message_id == keys["second"]
    by_wang = threads.context_at(PHOTO, "2026-11-03T20:15:59", sender="小王")  # seconds and a T are accepted
    assert by_wang.message_id == keys["first"] and by_wang.others == 1
    assert threads.context_at(PHOTO, "2026-11-03 20:15", sender="l").message_id == keys["second"]  # a sender id too


def test_the_minute_is_the_groups_local_time(workspace, history) -> None:
    assert workspace().threads.context_at(BERLIN, "2026-11-03 20:15").message_id == history[1]["berlin"]


@pytest.mark.parametrize(("language", "words"), [
    ("zh", {"none": "在 2026-11-03 20:16（Asia/Shanghai 时间）没有消息", "sender": "没有「小赵」发的",
            "group": "没有名为「不存在的群」的群", "at": "格式不对", "no_group": "需要同时指定群"}),
    ("en", {"none": "has no message at 2026-11-03 20:16 (Asia/Shanghai time)", "sender": "none from “小赵”",
            "group": "There is no group named “不存在的群”", "at": "is not in the form", "no_group": "needs the group too"}),
])
def test_a_reference_that_finds_nothing_says_how_to_fix_it(workspace, language: str, words: dict[str, str]) -> None:
    threads = workspace(language).threads
    cases = {"none": (PHOTO, "2026-11-03 20:16", None), "sender": (PHOTO, "2026-11-03 20:15", "小赵"),
             "group": ("不存在的群", "2026-11-03 20:15", None), "at": (PHOTO, "昨天晚上", None),
             "no_group": (None, "2026-11-03 20:15", None)}
    for case, (group, at, sender) in cases.items():
        with pytest.raises(InputError) as error:
            threads.context_at(group, at, sender)
        assert words[case] in str(error.value), (case, str(error.value))


def test_a_reference_reads_as_people_read_it_and_its_command_opens_the_same_message(workspace, history) -> None:
    ref = MessageRef(PHOTO, "2026-11-03 20:15", "小李")
    assert ref.text() == "摄影群 · 11-03 20:15 · 小李"
    assert ref.command() == 'python -m assistant history context --group 摄影群 --at "2026-11-03 20:15" --sender 小李'
    assert MessageRef(PHOTO, "2026-11-03 20:15", "?").command().endswith('--at "2026-11-03 20:15"')  # no unnamed sender
    assert not MessageRef("", "2026-11-03 20:15", "system").openable  # a recorded join: nothing to open
    workspace()
    for ref, key in [(ref, "second"), (MessageRef(BERLIN, "2026-11-03 20:15", "Ben"), "berlin")]:
        args = shlex.split(ref.command())[3:]  # after "python -m assistant"
        shown = CliRunner().invoke(cli, [*args, "--span", "1", "--json"])
        assert shown.exit_code == 0, shown.output
        assert json.loads(shown.output)["message_id"] == history[1][key]


def test_cli_context_by_group_and_time_in_both_languages(workspace, history) -> None:
    workspace("zh")
    shown = CliRunner().invoke(cli, ["history", "context", "--group", PHOTO, "--at", "2026-11-03 20:15", "--span", "1"])
    assert shown.exit_code == 0, shown.output
    marked = [line for line in shown.output.splitlines() if line.startswith("▶")]
    assert len(marked) == 1 and "第一张" in marked[0] and "同一分钟还有 2 条消息" in shown.output
    assert not any(key in shown.output for key in history[1].values())  # raw ids only in --json
    missing = CliRunner().invoke(cli, ["history", "context", "--group", PHOTO, "--at", "2026-11-03 20:16"])
    assert missing.exit_code == 1 and "没有消息" in missing.output and "Traceback" not in missing.output
    nothing = CliRunner().invoke(cli, ["history", "context"])
    assert nothing.exit_code == 1 and "--group" in nothing.output and "--at" in nothing.output
    workspace("en")
    shown = CliRunner().invoke(cli, ["history", "context", "--group", PHOTO, "--at", "2026-11-03 20:15", "--span", "0"])
    assert shown.exit_code == 0 and "2 more messages in the same minute" in shown.output, shown.output
    missing = CliRunner().invoke(cli, ["history", "context", "--group", PHOTO, "--at", "2026-11-03 20:16"])
    assert missing.exit_code == 1 and "has no message at" in missing.output
    nothing = CliRunner().invoke(cli, ["history", "context"])
    assert nothing.exit_code == 1 and "Say which message" in nothing.output
    by_id = CliRunner().invoke(cli, ["history", "context", history[1]["second"], "--span", "0"])  # ids still work
    assert by_id.exit_code == 0 and "第二张" in by_id.output
