"""The dashboard in both languages (AppTest, demo workspace): no text of the other language
outside user data (group, member and message text), labels instead of raw ids."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tests.test_reports_support import demo_assistant

CJK = re.compile(r"[\u3400-\u9fff]")


def _dashboard(monkeypatch: pytest.MonkeyPatch, language: str) -> tuple[AppTest, list[str]]:
    monkeypatch.setenv("ASSISTANT_LANGUAGE", language)
    assistant = demo_assistant()
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    app.run()
    app.switch_page("app_pages/groups.py").run()
    assert not app.exception, app.exception
    user_data = sorted(assistant.analytics.group_names() + list(assistant.analytics.owners()), key=len, reverse=True)
    board = app.tabs[0]
    texts = [e.value for kind in ("subheader", "caption", "markdown", "info", "warning", "success") for e in board.get(kind)]
    texts += [m.label for m in board.get("metric")] + [s.label for s in board.get("selectbox")]
    texts += [s.label for s in board.get("radio")] + [o for r in board.get("radio") for o in r.options]
    texts += [str(c) for d in board.get("arrow_data_frame") for c in d.value.columns]
    cleaned = []
    for text in texts:
        for name in user_data:
            text = text.replace(name, "")
        cleaned.append(text)
    return app, cleaned


def test_the_dashboard_in_english_has_no_chinese_ui_text(monkeypatch: pytest.MonkeyPatch) -> None:
    app, texts = _dashboard(monkeypatch, "en")
    assert app.title[0].value == "Groups"
    chinese = [text for text in texts if CJK.search(text)]
    assert not chinese, chinese
    joined = " ".join(texts)
    assert "Exit rate" in joined and "%" in joined and "spam_ads" not in joined and "low_quality_influx" not in joined


def test_the_dashboard_in_chinese_shows_labels_not_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    app, texts = _dashboard(monkeypatch, "zh")
    joined = " ".join(texts)
    assert "退群率" in joined and "可信度 high" not in joined and "spam_ads" not in joined
    assert "Exit rate" not in joined and "Members" not in joined
    weeks = app.selectbox(key="dash-week").options
    assert any("进行中" in w for w in weeks)  # the unfinished week is offered, and marked
    counts = [m for m in app.tabs[0].get("metric") if m.delta and "%" not in m.delta and "¥" not in m.delta]
    assert counts and not any(m.delta.endswith(".0") for m in counts)  # whole numbers without ".0"
