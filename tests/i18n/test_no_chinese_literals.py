"""No refusal a user can trigger is a Chinese-only literal: its words live in ``assistant.i18n``.

A ``raise SomeError("…中文…")`` outside the catalogue would read in Chinese on an English screen,
so the guard parses every module and fails on one, except the developer-facing errors listed in
``ALLOWED`` (with why). The rest checks a few converted refusals in English mode, through the CLI
as a user meets them and at library level.
"""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import cli
from assistant.errors import InputError

CJK = re.compile(r"[\u3400-\u9fff]")
PACKAGE = Path(__file__).resolve().parents[2] / "assistant"

# file (relative to assistant/) -> how many Chinese-literal raises it may hold, and why.
ALLOWED: dict[str, tuple[int, str]] = {
    # Template errors: they reach whoever edits a prompt YAML file, a developer, not an operator.
    "prompts.py": (7, "prompt template errors, for the prompt's author"),
    # The bundled playbooks missing or unreadable is a broken install, not something a user types.
    "retrieval/playbooks.py": (2, "a broken installation (knowledge/ ships with the project)"),
    # Already bilingual: the Chinese sentence carries its English in parentheses.
    "llm/model.py": (2, "bilingual: '离线模式：… (offline: …)'"),
    "config.py": (1, "bilingual: the endpoint/key refusal has its English in parentheses"),
}


def _chinese_raises(path: Path) -> list[int]:
    """Line numbers of ``raise X(...)``, or of an error built to be raised elsewhere (``SomeError(...)``),
    whose arguments hold a Chinese string literal."""
    lines = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        call = node.exc if isinstance(node, ast.Raise) else node
        if not isinstance(call, ast.Call) or (call is node and not _names_an_error(call)):
            continue
        literals = [n.value for n in ast.walk(call) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
        if any(CJK.search(text) for text in literals):
            lines.add(call.lineno)
    return sorted(lines)


def _names_an_error(call: ast.Call) -> bool:
    name = getattr(call.func, "id", None) or getattr(call.func, "attr", "")
    return name.endswith(("Error", "Exception", "Busy", "Unreachable"))


def test_no_chinese_only_refusal_outside_the_catalogue() -> None:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if lines := _chinese_raises(path):
            found[relative] = lines
    unexpected = {f: lines for f, lines in found.items() if len(lines) > ALLOWED.get(f, (0, ""))[0]}
    assert not unexpected, f"move these refusals to assistant/i18n (t(key, language)): {unexpected}"


def test_the_i18n_python_modules_hold_no_chinese_text() -> None:
    """The Chinese lives in the catalogue files (assistant/i18n/catalog/*.toml), where a translator
    edits it; the loader's modules keep one value, the key of the every-group scope."""
    found = {}
    for path in sorted((PACKAGE / "i18n").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        documented = [node for node in ast.walk(tree) if isinstance(node, (ast.Module, ast.FunctionDef))]
        docstrings = {id(node.body[0].value) for node in documented if ast.get_docstring(node) is not None}
        found |= {f"{path.name}:{node.lineno}": node.value for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str)
                  and CJK.search(node.value) and id(node) not in docstrings}
    assert list(found.values()) == ["全部群"], found


def test_no_chinese_only_message_or_error_argument() -> None:
    """A failure reported as data (``AddResult(message=…)``, a job's ``error=…``) rather than
    raised reaches the screen the same way, so its words live in the catalogue too."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword) and node.arg in ("message", "error"):
                literals = [n.value for n in ast.walk(node.value) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
                if any(CJK.search(text) for text in literals):
                    found[f"{path.relative_to(PACKAGE).as_posix()}:{node.value.lineno}"] = literals
    assert not found, f"move these to assistant/i18n (t(key, language)): {found}"


def test_the_allow_list_is_not_stale() -> None:
    for relative, (count, _why) in ALLOWED.items():
        assert len(_chinese_raises(PACKAGE / relative)) == count, f"update ALLOWED for {relative}"


@pytest.mark.parametrize("args, stdin, expected", [
    (["ask", ""], None, "Write the question"),
    (["ask", "   "], None, "question is empty"),
    (["users", "add", "zhangsan", "--role", "admin", "--password-stdin"], "short\n", "at least 8 characters"),
    (["users", "add", "张 三", "--role", "admin", "--password-stdin"], "long enough 1\n", "account name"),
    (["users", "remove", "nobody"], None, "no account nobody"),
    (["schedule", "add", "--job", "alert_check", "--at", "25:00"], None, "HH:MM"),
    (["schedule", "add", "--job", "alert_check", "--at", "08:00", "--days", "fri-mon"], None, "backwards"),
    (["schedule", "add", "--job", "alert_check", "--at", "08:00", "--days", "someday"], None, "mon…sun"),
    (["schedule", "add", "--job", "alert_check", "--at", "08:00", "--tz", "Mars/Olympus"], None, "Unknown time zone"),
    (["schedule", "run-due", "--now", "tomorrow"], None, "YYYY-MM-DD HH:MM"),
    (["digest", "--date", "2026-13-01"], None, "YYYY-MM-DD"),
    (["digest", "--date", "2026-03-01", "--since", "2026-03-01"], None, "either --date"),
    (["report", "weekly", "--out", "x.txt"], None, "no report format"),
])
def test_cli_refusals_are_english_in_english_mode(monkeypatch, args, stdin, expected) -> None:
    monkeypatch.setenv("ASSISTANT_LANGUAGE", "en")
    result = CliRunner().invoke(cli, args, input=stdin)
    assert result.exit_code == 1, result.output
    assert expected in result.output and "Traceback" not in result.output
    assert not CJK.search(result.output.replace("张 三", "")), result.output


def test_library_refusals_are_english_in_english_mode(tmp_path) -> None:
    from assistant.accounts import Accounts, hash_password
    from assistant.app.answers import checked, named_day
    from assistant.briefing.timetable import check_zone, parse_days, parse_times
    from assistant.reports.exports import format_for

    accounts = Accounts(tmp_path, "en")
    refusals = [
        lambda: checked("", "en"), lambda: checked("x" * 100_000, "en"), lambda: named_day("--02-30", date(2026, 3, 1), "en"),
        lambda: hash_password(" padded password ", "en"), lambda: hash_password("short", "en"),
        lambda: hash_password("长" * 30, "en"), lambda: accounts.add("ok", "boss", "long enough 1"),
        lambda: accounts.add("lisi", "operator", "long enough 1"), lambda: accounts.set_password("nobody", "long enough 1"),
        lambda: parse_times(" ", "en"), lambda: parse_times("8h", "en"), lambda: parse_days("fri-mon", "en"),
        lambda: check_zone("Nowhere/Land", "en"), lambda: format_for("report.pdf", "en"),
    ]
    for refuse in refusals:
        with pytest.raises(InputError) as caught:
            refuse()
        assert not CJK.search(str(caught.value)), str(caught.value)


def test_chinese_refusals_keep_their_wording(tmp_path) -> None:
    from assistant.accounts import hash_password
    from assistant.app.answers import checked

    with pytest.raises(InputError, match="^问题是空的，请输入要问的内容。$"):
        checked("")
    with pytest.raises(InputError, match=r"^密码至少 8 个字符（password must have at least 8 characters）。$"):
        hash_password("short")


def test_chroma_address_refusals_are_english_in_english_mode() -> None:
    from assistant.errors import ConfigError
    from assistant.retrieval.remote import ChromaUnreachable, ServerAddress

    for url in ("ftp://example", "http://127.0.0.1:8000/x"):
        with pytest.raises(ConfigError) as caught:
            ServerAddress.parse(url, "en")
        assert not CJK.search(str(caught.value)), str(caught.value)
    assert not CJK.search(str(ChromaUnreachable("http://127.0.0.1:1", "refused", "en")))
    assert str(ChromaUnreachable("u", "r")).startswith("无法连接 Chroma 服务器 u（r）。")


def test_a_busy_history_file_is_refused_in_the_workspace_language(tmp_path) -> None:
    import subprocess
    import sys

    from assistant.history.database import open_db
    from assistant.history.errors import HistoryBusy

    db = tmp_path / "history.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(db)!r}); "
                               "print('held', flush=True); time.sleep(30)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        for language, words in (("en", "in use by another window"), ("zh", "正在被另一个窗口或命令使用")):
            with pytest.raises(HistoryBusy) as caught:
                open_db(db, wait=0.2, language=language)
            assert words in str(caught.value)
            assert bool(CJK.search(str(caught.value))) == (language == "zh")
    finally:
        holder.kill()
        holder.wait()
