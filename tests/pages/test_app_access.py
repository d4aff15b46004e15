"""Accounts in the app through AppTest: the login gate, the refusal on a non-loopback address,
what an operator may not do, and what an admin sees (never the key; the audit log)."""

from __future__ import annotations

import bcrypt
import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from assistant.accounts import ADMIN, OPERATOR, Accounts
from assistant.audit import AuditLog
from tests.conftest import ROOT

APP = str(ROOT / "app.py")
PASSWORD = "correct horse 9"


@pytest.fixture
def accounts(isolated_env, monkeypatch: pytest.MonkeyPatch) -> Accounts:
    # The cheapest bcrypt cost for these accounts (their logins check it too): the product's cost
    # is tests/test_accounts.py's business; here it would only spend a second of CPU a test.
    salt = bcrypt.gensalt
    monkeypatch.setattr(bcrypt, "gensalt", lambda rounds=12, prefix=b"2b": salt(4, prefix))
    store = Accounts(isolated_env / "data")
    store.add("zhangsan", ADMIN, PASSWORD)
    store.add("lisi", OPERATOR, PASSWORD)
    return store


def run() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    assert not app.exception, app.exception
    return app


def log_in(app: AppTest, name: str, password: str = PASSWORD) -> AppTest:
    [user] = [t for t in app.text_input if t.label == "账号"]
    [secret] = [t for t in app.text_input if t.label == "密码"]
    user.input(name)
    secret.input(password)
    [submit] = [b for b in app.button if b.label == "登录"]
    submit.click().run()
    assert not app.exception, app.exception
    return app


def save(app: AppTest) -> None:
    [button] = [b for b in app.button if b.label == "保存设置"]
    button.click().run()
    assert not app.exception, app.exception


def labels(app: AppTest) -> list[str]:
    return [t.label for t in app.text_input]


def signed_in(name: str) -> AppTest:
    return log_in(run(), name).run()  # the browser reruns once its cookie is set


def audit(isolated_env) -> list[tuple[str, str]]:
    return [(e.actor, e.action) for e in AuditLog(isolated_env / "data").recent()]


@pytest.mark.parametrize("address", ["0.0.0.0", "::", "", "192.168.1.20"])
def test_without_accounts_a_non_loopback_server_refuses_and_says_how_to_add_one(address) -> None:
    config.set_option("server.address", address)
    app = run()
    [error] = app.error
    assert "python -m assistant users add" in error.value and "--role admin" in error.value
    assert not app.chat_input and not app.title  # no page at all


def test_without_accounts_on_loopback_the_app_opens_as_before() -> None:
    app = run()
    assert app.title[0].value == "对话" and not app.error


def test_with_accounts_every_page_asks_for_a_login(accounts) -> None:
    for page in ("app_pages/chat.py", "app_pages/groups.py", "app_pages/settings.py", "app_pages/knowledge.py"):
        app = AppTest.from_file(APP, default_timeout=60)
        app.switch_page(page).run()
        assert labels(app) == ["账号", "密码"] and not app.title and not app.chat_input, page


def test_a_wrong_password_is_refused_and_audited(accounts, isolated_env) -> None:
    app = log_in(run(), "zhangsan", "not the password")
    assert any("账号或密码不对" in e.value for e in app.error)
    assert labels(app) == ["账号", "密码"] and not app.title
    app.run()  # a rerun is not a second attempt
    assert audit(isolated_env) == [("zhangsan", "login_failed")]


def test_an_admin_signs_in_sees_settings_and_signs_out(accounts, isolated_env) -> None:
    app = signed_in("ZhangSan")
    assert app.title[0].value == "对话"
    assert any(c.value == "已登录：zhangsan（管理员）" for c in app.sidebar.caption)
    app.switch_page("app_pages/settings.py").run()
    assert app.title[0].value == "设置" and "OPENAI_BASE_URL" in labels(app)
    [logout] = [b for b in app.sidebar.button if b.label == "退出登录"]
    logout.click().run()
    assert labels(app) == ["账号", "密码"] and not app.title
    assert audit(isolated_env) == [("zhangsan", "logout"), ("zhangsan", "login")]


def test_an_operator_cannot_open_settings_nor_delete_documents(accounts, isolated_env) -> None:
    app = signed_in("lisi")
    assert any(c.value == "已登录：lisi（运营）" for c in app.sidebar.caption)
    app.switch_page("app_pages/admin_only.py").run()  # what /settings serves an operator
    assert any("只对管理员开放" in e.value for e in app.error)
    assert "OPENAI_BASE_URL" not in labels(app) and not [b for b in app.button if b.label == "保存设置"]
    app.switch_page("app_pages/knowledge.py").run()  # an operator still uploads; deleting is for admins
    assert app.title[0].value == "知识库"


def test_an_operator_does_not_see_the_delete_button_but_an_admin_does(accounts, isolated_env) -> None:
    from assistant import Assistant, load_settings

    Assistant.from_settings(load_settings()).add_documents([("SOP.md", "# 售后\n\n退款三天内处理。\n".encode())])
    operator = signed_in("lisi")
    operator.switch_page("app_pages/knowledge.py").run()
    assert not [b for b in operator.button if b.key == "delete"]
    assert any("只有管理员可以删除文档" in c.value for c in operator.caption)
    admin = signed_in("zhangsan")
    admin.switch_page("app_pages/knowledge.py").run()
    admin.button(key="delete").click().run()
    assert not admin.exception
    assert ("zhangsan", "document.remove") in audit(isolated_env)


def test_a_removed_account_is_signed_out_at_its_next_click(accounts, isolated_env) -> None:
    app = signed_in("lisi")
    accounts.remove("lisi")
    app.run()
    assert labels(app) == ["账号", "密码"] and not app.title


def test_settings_never_show_the_key_and_a_new_endpoint_needs_it(accounts, isolated_env) -> None:
    env = isolated_env / ".env"
    env.write_text("OPENAI_API_KEY=sk-saved-secret\nOPENAI_BASE_URL=http://127.0.0.1:9/v1\n")
    app = signed_in("zhangsan")
    app.switch_page("app_pages/settings.py").run()
    [key] = [t for t in app.text_input if t.label == "OPENAI_API_KEY"]
    assert key.value == "" and key.placeholder == "已设置（留空则保持不变）"
    assert "sk-saved-secret" not in str(app._tree)
    [base_url] = [t for t in app.text_input if t.label == "OPENAI_BASE_URL"]
    base_url.set_value("http://127.0.0.1:10/v1")
    save(app)
    assert any("重新输入 OPENAI_API_KEY" in e.value for e in app.error)
    assert "127.0.0.1:9/v1" in env.read_text()
    [key] = [t for t in app.text_input if t.label == "OPENAI_API_KEY"]
    key.set_value("sk-typed-again")
    save(app)
    assert "127.0.0.1:10/v1" in env.read_text() and "sk-typed-again" in env.read_text()
    [entry] = [e for e in AuditLog(isolated_env / "data").recent() if e.action == "settings.change"]
    assert entry.actor == "zhangsan" and entry.detail["OPENAI_BASE_URL"] == "http://127.0.0.1:10/v1"
    assert "sk-typed-again" not in AuditLog(isolated_env / "data").path.read_text()
    app.run()
    [log] = app.dataframe  # the audit log, shown to admins, newest first
    assert list(log.value["操作人"])[0] == "zhangsan" and list(log.value["操作"])[0] == "修改设置"


def test_an_operators_import_is_audited_under_their_name(accounts, isolated_env) -> None:
    app = signed_in("lisi")
    app.switch_page("app_pages/groups.py").run()
    [pasted] = [a for a in app.text_area if a.label == "从聊天窗口复制的消息"]
    pasted.input("张三 2024/6/1 20:15\n今晚8点开团\n\n李四 2024/6/1 20:16\n+1")
    app.text_input(key="paste_group").input("测试群").run()
    [paste] = [b for b in app.button if b.label == "导入粘贴的内容"]
    paste.click().run()
    assert not app.exception, app.exception
    [entry] = [e for e in AuditLog(isolated_env / "data").recent() if e.action == "history.import"]
    assert entry.actor == "lisi" and entry.detail["status"] == ["ok"]


def test_an_admin_exports_the_workspace_from_the_settings_page(accounts, isolated_env) -> None:
    from assistant import Assistant, load_settings

    Assistant.from_settings(load_settings()).add_documents([("SOP.md", "# 售后\n\n退款三天内处理。\n".encode())])
    app = signed_in("zhangsan")
    app.switch_page("app_pages/settings.py").run()
    app.button(key="workspace-export").click().run()
    assert not app.exception, app.exception
    assert any(e.action == "workspace.export" and e.actor == "zhangsan"
               for e in AuditLog(isolated_env / "data").recent())


def test_only_an_admin_manages_push_channels_and_alerts_carry_the_account(accounts, isolated_env) -> None:
    operator = signed_in("lisi")
    operator.switch_page("app_pages/schedules.py").run()
    assert not operator.exception, operator.exception
    assert any("只有管理员账号能添加" in i.value for i in operator.info)
    assert not [t for t in operator.text_input if t.key == "channel-url"]  # no form to send content elsewhere
    operator.switch_page("app_pages/alerts.py").run()
    assert not [t for t in operator.text_input if t.key == "alerts-by"]  # the account is the handler
    admin = signed_in("zhangsan")
    admin.switch_page("app_pages/schedules.py").run()
    assert [t for t in admin.text_input if t.key == "channel-url"]
