"""Every page in both languages at desktop width and at a phone's 390 px, screenshotted into
``test-artifacts/e2e/screens/`` for a person to look at; at 390 px nothing may push the page
wider than the screen; and in English no page shows Chinese UI text (outside the demo's group,
member and message names and the bundled playbooks' own text)."""

from __future__ import annotations

import re


from tests.conftest import ROOT
from tests.e2e.test_e2e_app import open_demo
from tests.support.page_texts import user_data
from tests.support.demo_workspace import template_settings

SCREENS = ROOT / "test-artifacts" / "e2e" / "screens"
PAGES = ("chat", "groups", "drafts", "reports", "alerts", "schedules", "knowledge", "settings")
# Tall viewports: Streamlit scrolls inside its own container, so a screenshot shows one viewport.
WIDTHS = {"desktop": (1280, 2200), "phone": (390, 3200)}
CJK = re.compile(r"[\u3400-\u9fff]")
# The UI's own text: navigation, headings, labels, buttons, tabs, expanders, captions, alerts, metric
# labels, the uploader's text and markdown outside the knowledge page's document viewer.
UI_TEXT = """() => {
  const selectors = ["[data-testid=stSidebarNav] a", "h1", "h2", "h3", "[data-testid=stWidgetLabel]", "button",
    "[role=tab]", "summary", "[data-testid=stCaptionContainer]", "[data-testid=stAlert]", "[data-testid=stMetricLabel]",
    "[data-testid=stFileUploaderDropzoneInstructions]", "[data-testid=stMarkdownContainer]", "[data-baseweb=select]",
    "input[placeholder]", "textarea[placeholder]"];
  const found = [];
  for (const node of document.querySelectorAll(selectors.join(","))) {
    if (node.closest("[data-testid=stExpanderDetails]") && location.pathname.endsWith("/knowledge")) continue;
    const text = node.placeholder || node.innerText || "";
    if (text.trim()) found.push(text.trim());
  }
  return found;
}"""
# Chinese a file must contain, named as it is (column headings the batch test and FAQ import read),
# and the language chooser's own name for Chinese.
LITERAL_CHINESE = ("问题", "答案", "期望出处", "无", "简体中文")


def _user_data() -> list[str]:
    """The demo's names (the same generator the app's demo button runs)."""
    return user_data(template_settings().history_db)


def _chinese_ui(tab, user_data: list[str]) -> list[str]:
    found = []
    for text in dict.fromkeys(tab.evaluate(UI_TEXT)):
        cleaned = text
        for value in (*user_data, *LITERAL_CHINESE):
            cleaned = cleaned.replace(value, "")
        if CJK.search(cleaned) and " › " not in cleaned:  # a playbook's heading path is its own text
            found.append(text[:160])
    return found


def _shoot(browser, url: str, language: str, user_data: list[str]) -> tuple[list[str], dict[str, list[str]]]:
    too_wide, chinese = [], {}
    for name, (width, height) in WIDTHS.items():
        context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
        tab = context.new_page()
        tab.set_default_timeout(90_000)
        for address in PAGES:
            tab.goto(f"{url}/{address}" if address != "chat" else url)  # the default page lives at /, not /chat
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
            if name == "desktop":
                chinese[address] = _chinese_ui(tab, user_data)
        context.close()
    return too_wide, chinese


def test_every_page_in_both_languages_at_desktop_and_phone_width(page, browser, demo_workspace, app_server, isolated_env) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    user_data = _user_data()
    open_demo(page, app_server)
    too_wide, in_chinese = _shoot(browser, app_server, "zh", user_data)
    (isolated_env / ".env").write_text("ASSISTANT_LANGUAGE=en\n", encoding="utf-8")
    wide, in_english = _shoot(browser, app_server, "en", user_data)
    assert not too_wide + wide, too_wide + wide
    assert all(in_chinese.values()), in_chinese  # the collector sees the UI (in Chinese it finds Chinese)
    assert not any(in_english.values()), in_english  # every page in English has no Chinese UI text
    assert len(list(SCREENS.glob("*.png"))) >= 2 * len(PAGES) * len(WIDTHS)
