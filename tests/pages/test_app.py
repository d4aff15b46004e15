"""The Streamlit pages through AppTest: offline answers with sources, the LLM path, settings."""

from __future__ import annotations

import time

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tests.support.openai_server import Reply, Status

APP = str(ROOT / "app.py")
QUESTION = "退群率多少算正常？"


def start() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    assert not app.exception, app.exception
    return app


def ask(app: AppTest, question: str) -> AppTest:
    app.chat_input[0].set_value(question).run()
    assert not app.exception, app.exception
    return app


def answers(app: AppTest) -> list:
    return [m for m in app.chat_message if m.name == "assistant"]


def test_offline_chat_answers_in_chinese_with_sources() -> None:
    app = start()
    assert app.title[0].value == "对话"
    assert any("离线模式" in info.value for info in app.info)
    assert any(c.value == "回答模式：离线" for c in app.caption)
    ask(app, QUESTION)
    [answer] = answers(app)
    text = answer.markdown[0].value
    assert "离线模式" in text and "退群率" in text and "1%" in text
    [sources] = answer.expander
    assert sources.label.startswith("来源 (")
    assert any("knowledge/05-metrics.md" in m.value for m in sources.markdown)


def test_conversation_grows_and_new_chat_clears_it() -> None:
    app = ask(start(), QUESTION)
    ask(app, "接龙怎么组织")
    assert len(answers(app)) == 2
    app.button(key="chat-new").click().run()
    assert answers(app) == []


def test_quick_action_for_the_report_opens_the_reports_page() -> None:
    app = start()
    [report] = [b for b in app.button if b.label == "生成周报"]
    report.click().run()
    assert app.title[0].value == "周报"


def test_quick_action_for_a_draft_opens_the_drafts_page_on_that_job() -> None:
    app = start()
    [complaint] = [b for b in app.button if b.label == "回复投诉"]
    complaint.click().run()
    assert app.title[0].value == "起草" and app.selectbox(key="draft-job").value == "complaint"


def test_browser_sessions_keep_separate_conversations() -> None:
    first, second = start(), start()
    ask(first, QUESTION)
    second.run()
    assert len(answers(first)) == 1 and answers(second) == []


def test_llm_mode_streams_from_the_server_and_shows_model_and_tokens(llm_env) -> None:
    llm_env.enqueue(Reply("周退群率低于1%算健康[1]。", 200, 12))
    app = ask(start(), QUESTION)
    assert not app.info  # no offline banner
    [answer] = answers(app)
    assert answer.markdown[0].value == "周退群率低于1%算健康[1]。"
    captions = [c.value for c in answer.caption]
    assert any("fake-model" in c and "200" in c and "12" in c for c in captions)


def test_llm_failure_shows_notice_and_offline_answer(llm_env) -> None:
    llm_env.enqueue(*[Status(500)] * 3)
    app = ask(start(), QUESTION)
    [answer] = answers(app)
    text = answer.markdown[0].value
    assert "模型暂时不可用" in text and "离线模式" in text


def test_bad_settings_show_a_fix_it_error_not_a_traceback(monkeypatch) -> None:
    monkeypatch.setenv("ASSISTANT_LANGUAGE", "fr")
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    assert not app.exception
    assert "ASSISTANT_LANGUAGE" in app.error[0].value


def test_settings_page_saves_dotenv_and_switches_language(isolated_env) -> None:
    app = start()
    app.switch_page("app_pages/settings.py").run()
    assert app.title[0].value == "设置"
    [language] = [s for s in app.selectbox if s.label == "ASSISTANT_LANGUAGE"]
    language.set_value("en")
    [base_url] = [t for t in app.text_input if t.label == "OPENAI_BASE_URL"]
    base_url.set_value("http://127.0.0.1:9/v1")
    [save] = [b for b in app.button if b.label == "保存设置"]
    save.click().run()
    assert not app.exception, app.exception
    dotenv = (isolated_env / ".env").read_text()
    assert "ASSISTANT_LANGUAGE" in dotenv and "en" in dotenv and "127.0.0.1:9" in dotenv
    assert app.title[0].value == "Settings"


def test_settings_page_rejects_a_bad_url_and_keeps_dotenv(isolated_env) -> None:
    app = start()
    app.switch_page("app_pages/settings.py").run()
    [base_url] = [t for t in app.text_input if t.label == "OPENAI_BASE_URL"]
    base_url.set_value("deepseek.com")
    [save] = [b for b in app.button if b.label == "保存设置"]
    save.click().run()
    assert "OPENAI_BASE_URL" in app.error[0].value
    assert not (isolated_env / ".env").exists() or "deepseek" not in (isolated_env / ".env").read_text()


@pytest.mark.parametrize("language,title", [("en", "Chat"), ("zh", "对话")])
def test_ui_language_follows_the_setting(monkeypatch, language, title) -> None:
    monkeypatch.setenv("ASSISTANT_LANGUAGE", language)
    assert start().title[0].value == title


def test_a_new_key_saved_on_the_settings_page_takes_effect(llm_env, monkeypatch, isolated_env) -> None:
    monkeypatch.delenv("OPENAI_API_KEY")
    (isolated_env / ".env").write_text("OPENAI_API_KEY=old-key\n")
    app = ask(start(), QUESTION)
    app.switch_page("app_pages/settings.py").run()
    [key] = [t for t in app.text_input if t.label == "OPENAI_API_KEY"]
    key.set_value("new-key")
    [save] = [b for b in app.button if b.label == "保存设置"]
    save.click().run()
    app.switch_page("app_pages/chat.py").run()
    ask(app, "接龙怎么组织")
    keys = [r.headers["authorization"] for r in llm_env.chat_requests()]
    assert keys == ["Bearer old-key", "Bearer new-key"]


def test_an_empty_workspace_opens_on_the_welcome_screen() -> None:
    app = start()
    assert any("欢迎使用群运营助手" in m.value for m in app.markdown)
    assert [b.label for b in app.button if b.key == "welcome-demo"] == ["加载示例数据"]
    app.button(key="example-退群率多少算正常？").click().run()
    [answer] = answers(app)
    assert "退群率" in answer.markdown[0].value
    assert not any("欢迎使用群运营助手" in m.value for m in app.markdown)  # a conversation replaces it


def test_load_demo_from_the_welcome_screen_opens_the_dashboard() -> None:
    app = start()
    app.button(key="welcome-demo").click().run()
    assert not app.exception, app.exception
    assert app.title[0].value == "群数据" and len(app.metric) >= 10
    from app_pages import state
    from assistant import Assistant, load_settings

    # the search index follows in the background (the page shows its progress); once it has ended,
    # the first history question has nothing left to wait for
    cached = state.assistant(load_settings())
    deadline = time.monotonic() + 180
    while cached.history_index_progress().running and time.monotonic() < deadline:
        time.sleep(0.2)
    progress = cached.history_index_progress()
    assert progress.error is None and progress.report is not None and progress.report.added > 0
    assert Assistant.from_settings(load_settings()).conversations.sync().added == 0
