"""Accounts in a real browser: an operator cannot open the settings page or change the endpoint, an
admin can; a login survives a reload until sign-out; and a server bound to 0.0.0.0 without accounts
refuses to serve, saying how to add one."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assistant.accounts import ADMIN, OPERATOR, Accounts
from assistant.audit import AuditLog
from tests.conftest import ROOT
from tests.e2e.conftest import _free_port, _wait_healthy

PASSWORD = "correct horse 9"
SAVED = "OPENAI_API_KEY=sk-saved-secret\nOPENAI_BASE_URL=http://127.0.0.1:9/v1\n"


@pytest.fixture
def serve(isolated_env: Path) -> Iterator[Callable[[str], str]]:
    """Start ``streamlit run app.py`` bound to an address; returns the URL to open it on this machine."""
    processes: list[subprocess.Popen] = []

    def start(address: str) -> str:
        port = _free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "ASSISTANT_"))}
        env |= {"ASSISTANT_DATA_DIR": str(isolated_env / "data"), "PYTHONPATH": str(ROOT)}
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
             "--server.address", address, "--server.headless", "true", "--browser.gatherUsageStats", "false",
             "--browser.serverAddress", "127.0.0.1"],
            cwd=isolated_env, env=env, stdout=(isolated_env / "streamlit.log").open("w"), stderr=subprocess.STDOUT,
        )
        processes.append(process)
        url = f"http://127.0.0.1:{port}"
        _wait_healthy(url, process)
        return url

    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture
def accounts(isolated_env: Path) -> Accounts:
    store = Accounts(isolated_env / "data")
    store.add("zhangsan", ADMIN, PASSWORD)
    store.add("lisi", OPERATOR, PASSWORD)
    (isolated_env / ".env").write_text(SAVED)
    return store


def log_in(page, url: str, name: str, path: str = "") -> None:
    page.goto(f"{url}/{path}")
    page.get_by_label("账号").first.wait_for()  # a rerun can briefly show the old form beside the new
    settle(page)  # on a busy machine the sign-in click was lost this way (a fresh session's first runs)
    page.get_by_label("账号").fill(name)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录", exact=True).click()
    page.get_by_text(f"已登录：{name}").wait_for()
    page.wait_for_function("() => document.cookie.includes('qun_assistant_')")  # remembered across reloads


def settle(page) -> None:
    """Let the first runs of a new session finish, as a person's first click would (a click in the
    same instant as the cookie component's first answer can be lost in Streamlit)."""
    page.wait_for_timeout(2_000)


def nav(page) -> list[str]:
    page.get_by_role("link", name="对话").first.wait_for()
    return [link.inner_text().strip().split("\n")[-1] for link in page.locator("[data-testid='stSidebarNav'] a").all()]


def test_an_operator_cannot_open_settings_or_change_the_endpoint_and_an_admin_can(
    browser, serve, accounts, isolated_env
) -> None:
    url = serve("127.0.0.1")
    operator = browser.new_context(locale="zh-CN").new_page()
    operator.set_default_timeout(60_000)
    log_in(operator, url, "lisi")
    assert "设置" not in nav(operator) and "知识库" in nav(operator)
    operator.goto(f"{url}/settings")  # typed by hand: the address exists, the page refuses
    operator.get_by_text("已登录：lisi").wait_for()
    operator.get_by_text("设置页只对管理员开放").wait_for()
    assert operator.get_by_label("OPENAI_BASE_URL").count() == 0
    assert operator.get_by_role("button", name="保存设置").count() == 0
    assert (isolated_env / ".env").read_text() == SAVED

    admin = browser.new_context(locale="zh-CN").new_page()
    admin.set_default_timeout(60_000)
    log_in(admin, url, "zhangsan")
    assert "设置" in nav(admin)
    admin.get_by_role("link", name="设置").click()
    base_url = admin.get_by_role("textbox", name="OPENAI_BASE_URL")
    base_url.wait_for()
    assert admin.get_by_role("textbox", name="OPENAI_API_KEY").input_value() == ""
    assert "sk-saved-secret" not in admin.content()
    base_url.fill("http://127.0.0.1:10/v1")
    admin.get_by_role("button", name="保存设置").click()
    admin.get_by_text("重新输入 OPENAI_API_KEY").first.wait_for()
    assert (isolated_env / ".env").read_text() == SAVED
    admin.get_by_role("textbox", name="OPENAI_API_KEY").fill("sk-typed-again")
    admin.get_by_role("textbox", name="OPENAI_BASE_URL").fill("http://127.0.0.1:10/v1")
    admin.get_by_role("button", name="保存设置").click()
    admin.locator("td[role=gridcell]", has_text="修改设置").first.wait_for(state="attached")  # the audit log, newest first
    saved = (isolated_env / ".env").read_text()
    assert "127.0.0.1:10/v1" in saved and "sk-typed-again" in saved
    actions = [(e.actor, e.action) for e in AuditLog(isolated_env / "data").recent()]
    assert actions[0] == ("zhangsan", "settings.change") and ("lisi", "login") in actions
    admin.screenshot(path=str(ROOT / "test-artifacts" / "e2e" / "admin-settings.png"), full_page=True)


def test_a_login_survives_a_reload_until_sign_out(page, serve, accounts) -> None:
    url = serve("127.0.0.1")
    log_in(page, url, "lisi")
    page.reload()
    page.get_by_text("已登录：lisi").wait_for()  # the signed cookie brought the session back
    settle(page)
    page.get_by_role("button", name="退出登录").click()
    page.get_by_label("账号").first.wait_for()  # a rerun can briefly show the old form beside the new
    page.wait_for_timeout(1_000)
    page.reload()
    page.get_by_label("账号").first.wait_for()  # a rerun can briefly show the old form beside the new
    assert page.get_by_text("已登录：").count() == 0


def test_bound_to_every_interface_without_accounts_the_app_refuses_with_the_how_to(page, serve) -> None:
    url = serve("0.0.0.0")
    page.goto(url)
    page.get_by_text("拒绝提供服务").wait_for()
    assert page.get_by_text(re.compile(r"python -m assistant users add .+ --role admin")).count() >= 1
    assert page.get_by_role("link", name="对话").count() == 0 and page.get_by_label("账号").count() == 0
