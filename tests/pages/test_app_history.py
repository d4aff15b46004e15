"""The history features in the pages (AppTest, demo workspace): a cited message opens its
conversation in the chat, and the 话题与常见问题 tab turns an answered topic into an FAQ entry."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from assistant.history.demo.wechat_group import WEEKEND_ANSWER
from tests.conftest import ROOT
from tests.support.demo_workspace import CALM, demo_assistant

APP = str(ROOT / "app.py")


def _app() -> AppTest:
    demo_assistant()  # the demo history in this test's workspace
    app = AppTest.from_file(APP, default_timeout=120)
    app.run()
    assert not app.exception, app.exception
    return app


def _button(app: AppTest, label: str, nth: int = 0):  # noqa: ANN202 - AppTest's Button
    return [b for b in app.button if b.label == label][nth]


def test_a_cited_message_opens_its_conversation_in_the_chat() -> None:
    app = _app()
    app.chat_input[0].set_value("有人问过开发票吗？").run()
    assert not app.exception, app.exception
    [answer] = [m for m in app.chat_message if m.name == "assistant"]
    evidence = next(e for e in answer.expander if e.label.startswith("证据消息"))
    cited = next(m.value for m in evidence.markdown if "发票" in m.value)
    assert not cited.startswith("`")  # a person reads group, time, sender and text; ids are for --json
    assert not [m for m in app.markdown if m.value.startswith(":orange-background[")]
    _button(app, "上下文").click().run()
    assert not app.exception, app.exception
    [highlighted] = [m.value for m in app.markdown if m.value.startswith(":orange-background[")]
    assert "发票" in highlighted and cited.split("：", 1)[1] in highlighted
    assert any(CALM in c.value and "前后各 8 条" in c.value for c in app.caption)
    assert _button(app, "收起")  # the same button now closes it
    _button(app, "收起").click().run()
    assert not [m for m in app.markdown if m.value.startswith(":orange-background[")]


def test_topics_tab_lists_gaps_and_turns_an_answered_topic_into_an_faq() -> None:
    app = _app()
    app.switch_page("app_pages/groups.py").run()
    app.selectbox(key="topics-group").set_value(CALM).run()
    _button(app, "分析话题").click().run()
    assert not app.exception, app.exception
    titles = [e.label for e in app.expander if " 次 · " in e.label]
    assert any(t.startswith("发票") and "✗ 手册还没有答案" in t for t in titles)
    weekend = next(n for n, t in enumerate(titles) if t.startswith("配送/周末") or t.startswith("周末/配送"))
    topic = next(e for e in app.expander if e.label == titles[weekend])
    assert any(WEEKEND_ANSWER in m.value for m in topic.markdown)
    faq_buttons = [b for b in topic.button if b.label == "生成 FAQ 加入知识库"]
    faq_buttons[0].click().run()
    assert not app.exception, app.exception
    assert any("已加入知识库" in s.value for s in app.success)
    topic = next(e for e in app.expander if e.label == titles[weekend])
    # Added: neither the button again nor the caption for a topic no admin has answered.
    assert not [b for b in topic.button if b.label == "生成 FAQ 加入知识库"]
    assert not [c for c in topic.caption if "还没有管理员回答" in c.value]
    app.switch_page("app_pages/knowledge.py").run()
    assert any("FAQ-" in str(frame.value) for frame in app.dataframe)


def test_an_analytics_answer_names_what_it_used_in_words_not_tool_ids() -> None:
    app = _app()
    app.chat_input[0].set_value("上周退群了多少人，为什么？").run()
    assert not app.exception, app.exception
    [answer] = [m for m in app.chat_message if m.name == "assistant"]
    [used] = [c.value for c in answer.caption if "依据" in c.value]
    assert "退群原因分析" in used and "explain_churn" not in used
