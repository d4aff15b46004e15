"""The briefing in the app (AppTest, demo workspace): the 日报 tab with quotes that open their
conversation, the alert queue with its badge and who handled what, the 定时任务 page, and the chat
answering "昨天群里发生了什么？" with the digest."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from assistant import Assistant, load_settings
from assistant.briefing.rules import RuleDraft
from tests.briefing.support import DAY, PASTED
from tests.conftest import ROOT
from tests.support.demo_workspace import CALM, demo_assistant

APP = str(ROOT / "app.py")


def _app(alerts: bool = False) -> AppTest:
    assistant = demo_assistant()
    if alerts:
        assistant.briefing.alerts.add_rule(RuleDraft("", "intent", "refund"))
    assistant.history.import_text(PASTED, group=CALM)
    app = AppTest.from_file(APP, default_timeout=180)
    app.run()
    assert not app.exception, app.exception
    return app


def _button(app: AppTest, label: str, nth: int = 0):  # noqa: ANN202
    return [b for b in app.button if b.label == label][nth]


def test_the_digest_tab_shows_every_section_and_opens_conversations() -> None:
    app = _app()
    app.switch_page("app_pages/groups.py").run()
    app.selectbox(key="digest-group").set_value(CALM).run()
    app.date_input(key="digest-day").set_value(DAY).run()
    _button(app, "生成日报").click().run()
    assert not app.exception, app.exception
    headings = [m.value for m in app.subheader] + [m.value for m in app.markdown]
    for section in ("消息与活跃", "入群与退群", "今日话题", "未回复的提问", "投诉与处理状态", "@管理员 / 待办", "接龙与订单", "风险"):
        assert any(section in h for h in headings), section
    assert not [m for m in app.markdown if m.value.startswith(":orange-background[")]
    _button(app, "上下文").click().run()
    assert [m for m in app.markdown if m.value.startswith(":orange-background[")]
    assert any("下载 Markdown" == b.label for b in app.get("download_button"))


def test_alert_queue_badge_and_ack() -> None:
    app = _app(alerts=True)
    # the navigation's badge ("提醒 · 1") is checked in Chromium (tests/e2e/test_e2e_briefing.py)
    app.switch_page("app_pages/alerts.py").run()
    assert not app.exception, app.exception
    assert any("退款" in m.value for m in app.markdown)
    app.text_input(key="alerts-by").set_value("小林").run()
    _button(app, "已处理").click().run()
    assert not app.exception, app.exception
    assert not [b for b in app.button if b.label == "已处理"]  # the queue of new alerts is empty
    app.radio(key="alerts-status").set_value("handled").run()
    assert any("小林" in m.value for m in app.markdown)
    handled = Assistant.from_settings(load_settings()).briefing.alerts.list(status="handled")
    assert handled[0].handled_by == "小林"


def test_rules_can_be_added_on_the_page() -> None:
    app = _app()
    app.switch_page("app_pages/alerts.py").run()
    app.radio(key="rule-kind").set_value("keyword")
    app.text_input(key="rule-pattern").set_value("退款，差评")  # a form: sent with its button
    [submit] = [b for b in app.button if b.label == "添加规则"]
    submit.click().run()
    assert not app.exception, app.exception
    assert Assistant.from_settings(load_settings()).briefing.alerts.rules()[0].pattern == "退款\n差评"


def test_schedules_page_adds_runs_and_logs() -> None:
    app = _app()
    app.switch_page("app_pages/schedules.py").run()
    assert not app.exception, app.exception
    app.text_input(key="sched-at").set_value("08:00,20:30")
    [submit] = [b for b in app.button if b.label == "添加任务"]
    submit.click().run()
    assert not app.exception, app.exception
    assert any("群日报" in m.value and "08:00、20:30" in m.value for m in app.markdown)
    _button(app, "立即运行").click().run()
    assert not app.exception, app.exception
    assert any("运行记录（1）" in e.label for e in app.expander)
    assert Assistant.from_settings(load_settings()).briefing.delivery.inbox()


def test_the_chat_answers_what_happened_with_the_digest() -> None:
    app = _app()
    app.chat_input[0].set_value(f"{DAY}群里发生了什么？").run()
    assert not app.exception, app.exception
    [answer] = [m for m in app.chat_message if m.name == "assistant"]
    assert any("群日报" in m.value and DAY in m.value for m in answer.markdown)
    assert any(e.label.startswith("证据消息") for e in answer.expander)
