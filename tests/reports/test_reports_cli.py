"""``report weekly`` writes each format, prints the model as JSON, and fails with one clean line."""

from __future__ import annotations

import io
import json

import docx
import openpyxl
import pytest
from click.testing import CliRunner, Result

from assistant.cli import _Group
from assistant.cli.report import report
from tests.support.demo_workspace import SPAM, demo_assistant

cli = _Group(commands={"report": report})  # the error handling of ``python -m assistant``


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["report", "weekly", *args])


@pytest.mark.parametrize("name", ["周报.md", "周报.html", "周报.xlsx", "周报.docx"])
def test_each_format_is_written_and_opens(name, tmp_path) -> None:
    demo_assistant()
    out = tmp_path / "out" / name
    out.parent.mkdir()
    result = run("--group", SPAM, "--out", str(out))
    assert result.exit_code == 0, result.output
    assert f"已写入 {out}" in result.output
    data = out.read_bytes()
    if name.endswith(".md"):
        assert data.decode().startswith(f"# {SPAM} 运营周报")
    elif name.endswith(".html"):
        assert data.decode().startswith("<!DOCTYPE html>") and b"<svg" in data
    elif name.endswith(".xlsx"):
        assert "行动清单" in openpyxl.load_workbook(io.BytesIO(data)).sheetnames
    else:
        assert any(p.text == "下周行动清单" for p in docx.Document(io.BytesIO(data)).paragraphs)


def test_json_prints_the_report_model() -> None:
    demo_assistant()
    result = run("--group", SPAM, "--json")
    payload = json.loads(result.output)
    assert payload["scope"] == SPAM and payload["churn"][0]["drivers"][0]["id"] == "spam_ads"
    assert payload["actions"][0]["id"] == "verify_joins" and payload["summary"]["mode"] == "offline"
    assert {"kpis", "trend", "questions", "unanswered", "risks", "segments"} <= payload.keys()


def test_without_out_the_markdown_is_printed_for_every_group() -> None:
    demo_assistant()
    result = run()
    assert result.exit_code == 0 and result.output.startswith("# 全部群 运营周报")


def test_errors_are_one_clean_line(tmp_path) -> None:
    result = run("--out", str(tmp_path / "周报.pdf"))
    assert result.exit_code == 1 and "错误" in result.output and ".xlsx" in result.output
    result = run("--out", str(tmp_path / "周报.md"))
    assert result.exit_code == 1 and "demo" in result.output  # nothing imported yet
    demo_assistant()
    result = run("--group", "没有这个群", "--out", str(tmp_path / "周报.md"))
    assert result.exit_code == 1 and "没有名为「没有这个群」的群" in result.output
    assert not (tmp_path / "周报.md").exists()
