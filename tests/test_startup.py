"""Commands that need no model start without importing the model stack.

``python -m assistant --help`` and the history and analytics commands must start in well under a
second; the structural cause of a slow start is importing openai, langchain or chromadb (seconds
each) where nothing uses them. Each command here runs as its own process with ``-X importtime``
and the modules it loaded are checked (timings on a shared CI machine would be flaky; the figure
itself is measured by ``python -m benchmarks --only cli_speed``).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

MODEL_STACK = ("openai", "langchain_core", "langchain_openai", "chromadb")


def loaded(*args: str) -> set[str]:
    child = subprocess.run([sys.executable, "-X", "importtime", "-m", "assistant", *args], cwd=ROOT,
                           capture_output=True, text=True, timeout=120, check=False)
    assert child.returncode == 0, child.stderr[-2000:]
    return set(re.findall(r"\|\s+(\S+)\s*$", child.stderr, re.M))


@pytest.mark.parametrize("args", [
    ["--help"], ["history", "--help"], ["history", "import", "--help"], ["metrics", "--help"], ["draft", "--help"],
    ["report", "--help"], ["kb", "--help"], ["history", "groups"], ["history", "stats"], ["settings"],
], ids=" ".join)  # fmt: skip
def test_no_model_stack_where_no_model_is_needed(args: list[str]) -> None:
    modules = loaded(*args)
    assert not modules & set(MODEL_STACK), sorted(modules & set(MODEL_STACK))
    assert "pandas" not in modules  # the charts (dashboard, reports) load it; an import does not


def test_an_import_and_the_analytics_load_no_model_stack(tmp_path: Path) -> None:
    chat = tmp_path / "群.txt"
    chat.write_text("2024-06-03 10:00:00 张三\n车厘子几点到？\n\n2024-06-04 10:05:00 李四\n下午三点\n", encoding="utf-8")
    assert not loaded("history", "import", str(chat), "--group", "团购群") & set(MODEL_STACK)
    for command in (["metrics", "--group", "团购群"], ["churn", "--group", "团购群"], ["segments"], ["risks"]):
        assert not loaded(*command) & set(MODEL_STACK), command


def test_an_offline_answer_reads_no_token_encoding_and_no_document_parser() -> None:
    # Counting tokens is for a model's context (a second to read the encoding); parsing PDFs and
    # workbooks is for an upload. A fresh app answering offline does neither.
    modules = loaded("ask", "退群率多少算正常？")
    assert not modules & {"pypdf", "openpyxl"}, sorted(modules & {"pypdf", "openpyxl"})
    child = subprocess.run([sys.executable, "-c", "import sys; from assistant import Assistant, load_settings; "
                            "from assistant.llm import tokens; Assistant.from_settings(load_settings()).ask('退群率多少算正常？'); "
                            "print(tokens.bundled_encoding.cache_info().currsize)"],
                           cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert child.returncode == 0, child.stderr[-2000:]
    assert child.stdout.split()[-1] == "0"
