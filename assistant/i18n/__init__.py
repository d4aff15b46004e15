"""UI text in Simplified Chinese (default) and English, chosen by ``ASSISTANT_LANGUAGE``.

One catalogue for every skin (pages, CLI text output, reports, chat captions, the briefing):
:func:`t` looks a sentence up by key, :func:`label` names an enum-like value (drivers, platforms,
confidence, join sources, jobs…). The texts are split by screen only to keep files readable; keys
are unique across them (a test checks). A missing key falls back to Chinese, then to the key
itself, so a gap shows up as visible text.
"""

from __future__ import annotations

from . import (briefing, chats, cli, drivers, errors, groups, importers, imports, numbers, pages, refusals, report, screens,
               tools, ui, workspace)
from .labels import ALL_GROUPS, LABELS, group_or_all, keys, label
from .screens import EXAMPLES, EXPORTERS  # the welcome page's example questions and exporter guide

PARTS = (ui.TEXTS, briefing.TEXTS, pages.TEXTS, chats.TEXTS, groups.TEXTS, screens.TEXTS, report.TEXTS, drivers.TEXTS,
         tools.TEXTS, errors.TEXTS, numbers.TEXTS, imports.TEXTS, importers.TEXTS, cli.TEXTS,
         workspace.TEXTS, refusals.TEXTS)
CATALOG: dict[str, dict[str, str]] = {key: entry for part in PARTS for key, entry in part.items()}
LANGUAGES = ("zh", "en")

__all__ = ["ALL_GROUPS", "CATALOG", "EXAMPLES", "EXPORTERS", "LABELS", "LANGUAGES", "colon", "group_or_all", "keys", "label", "t"]


def t(key: str, language: str = "zh", **values: object) -> str:
    """The text for ``key`` in ``language``, formatted with ``values``."""
    entry = CATALOG.get(key, {})
    text = entry.get(language) or entry.get("zh") or key
    return text.format(**values) if values else text


def colon(language: str) -> str:
    """The colon that joins a caption to its value: full-width in Chinese, ``": "`` in English."""
    return "：" if language == "zh" else ": "
