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


def test_kb_add_list_remove_round_trip(tmp_path) -> None:
    from tests.support.documents import make_docx, make_xlsx

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "SOP.docx").write_bytes(make_docx())
    (tmp_path / "docs" / "常见问题.xlsx").write_bytes(make_xlsx())
    added = run("kb", "add", str(tmp_path / "docs"))
    assert added.exit_code == 0 and added.output.count("已添加") == 2
    assert run("kb", "add", str(tmp_path / "docs")).output.count("未变化") == 2
    listed = json.loads(run("kb", "list", "--json").output)
    mine = {row["name"]: row for row in listed if row["collection"] == "user"}
    assert set(mine) == {"SOP.docx", "常见问题.xlsx"} and mine["常见问题.xlsx"]["chunks"] == 3
    removed = run("kb", "remove", "SOP.docx")
    assert removed.exit_code == 0 and "已删除 SOP.docx" in removed.output
    assert run("kb", "remove", "SOP.docx").exit_code == 1


def test_kb_add_reports_bad_files_and_exits_nonzero(tmp_path) -> None:
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4 truncated")
    (tmp_path / "ok.md").write_text("# 标题\n正文内容。", encoding="utf-8")
    result = run("kb", "add", str(tmp_path / "bad.pdf"), str(tmp_path / "ok.md"), str(tmp_path / "missing.txt"))
    assert result.exit_code == 1
    assert "✗ bad.pdf" in result.output and "✓ ok.md" in result.output and "✗ missing.txt" in result.output


def test_kb_search_batch_prints_one_json_object_per_query(tmp_path) -> None:
    queries = tmp_path / "q.txt"
    queries.write_text("退群率多少算正常\n\n接龙怎么组织\n", encoding="utf-8")
    lines = run("kb", "search", "--queries", str(queries), "-k", "2", "--json").output.strip().splitlines()
    rows = [json.loads(line) for line in lines]
    assert [r["query"] for r in rows] == ["退群率多少算正常", "接龙怎么组织"]
    assert all(len(r["hits"]) == 2 and set(r["hits"][0]) == {"source", "title", "snippet", "score"} for r in rows)


def test_kb_rebuild_restores_user_documents(tmp_path) -> None:
    (tmp_path / "ok.md").write_text("# 售后\n## 退款\n三个工作日内退回。", encoding="utf-8")
    run("kb", "add", str(tmp_path / "ok.md"))
    result = run("kb", "rebuild")
    assert result.exit_code == 0 and "用户文档 1 个" in result.output and "✓ ok.md" in result.output
    hits = json.loads(run("kb", "search", "退款多久到账", "--collection", "user", "--json").output)
    assert hits[0]["source"] == "ok.md"
