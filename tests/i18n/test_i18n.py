"""The one text catalogue: every key once, every text in both languages with the same blanks."""

from __future__ import annotations

import string
from collections import Counter
from importlib import resources

from assistant.i18n import ALL_GROUPS, CATALOG, EXPORTERS, LABELS, PARTS, label, loader, t


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_is_defined_once_across_the_parts() -> None:
    counts = Counter(key for part in PARTS for key in part)
    assert [key for key, n in counts.items() if n > 1] == []
    assert len(CATALOG) == sum(counts.values())


def test_every_label_kind_is_defined_once_across_the_files() -> None:
    counts = Counter(kind for document in loader.read().values() for kind in document.get("labels", {}))
    assert [kind for kind, n in counts.items() if n > 1] == []
    assert ALL_GROUPS in LABELS["scope"]  # the Python constant and the catalogue's key agree


def test_a_file_holds_texts_labels_and_nothing_else() -> None:
    for name, document in loader.read().items():
        for key, entry in loader.texts(document).items():
            assert list(entry) == ["zh", "en"] and all(isinstance(text, str) for text in entry.values()), (name, key)
        assert {"examples", "exporters"}.isdisjoint(document) or name == "screens", name
    assert {len(row) for rows in EXPORTERS.values() for row in rows} == {4}


def test_the_cached_catalogue_is_the_files_as_they_are() -> None:
    # read through importlib.resources, as a zipped install does, the files say the same as the cache
    assert loader.read() == loader._parse(resources.files("assistant.i18n") / "catalog")


def test_a_stale_or_damaged_cache_is_parsed_again(tmp_path) -> None:
    cache, parsed = tmp_path / "__pycache__" / "catalog.marshal", {"ui": {"k": {"zh": "字", "en": "word"}}}
    loader._keep(cache, (1, ("ui", 10, 20)), parsed)
    assert loader._cached(cache, (1, ("ui", 10, 20))) == parsed
    assert loader._cached(cache, (1, ("ui", 11, 20))) is None  # the file changed since
    cache.write_bytes(b"\x00damaged")
    assert loader._cached(cache, (1, ("ui", 10, 20))) is None
    assert loader._cached(tmp_path / "missing", ()) is None


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
