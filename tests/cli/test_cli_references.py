"""Raw ids only in ``--json``: the plain output of every command that cites messages names them by
group, time and sender, with the command that opens their context, in both languages.

Each command runs on a copy of the demo workspace (one per language, shared by the module) twice: with ``--json`` (whose message ids are
collected) and as text, which must hold none of those ids, not even the ten-character prefix the
CLI used to print. The printed context commands must lead back to the very message cited.
"""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant import load_settings
from assistant.cli import cli
from tests.support.demo_workspace import SPAM, install_demo

COMMANDS = [["risks", "--group", SPAM], ["churn"], ["alerts", "list", "--limit", "20"], ["history", "search", "退款", "-k", "3"],
            ["ask", "摄影爱好者交流群（示例）最近有什么风险？"]]


def _ids(data: object) -> set[str]:
    """Every ``message_id`` in a JSON document."""
    if isinstance(data, dict):
        return {str(v) for k, v in data.items() if k == "message_id" and v} | {i for v in data.values() for i in _ids(v)}
    if isinstance(data, list):
        return {i for v in data for i in _ids(v)}
    return set()


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module", params=["zh", "en"])
def workspace(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """One copy of the demo per language for the module: its history search index is built once."""
    data_dir = tmp_path_factory.mktemp(f"references-{request.param}") / "data"
    install_demo(load_settings(env_file=None, data_dir=data_dir))
    return request.param, data_dir


@pytest.fixture
def demo(workspace: tuple[str, Path], monkeypatch: pytest.MonkeyPatch) -> str:
    language, data_dir = workspace
    monkeypatch.setenv("ASSISTANT_LANGUAGE", language)
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(data_dir))
    return language


def test_plain_output_cites_no_message_id_and_says_how_to_open_the_context(demo: str) -> None:
    _run("alerts", "rules", "add", "--intent", "complaint")
    _run("alerts", "check", "--all")
    for args in COMMANDS:
        ids = _ids(json.loads(_run(*args, "--json")))
        assert ids, args  # the demo gives every command something to cite
        plain = _run(*args)
        leaked = sorted(i for i in ids if i in plain or (len(i) >= 10 and i[:10] in plain))
        assert leaked == [], (args, leaked)
        assert "python -m assistant history context --group" in plain, (args, plain)
        said = ["查看上下文"] if demo == "zh" else ["context: ", "context (other lines"]
        assert any(words in plain for words in said), (args, plain)


def test_each_printed_command_opens_the_message_it_follows(demo: str) -> None:
    flags = json.loads(_run("risks", "--group", SPAM, "--json"))
    commands = [line.split("python -m assistant ", 1)[1] for line in _run("risks", "--group", SPAM).splitlines()
                if "python -m assistant history context" in line]
    assert len(commands) == len(flags) > 0
    for flag, command in zip(flags, commands):
        opened = json.loads(_run(*shlex.split(command), "--span", "0", "--json"))
        assert opened["message_id"] == flag["message_id"] and opened["group"] == flag["group"], command
