"""Every page in both languages at desktop width and at a phone's 390 px, screenshotted into
``test-artifacts/e2e/screens/`` for a person to look at; at 390 px nothing may push the page
wider than the screen."""

from __future__ import annotations

import re

from tests.conftest import ROOT
from tests.e2e.test_e2e_app import open_with_demo

SCREENS = ROOT / "test-artifacts" / "e2e" / "screens"
PAGES = ("chat", "groups", "drafts", "reports", "alerts", "schedules", "knowledge", "settings")
# Tall viewports: Streamlit scrolls inside its own container, so a screenshot shows one viewport.
WIDTHS = {"desktop": (1280, 2200), "phone": (390, 3200)}


def _shoot(browser, url: str, language: str) -> list[str]:
    too_wide = []
    for name, (width, height) in WIDTHS.items():
        context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
        tab = context.new_page()
        tab.set_default_timeout(90_000)
        for address in PAGES:
            tab.goto(f"{url}/{address}")
            tab.get_by_role("link", name=re.compile("对话|Chat")).first.wait_for()
            tab.wait_for_timeout(800)
            tab.locator("[data-testid='stStatusWidget']").wait_for(state="hidden")
            if address == "groups":
                tab.get_by_text(re.compile("退群原因分析|Why members left")).wait_for()
                tab.wait_for_function("document.querySelectorAll('[data-testid=stSkeleton]').length === 0")
                tab.wait_for_timeout(2000)  # the charts draw after the data
            tab.screenshot(path=str(SCREENS / f"{address}-{language}-{name}.png"), full_page=True)
            scroll = tab.evaluate("document.documentElement.scrollWidth")
            if scroll > width + 1:
                too_wide.append(f"{address}-{language}-{name}: {scroll}px")
        context.close()
    return too_wide


def test_every_page_in_both_languages_at_desktop_and_phone_width(page, browser, app_server, isolated_env) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    open_with_demo(page, app_server)
    too_wide = _shoot(browser, app_server, "zh")
    (isolated_env / ".env").write_text("ASSISTANT_LANGUAGE=en\n", encoding="utf-8")
    too_wide += _shoot(browser, app_server, "en")
    assert not too_wide, too_wide
    assert len(list(SCREENS.glob("*.png"))) >= 2 * len(PAGES) * len(WIDTHS)
