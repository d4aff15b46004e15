"""House rules that keep the shape: the library never imports the UI, and each dependency
is imported only by the package that owns it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

LIBRARY = ROOT / "assistant"
OWNERS = {"streamlit": None, "streamlit_authenticator": None, "openai": "llm", "langchain_openai": "llm", "chromadb": "retrieval"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", sorted(LIBRARY.rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_dependencies_are_imported_only_by_their_owner(path: Path) -> None:
    package = path.relative_to(LIBRARY).parts[0]
    for module in _imports(path) & OWNERS.keys():
        assert OWNERS[module] == package, f"{path.relative_to(ROOT)} imports {module}"


@pytest.mark.parametrize("path", sorted(LIBRARY.rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_module_says_why_it_exists(path: Path) -> None:
    assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))), path


def test_only_config_reads_the_environment() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in LIBRARY.rglob("*.py")
        if p.name != "config.py" and ("os.environ" in p.read_text() or "getenv" in p.read_text())
    ]
    assert offenders == []
