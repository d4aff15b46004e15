"""The history commands as a user and a cron job see them: text, JSON, exit codes."""

from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner

from assistant.cli.history import demo, history
from assistant.history import History
from assistant.history.errors import InputError
from assistant.service import Assistant


@pytest.fixture(autouse=True)
def history_on_the_facade(monkeypatch: pytest.MonkeyPatch) -> None:
    """Until service.Assistant grows its ``history`` property, give it the one it will have."""
    if not hasattr(Assistant, "history"):
        monkeypatch.setattr(
            Assistant, "history", property(lambda self: History(self.settings.history_db)), raising=False
        )


def run(command: click.Command, *args: str):
    return CliRunner().invoke(command, list(args))


def test_import_prints_the_report_and_groups_lists_the_group(fx) -> None:
    result = run(history, "import", str(fx("memotrace/幸福里团购1群_utf8.csv")), "--group", "幸福里团购1群")
    assert result.exit_code == 0, result.output
    assert "成功 · 微信 · 留痕 MemoTrace 单聊 CSV" in result.output and "消息 9 条（新增 9）" in result.output
    assert "跳过 1 行" in result.output and "群事件: 拍一拍 1，红包 1" in result.output
    listed = run(history, "groups")
    assert "幸福里团购1群 [微信] 2024-06-01 08:00 ~ 2024-06-02 20:06" in listed.output


def test_import_json_with_format_at_and_tz(fx) -> None:
    result = run(history, "import", str(fx("members/members.csv")), "--group", "群A", "--format", "member_list",
                 "--at", "2024-06-05 12:00", "--tz", "Asia/Hong_Kong", "--json")  # fmt: skip
    assert result.exit_code == 0, result.output
    [report] = json.loads(result.output)
    assert report["format"] == "member_list" and report["tz"] == "Asia/Hong_Kong" and report["snapshots"] == 1


def test_a_failed_file_fails_the_command_after_importing_the_rest(fx) -> None:
    result = run(history, "import", str(fx("broken/unknown.txt")), str(fx("telegram/result.json")))
    assert result.exit_code == 1 and isinstance(result.exception, InputError)
    assert "1 个文件导入失败（unknown.txt）" in str(result.exception)
    assert "result.json: 成功" in result.output and "unknown.txt: 失败" in result.output
    assert json.loads(run(history, "groups", "--json").output)[0]["name"] == "幸福里团购TG群"


def test_stats_json_marks_inferred_exits(fx) -> None:
    run(history, "import", str(fx("chatlog/chatroom_0601.json")), "--at", "2024-06-01 20:00")
    run(history, "import", str(fx("chatlog/chatroom_0608.json")), "--at", "2024-06-08 20:00")
    payload = json.loads(run(history, "stats", "--group", "幸福里团购1群", "--json").output)
    [group] = payload["groups"]
    assert group["exits"]["inferred"] == 1 and group["exits"]["inferred_note"]
    assert group["members_now"] == 4 and group["members_basis"] == "snapshot"
    text = run(history, "stats").output
    assert "快照推断 1" in text and "两次快照之间" in text


def test_stats_for_an_unknown_group_says_how_to_find_names() -> None:
    result = run(history, "stats", "--group", "没有这个群")
    assert result.exit_code == 1 and "history groups" in str(result.exception)


def test_demo_then_stats_shows_joins_and_exits_per_group() -> None:
    result = run(demo, "--end", "2024-11-30", "--json")
    assert result.exit_code == 0, result.output
    assert all(r["status"] == "ok" for r in json.loads(result.output))
    groups = json.loads(run(history, "stats", "--json").output)["groups"]
    assert len(groups) == 3
    for group in groups:
        assert group["joins"]["total"] > 0 and group["exits"]["total"] > 0
    wechat = next(g for g in groups if g["platform"] == "wechat")
    assert wechat["exits"]["inferred"] > 0 and wechat["exits"]["inferred_note"]


def test_through_the_root_command_errors_are_one_clean_line(fx) -> None:
    from assistant.cli import cli

    if "history" not in cli.commands:
        pytest.skip("history group not registered in assistant.cli yet")
    result = CliRunner().invoke(cli, ["history", "import", str(fx("broken/binary.dat"))])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "错误: 1 个文件导入失败（binary.dat）" in result.output and "不是文本文件" in result.output


@pytest.mark.parametrize("command", [history, *history.commands.values(), demo], ids=lambda c: c.name)
def test_every_command_has_help_with_an_example(command: click.Command) -> None:
    assert command.help and command.help.strip()
    if not isinstance(command, click.Group):
        assert "Example:" in command.help and "python -m assistant" in command.help
