"""Every enum-like value the assistant shows, with its label in both languages.

Values such as ``spam_ads``, ``high``, ``wechat`` or ``qr`` are keys: stored, compared and printed
by ``--json``. People read the label. One table a kind, in the catalogue files
(``assistant/i18n/catalog/labels.toml``, and beside their texts in groups, imports and screens.toml),
so the dashboard, the CLI's text output, the reports and the chat captions say the same word; a value
not listed (a platform added later, user data) is shown as it is.
"""

from __future__ import annotations

from .loader import read

ALL_GROUPS = "全部群"  # the scope of every group together: a report's or a metric's group name, never a real group's

# kind → value → {"zh": …, "en": …}, from every catalogue file's [labels.<kind>] tables
LABELS: dict[str, dict[str, dict[str, str]]] = {
    kind: values for document in read().values() for kind, values in document.get("labels", {}).items()}


def group_or_all(group: str | None, language: str = "zh") -> str:
    """A group's name, or "all groups" for ``None`` (the pages' every-group choice)."""
    return label("scope", ALL_GROUPS, language) if group is None else group


def label(kind: str, key: str | None, language: str = "zh") -> str:
    """The label of ``key`` among the values of ``kind``; an unknown value is shown as it is."""
    if key is None:
        return ""
    entry = LABELS.get(kind, {}).get(key)
    if entry is None:
        return key
    return entry.get(language, entry["zh"])


def relabel(kind: str, chinese: str, language: str = "zh") -> str:
    """The label of a value the analytics hand over as its Chinese label (a driver's confidence,
    a content kind) instead of its key."""
    key = next((k for k, entry in LABELS.get(kind, {}).items() if entry["zh"] == chinese), chinese)
    return label(kind, key, language)


def keys(kind: str) -> list[str]:
    """The known values of ``kind`` (for choosers that list them)."""
    return list(LABELS[kind])
