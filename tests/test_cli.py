"""The CLI as a user and a cron job see it: output, JSON shape, exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
import sys

import click
import pytest
from click.testing import CliRunner

from assistant.cli import cli
from tests.conftest import ROOT

QUESTION = "退群率多少算正常？"


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_python_dash_m_answers_offline_with_json() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "ask", QUESTION, "--json"],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert set(payload) >= {"answer", "sources", "mode", "tokens"}
    assert payload["mode"] == "offline"
    assert payload["tokens"]["prompt"] == 0 and payload["tokens"]["completion"] == 0
    assert payload["sources"][0] == {
        "source": "knowledge/05-metrics.md",
        "title": payload["sources"][0]["title"],
        "snippet": payload["sources"][0]["snippet"],
    }
    assert "退群率" in payload["sources"][0]["title"]
    assert "低于 1%" in payload["answer"] or "低于1%" in payload["answer"]


def test_json_reports_model_mode_and_server_token_counts(llm_env) -> None:
    result = run("ask", QUESTION, "--json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["mode"] == "fake-model"
    assert payload["tokens"] == {"prompt": 123, "completion": 45, "estimated": False}
    assert payload["answer"] == "这是模型的回答。"


def test_text_output_lists_sources_and_mode() -> None:
    result = run("ask", "接龙怎么组织")
    assert result.exit_code == 0
    assert "来源:" in result.output and "knowledge/04-activities.md" in result.output
    assert "模式: offline" in result.output


@pytest.mark.parametrize(
    ("env", "args", "message"),
    [
        ({"ASSISTANT_LANGUAGE": "fr"}, ["ask", QUESTION], "ASSISTANT_LANGUAGE"),
        ({}, ["ask", "   "], "问题是空的"),
        ({}, ["ask", "长" * 5000], "问题太长"),
    ],
)
def test_errors_are_one_clean_line_and_exit_1(monkeypatch, env, args, message) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = run(*args)
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output


def test_kb_index_is_idempotent() -> None:
    first = run("kb", "index").output
    second = run("kb", "index").output
    assert "新增 0 段" not in first and "新增 0 段, 删除 0 段" in second


def test_kb_search_shows_scores_and_sides() -> None:
    result = run("kb", "search", "拼团秒杀怎么设置阶梯价格", "--json")
    rows = json.loads(result.output)
    assert rows and "拼团秒杀" in rows[0]["title"]
    assert set(rows[0]["found_by"]) <= {"vector", "bm25"} and rows[0]["score"] > 0


def test_settings_never_prints_the_key(monkeypatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-secret-value")
    result = run("settings")
    assert "sk-secret-value" not in result.output and "OPENAI_API_KEY=已设置" in result.output


def _commands(group: click.Group, prefix: str = ""):
    for name, command in group.commands.items():
        yield f"{prefix}{name}", command
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix}{name} ")


@pytest.mark.parametrize(("name", "command"), list(_commands(cli)))
def test_every_command_has_help(name, command) -> None:
    assert command.help and command.help.strip(), name


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "qun-assistant"
    if not script.exists():
        pytest.skip("project not installed in this interpreter (run through scripts/test.sh)")
    done = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0 and "ask" in done.stdout
