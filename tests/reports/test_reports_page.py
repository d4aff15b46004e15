"""The reports page (周报) through AppTest: generate, preview and the four download buttons.

The page runs on its own here; the navigation test starts once app.py lists the page.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tests.support.demo_workspace import SPAM, demo_assistant

APP, PAGE = ROOT / "app.py", ROOT / "app_pages" / "reports.py"


def _generate(app: AppTest, group: str) -> AppTest:
    app.selectbox(key="report-group").set_value(group).run()
    app.button(key="report-generate").click().run()
    assert not app.exception, app.exception
    return app


def test_page_generates_previews_and_offers_four_downloads() -> None:
    demo_assistant()
    app = AppTest.from_file(str(PAGE), default_timeout=120)
    app.run()
    assert not app.exception, app.exception
    assert app.title[0].value == "周报" and app.selectbox(key="report-group").options[0] == "全部群"
    _generate(app, SPAM)
    preview = "".join(m.value for m in app.markdown)
    assert f"{SPAM} 运营周报" in preview and "广告刷屏" in preview and "收紧入群验证" in preview
    assert len(app.get("vega_lite_chart")) == 4  # the report's charts in the preview
    labels = [b.label for b in app.get("download_button")]
    assert labels == ["下载 Markdown", "下载 HTML", "下载 Excel", "下载 Word"]


def test_page_without_data_says_what_to_do() -> None:
    app = AppTest.from_file(str(PAGE), default_timeout=60)
    app.run()
    assert not app.exception, app.exception
    assert any("demo" in info.value for info in app.info)


@pytest.mark.skipif("reports.py" not in APP.read_text(encoding="utf-8"), reason="reports page not in app.py yet")
def test_page_is_reachable_from_the_navigation() -> None:
    demo_assistant()
    app = AppTest.from_file(str(APP), default_timeout=120)
    app.run()
    app.switch_page("app_pages/reports.py").run()
    assert not app.exception, app.exception
    assert _generate(app, SPAM).get("download_button")
