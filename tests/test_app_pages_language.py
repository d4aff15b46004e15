"""Every page in both languages (AppTest over the demo workspace): in English no Chinese text, in
Chinese none of our English labels, outside user data (group, member and message text, the bundled
playbooks' own text). Walks the whole element tree (``tests.support.page_texts``), so a text added
to any page is checked without touching this test; the report and a draft are generated and
checked too, since their text is ours."""

from __future__ import annotations

import re

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from assistant.i18n import CATALOG, LABELS
from tests.conftest import ROOT
from tests.support.page_texts import texts
from tests.test_reports_support import demo_assistant

CJK = re.compile(r"[\u3400-\u9fff]")
PAGES = ("chat", "groups", "drafts", "reports", "alerts", "schedules", "knowledge", "settings")
# Chinese a file must contain, named as it is in English mode: the column headings the batch test
# and the FAQ import read, and the language chooser's own name for Chinese.
LITERAL_CHINESE = ("问题", "答案", "期望出处", "无", "简体中文")


def _english_words() -> set[str]:
    """Words of our English texts that no Chinese text uses (brand and format names appear in both)."""
    entries = [*CATALOG.values(), *(entry for kind in LABELS.values() for entry in kind.values())]
    english = {w.lower() for e in entries for w in re.findall(r"[A-Za-z]{3,}", e.get("en", ""))}
    chinese = {w.lower() for e in entries for w in re.findall(r"[A-Za-z]{3,}", e.get("zh", ""))}
    return english - chinese


def _user_data(assistant) -> list[str]:  # noqa: ANN001 - Assistant
    with duckdb.connect(str(assistant.settings.history_db), read_only=True) as con:
        names = [r[0] for r in con.execute(
            "SELECT DISTINCT sender_name FROM messages WHERE sender_name IS NOT NULL UNION "
            "SELECT DISTINCT name FROM groups UNION SELECT DISTINCT display_name FROM members "
            "WHERE display_name IS NOT NULL").fetchall()]
    return sorted({n for n in names if n}, key=len, reverse=True)


def _page_texts(app: AppTest, user_data: list[str]) -> list[str]:
    found = []
    for text in dict.fromkeys(texts(app._tree)):
        for value in user_data:
            text = text.replace(value, "")
        found.append(text)
    return found


def _walk(monkeypatch: pytest.MonkeyPatch, language: str) -> dict[str, list[str]]:
    monkeypatch.setenv("ASSISTANT_LANGUAGE", language)
    assistant = demo_assistant()
    user_data = _user_data(assistant)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=240)
    app.run()
    shown: dict[str, list[str]] = {}
    for page in PAGES:
        app.switch_page(f"app_pages/{page}.py").run()
        assert not app.exception, (page, app.exception)
        if page == "reports":
            app.button(key="report-generate").click().run()
        if page == "drafts":
            app.get("form_submit_button")[0].click().run()
        assert not app.exception, (page, app.exception)
        shown[page] = _page_texts(app, user_data)
    return shown


def _knowledge_content(text: str) -> bool:
    """The bundled playbooks' own headings and passages, shown as they are (a document, not our UI)."""
    return " › " in text and not text.startswith(("Embedding", "Playbook"))


def test_every_page_in_english_has_no_chinese_ui_text(monkeypatch: pytest.MonkeyPatch) -> None:
    shown = _walk(monkeypatch, "en")
    chinese = {}
    for page, found in shown.items():
        bad = [text for text in found if CJK.search(_strip_literals(text))
               and not (page == "knowledge" and _knowledge_content(text))]
        if bad:
            chinese[page] = bad
    assert not chinese, chinese
    assert any("Exit rate" in text for text in shown["groups"])
    assert any("Week" in text for text in shown["reports"])


def test_every_page_in_chinese_has_none_of_our_english_labels(monkeypatch: pytest.MonkeyPatch) -> None:
    shown = _walk(monkeypatch, "zh")
    ours = _english_words()
    english = {}
    for page, found in shown.items():
        bad = [text for text in found if {w.lower() for w in re.findall(r"[A-Za-z]{3,}", text)} & ours]
        if bad:
            english[page] = bad
    assert not english, english
    assert any("退群率" in text for text in shown["groups"])


def _strip_literals(text: str) -> str:
    for literal in LITERAL_CHINESE:
        text = text.replace(literal, "")
    return text
