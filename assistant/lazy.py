"""On-demand public names for the packages (PEP 562 ``__getattr__``).

A package's ``__init__`` lists what it offers and where each name lives; the module is imported when
the name is first read. Importing one small part of a package (a CLI command's module, an importer)
then costs only that part: the LLM client, the vector store and pandas load when something uses
them, which keeps ``python -m assistant --help`` and the commands that need no model under a second.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any


def public(package: str, where: dict[str, str]) -> tuple[Callable[[str], Any], list[str]]:
    """``(__getattr__, __all__)`` for ``package``: ``where`` maps each name to its module (``.facade``),
    to a module and the name it has there (``.drafts:JOBS``) when the public name differs, or, with
    nothing after the colon (``.reports.charts:``), to the module itself: a namespace of helpers."""
    namespace = import_module(package).__dict__

    def __getattr__(name: str) -> Any:  # noqa: N807 - the module hook's own name
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module, colon, original = where[name].partition(":")
        found = import_module(module, package)
        value = found if colon and not original else getattr(found, original or name)
        namespace[name] = value
        return value

    return __getattr__, sorted(where)


def names(module: str, *offered: str) -> dict[str, str]:
    """``where`` entries for several names that keep their own name in one ``module``."""
    return dict.fromkeys(offered, module)
