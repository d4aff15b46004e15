"""The app in a real browser: what a new user does in the first five minutes."""

from __future__ import annotations

import re

from tests.conftest import ROOT

FIXTURE = ROOT / "tests" / "history" / "fixtures" / "memotrace" / "幸福里团购1群_utf8.csv"


def open_app(page, url: str, path: str = "") -> None:
    page.goto(f"{url}/{path}")
    page.get_by_role("link", name=re.compile("对话|Chat")).first.wait_for()


def open_with_demo(page, url: str) -> None:
    """Open the app on an empty workspace and load the demo from the welcome screen."""
    open_app(page, url)
    page.get_by_role("button", name="加载示例数据").click()
    page.get_by_text("退群原因分析").wait_for(timeout=120_000)


def open_demo(page, url: str) -> None:
    """Open the groups page of a workspace that holds the demo (fixture ``demo_workspace``)."""
    open_app(page, url, "groups")
    page.get_by_text("退群原因分析").wait_for(timeout=120_000)


def ask(page, question: str) -> None:
    box = page.get_by_placeholder(re.compile("问一个运营问题|Ask an operations question"))
    box.fill(question)
    box.press("Enter")


def test_ask_a_question_and_see_the_answer_with_sources(page, app_server) -> None:
    open_app(page, app_server)
    page.get_by_text("欢迎使用群运营助手").wait_for()
    ask(page, "退群率多少算正常？")
    page.get_by_text("来源 (").first.wait_for()
    assert page.get_by_text("离线模式").first.is_visible()
    page.get_by_text("来源 (").first.click()
    page.get_by_text("knowledge/05-metrics.md").first.wait_for()


def test_load_demo_then_the_dashboard_and_churn_explainer(page, app_server) -> None:
    open_with_demo(page, app_server)
    page.get_by_text("数据看板").first.wait_for()
    # All groups together: the spam wave and the campaign cohort are named.
    page.get_by_text("广告刷屏").first.wait_for()
    page.get_by_text("低质量拉新").first.wait_for()
    page.get_by_text(re.compile("标 \\* 的周期.*还没有结束")).first.wait_for()  # the unfinished week is marked
    assert page.get_by_text("spam_ads").count() == 0 and page.get_by_text("退群率").count() > 0
    page.get_by_text("退群").first.wait_for()


def test_chat_explains_why_exits_rose_with_evidence(page, demo_workspace, app_server) -> None:
    open_demo(page, app_server)
    page.get_by_role("link", name="对话").click()
    ask(page, "为什么上周退群率上升了?")
    page.get_by_text("证据消息 (").first.wait_for(timeout=120_000)
    assert page.get_by_text("广告刷屏").first.is_visible() and page.get_by_text("spam_ads").count() == 0


def test_upload_a_chat_export_and_see_the_group_appear(page, app_server) -> None:
    open_app(page, app_server, "groups")
    page.get_by_role("tab", name="导入与群列表").click()
    page.locator("input[type=file]").first.set_input_files(str(FIXTURE))
    start = page.get_by_role("button", name="开始导入")
    page.wait_for_function("b => !b.disabled", arg=start.element_handle(), timeout=60_000)
    start.click()
    page.get_by_text("导入报告").wait_for(timeout=120_000)
    page.get_by_role("tab", name="数据看板").click()
    page.get_by_text(re.compile("幸福里团购1群 · \\d{4}-W\\d{2}")).wait_for(timeout=60_000)
    page.get_by_text("退群原因分析").wait_for()


def test_switch_the_interface_to_english(page, app_server) -> None:
    open_app(page, app_server, "settings")
    page.get_by_text("ASSISTANT_LANGUAGE").wait_for()
    page.get_by_label("ASSISTANT_LANGUAGE").click()
    page.get_by_role("option", name="English").click()
    page.get_by_role("button", name="保存设置").click()
    page.get_by_role("link", name="Chat").wait_for(timeout=60_000)
    page.get_by_role("link", name="Chat").click()
    page.get_by_placeholder(re.compile("Ask an operations question")).wait_for()


def test_phone_width_still_shows_the_chat(browser, app_server) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    tab = context.new_page()
    tab.goto(app_server)
    tab.get_by_placeholder(re.compile("问一个运营问题")).wait_for(timeout=60_000)
    ask(tab, "接龙怎么组织")
    tab.get_by_text("来源 (").first.wait_for(timeout=60_000)
    tab.screenshot(path=str(ROOT / "test-artifacts" / "e2e" / "phone-width.png"), full_page=True)
    context.close()


def test_generate_the_weekly_report_and_download_it(page, demo_workspace, app_server, tmp_path) -> None:
    open_demo(page, app_server)
    page.get_by_role("link", name="周报").click()
    page.get_by_role("button", name="生成周报").click()
    page.get_by_text("下周行动").first.wait_for(timeout=120_000)
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile("下载 .*HTML")).click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    html = saved.read_text(encoding="utf-8")
    assert "<svg" in html and "<script" not in html and "周报" in html


def test_a_cited_message_opens_its_conversation_and_a_topic_becomes_an_faq(page, app_server) -> None:
    # Through the welcome button, as a new user does: with the demo installed before the server
    # started, the FAQ step outlasted its 120 s wait twice in whole-suite runs (passing alone).
    open_with_demo(page, app_server)
    page.get_by_role("link", name="对话").click()
    ask(page, "有人问过开发票吗？")
    page.get_by_text("证据消息 (").first.wait_for(timeout=120_000)
    page.get_by_text("证据消息 (").first.click()
    page.get_by_role("button", name="上下文").first.click()
    page.get_by_text(re.compile("前后各 8 条")).wait_for(timeout=60_000)
    assert page.get_by_role("button", name="收起").first.is_visible()
    page.get_by_role("link", name="群数据").click()
    page.get_by_role("tab", name="话题与常见问题").click()
    page.get_by_role("button", name="分析话题").click()
    page.get_by_text(re.compile("个话题，其中")).wait_for(timeout=120_000)
    page.get_by_text(re.compile("发票.*✗ 手册还没有答案")).first.wait_for()
    # The button of this topic, in its own expander (opened only if closed: the first three start
    # open, and a click on an open one's title would close it).
    topic = page.locator("[data-testid=stExpander]").filter(has_text=re.compile("配送/周末|周末/配送")).first
    faq = topic.get_by_role("button", name="生成 FAQ 加入知识库")
    if not faq.is_visible():
        topic.locator("summary").first.click()
    faq.click()
    page.get_by_text(re.compile("已加入知识库")).wait_for(timeout=120_000)
