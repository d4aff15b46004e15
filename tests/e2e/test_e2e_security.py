"""Hostile content in a real browser: an imported message with an image, a link and an address is
quoted as text (the browser never asks evil.example for anything), and an upload with a path for
a name lands inside the workspace."""

from __future__ import annotations

import re

from tests.conftest import ROOT
from tests.e2e.test_e2e_app import ask, open_app

TELEGRAM = ROOT / "tests" / "history" / "fixtures" / "telegram" / "result.json"
HOSTILE_CHAT = ("张三 2024/6/1 20:15\n有人问过开发票吗？![x](http://evil.example/p.png) "
                "[领红包](http://evil.example/r) www.evil.example <img src=http://evil.example/i.png>\n")


def test_an_image_in_an_imported_message_is_never_fetched(page, app_server) -> None:
    asked_evil: list[str] = []
    page.on("request", lambda request: asked_evil.append(request.url) if "evil.example" in request.url else None)
    open_app(page, app_server, "groups")
    page.get_by_role("tab", name="导入与群列表").click()
    page.get_by_role("tab", name="粘贴聊天记录").click()
    page.get_by_label("从聊天窗口复制的消息").fill(HOSTILE_CHAT)
    page.get_by_label("从聊天窗口复制的消息").press("Control+Enter")  # a text area commits on blur or Ctrl+Enter
    page.get_by_label("这些消息属于哪个群").fill("幸福里1群")
    page.get_by_label("这些消息属于哪个群").press("Enter")
    button = page.get_by_role("button", name="导入粘贴的内容")
    page.wait_for_function("b => !b.disabled", arg=button.element_handle(), timeout=60_000)
    button.click()
    page.get_by_text("导入报告").wait_for(timeout=120_000)
    page.get_by_role("link", name="对话").click()
    ask(page, "有人问过开发票吗？")
    page.get_by_text(re.compile("证据消息 \\(")).first.wait_for(timeout=120_000)
    page.get_by_text("evil.example").first.wait_for()  # quoted, as text
    assert page.locator("img[src*='evil']").count() == 0
    links = page.locator("a[href*='evil']")
    assert links.count() == 0, [links.nth(i).evaluate("a => a.href + ' IN ' + a.parentElement.outerHTML.slice(0, 400)")
                                for i in range(links.count())]
    assert not asked_evil, asked_evil


def test_an_upload_named_with_a_path_stays_inside_the_workspace(page, app_server, isolated_env) -> None:
    open_app(page, app_server, "groups")
    page.get_by_role("tab", name="导入与群列表").click()
    page.locator("input[type=file]").first.set_input_files(
        [{"name": "../../../x.json", "mimeType": "application/json", "buffer": TELEGRAM.read_bytes()}])
    start = page.get_by_role("button", name="开始导入")
    page.wait_for_function("b => !b.disabled", arg=start.element_handle(), timeout=60_000)
    start.click()
    page.get_by_text("导入报告").wait_for(timeout=120_000)
    assert not list(isolated_env.parent.rglob("x.json"))
    uploads = isolated_env / "data" / "uploads"
    assert [p.suffix for p in uploads.iterdir() if not p.name.startswith(".")] == [".json"]
