"""UI text in Simplified Chinese (default) and English, chosen by ``ASSISTANT_LANGUAGE``.

One catalogue for every skin (pages, CLI text output, reports, chat captions, the briefing):
:func:`t` looks a sentence up by key, :func:`label` names an enum-like value (drivers, platforms,
confidence, join sources, jobs…). The texts themselves are data, in ``assistant/i18n/catalog/*.toml``
(read by :mod:`.loader`, which documents their layout); they are split by screen only to keep files
readable, and keys are unique across them (a test checks). A missing key falls back to Chinese, then
to the key itself, so a gap shows up as visible text.
"""

from __future__ import annotations

from . import loader
from .labels import ALL_GROUPS, LABELS, group_or_all, keys, label, relabel

PARTS = tuple(loader.texts(loader.read()[name]) for name in loader.FILES)  # each file's texts
CATALOG: dict[str, dict[str, str]] = {key: entry for part in PARTS for key, entry in part.items()}
_SCREENS = loader.read()["screens"]
EXAMPLES: dict[str, list[str]] = _SCREENS["examples"]  # the welcome page's example questions
EXPORTERS: dict[str, list[tuple[str, str, str, str]]] = {  # its exporter guide: (platform, tool, files, note)
    language: [tuple(row) for row in rows] for language, rows in _SCREENS["exporters"].items()}
LANGUAGES = ("zh", "en")

__all__ = ["ALL_GROUPS", "CATALOG", "EXAMPLES", "EXPORTERS", "LABELS", "LANGUAGES", "colon", "group_or_all", "keys", "label", "relabel",
           "t"]


def t(key: str, language: str = "zh", **values: object) -> str:
    """The text for ``key`` in ``language``, formatted with ``values``."""
    entry = CATALOG.get(key, {})
    text = entry.get(language) or entry.get("zh") or key
    return text.format(**values) if values else text


def colon(language: str) -> str:
    """The colon that joins a caption to its value: full-width in Chinese, ``": "`` in English."""
    return "：" if language == "zh" else ": "
