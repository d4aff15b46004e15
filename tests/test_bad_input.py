"""The bad-input corpus: every entry point answers bad input with a clear message, keeps what is
stored, and never shows a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant import Assistant, InputError, load_settings
from assistant.cli import cli
from assistant.jobs.draft import DraftRequest
from tests.conftest import ROOT
from tests.support.demo_workspace import install_demo

HUGE_PASTE = "群里有人说橙子坏了。" * 10_000  # 100,000 characters


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def assistant() -> Assistant:
    return Assistant.from_settings(load_settings())


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("空.txt", b"", "空"),
        ("图片.txt", bytes(range(256)) * 10, "二进制"),
        ("半截.docx", b"PK\x03\x04\x14\x00\x00\x00", "压缩包"),
        ("半截.xlsx", b"PK\x03\x04garbage" * 10, "压缩包"),
        ("公式.csv", "问题,答案\n=1+1,@SUM(A1)\n".encode(), None),  # accepted: formulas are just text here
        ("混合编码.txt", "第一行是UTF-8。\n".encode() + "第二行是GBK。\n".encode("gbk"), None),
    ],
    ids=["empty", "binary", "truncated-docx", "truncated-xlsx", "formula-cells", "mixed-encoding"],
)
def test_knowledge_uploads(assistant, name, data, message) -> None:
    before = {d.name for d in assistant.documents()}
    [result] = assistant.add_documents([(name, data)])
    if message:
        assert result.status == "failed" and message in result.message
        assert {d.name for d in assistant.documents()} == before
    else:
        assert result.status == "added"


def test_a_200_mb_file_is_refused_without_being_read(assistant, tmp_path) -> None:
    big = tmp_path / "巨大的.txt"
    with big.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: no disk or memory is spent
    [result] = assistant.add_paths([big])
    assert result.status == "failed" and "50 MB" in result.message


def test_a_100000_character_chat_paste_is_refused_politely(assistant) -> None:
    with pytest.raises(InputError, match="问题太长"):
        assistant.ask(HUGE_PASTE)
    result = run("ask", HUGE_PASTE)
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_a_100000_character_draft_input_is_refused(assistant) -> None:
    with pytest.raises(InputError, match="输入太长"):
        assistant.draft(DraftRequest("complaint", HUGE_PASTE))


def test_truncated_json_export_leaves_the_history_as_it_was(assistant, tmp_path) -> None:
    install_demo(assistant.settings)
    before = json.loads(run("history", "stats", "--json").output)
    broken = tmp_path / "result.json"
    broken.write_text('{"name": "新群", "type": "private_supergroup", "id": 1, "messages": [{"id": 1, "type": "mess',
                      encoding="utf-8")
    result = run("history", "import", str(broken))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert json.loads(run("history", "stats", "--json").output) == before


@pytest.mark.parametrize(
    "args",
    [["metrics", "--week", "2026-W99"], ["churn", "--since", "2026-13-45", "--until", "2026-01-01"],
     ["churn", "--since", "2026-03-10", "--until", "2026-03-01"],
     ["history", "import", "x.csv", "--at", "9999-99-99 99:99"], ["draft", "announcement", "--field", "tone=嚣张"]],
    ids=["week-99", "month-13", "reversed-range", "absurd-at", "bad-option"],
)
def test_absurd_dates_and_options_get_a_clean_message(assistant, tmp_path, args) -> None:
    install_demo(assistant.settings)
    (Path.cwd() / "x.csv").write_text("群成员,昵称\nwxid_a,张三\n", encoding="utf-8")
    result = run(*args)
    assert result.exit_code != 0 and "Traceback" not in result.output and result.output.strip()


def test_pages_never_render_raw_html() -> None:
    pages = [*ROOT.joinpath("app_pages").glob("*.py"), ROOT / "app.py"]
    assert not [p.name for p in pages if "unsafe_allow_html=True" in p.read_text(encoding="utf-8")]
