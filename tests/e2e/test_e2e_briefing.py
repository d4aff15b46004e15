"""The 日报 view and the alert badge in a real browser, at desktop width and on a 390 px phone.

Screenshots: test-artifacts/e2e/digest-desktop.png and digest-phone.png (looked at by hand too).
"""

from __future__ import annotations

import re

import pytest

from assistant.briefing.rules import RuleDraft
from tests.briefing.support import PASTED
from tests.e2e.conftest import ARTIFACTS
from tests.support.demo_workspace import CALM, demo_assistant


@pytest.fixture
def briefing_workspace(isolated_env):  # noqa: ANN001, ANN201 - set up before the server starts
    assistant = demo_assistant()
    assistant.briefing.alerts.add_rule(RuleDraft("", "intent", "refund"))
    assistant.history.import_text(PASTED, group=CALM)
    return assistant


def _digest(page, url: str) -> None:  # noqa: ANN001
    page.goto(f"{url}/groups")
    page.get_by_role("tab", name="日报").click()
    page.get_by_role("button", name="生成日报").click()
    page.get_by_text("各群一览").first.wait_for(timeout=120_000)
    page.get_by_text("今日话题").first.wait_for()


@pytest.mark.parametrize("width, height, name", [(1280, 1000, "desktop"), (390, 844, "phone")])
def test_digest_view_and_badge(browser, briefing_workspace, app_server, width: int, height: int, name: str) -> None:  # noqa: ANN001
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN",
                                  is_mobile=width < 500, has_touch=width < 500)
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        _digest(page, app_server)
        if width >= 500:  # the sidebar is open on a desktop: the badge counts new alerts
            page.get_by_role("link", name=re.compile(r"提醒 · \d+")).wait_for()
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 2, f"the page scrolls sideways by {overflow}px at {width}px"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"digest-{name}.png"), full_page=True)
        page.get_by_role("button", name="上下文").first.click()
        page.get_by_text(re.compile("被引用的消息前后各")).first.wait_for()
        page.screenshot(path=str(ARTIFACTS / f"digest-{name}-context.png"))
    finally:
        context.close()
