"""The one text catalogue: every key once, every text in both languages with the same blanks."""

from __future__ import annotations

import string
from collections import Counter

from assistant.i18n import CATALOG, LABELS, PARTS, label, t


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_is_defined_once_across_the_parts() -> None:
    counts = Counter(key for part in PARTS for key in part)
    assert [key for key, n in counts.items() if n > 1] == []
    assert len(CATALOG) == sum(counts.values())


def test_every_text_has_chinese_and_english_with_the_same_blanks() -> None:
    for key, entry in CATALOG.items():
        assert entry.get("zh") and entry.get("en"), key
        assert _fields(entry["zh"]) == _fields(entry["en"]), key


def test_every_label_is_named_in_both_languages() -> None:
    for kind, values in LABELS.items():
        for key, entry in values.items():
            assert set(entry) == {"zh", "en"} and bool(entry["zh"]) == bool(entry["en"]), (kind, key)  # "" = no badge
            assert label(kind, key, "en") == entry["en"]


def test_a_missing_key_shows_itself_and_an_unknown_value_stays_as_it_is() -> None:
    assert t("no.such.key", "en") == "no.such.key"
    assert label("driver", "something_new", "zh") == "something_new"
