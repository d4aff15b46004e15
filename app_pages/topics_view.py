"""The 话题与常见问题 tab of 群数据: what members keep asking (or complaining about), and the FAQ gaps.

UI only: topics come from ``assistant.topics`` (the ``topics`` CLI's numbers). Mining a few weeks
of a large history takes seconds, so it runs when asked and the result stays in the session with
the choices that produced it; the history file's version is part of that key, so a new import
shows fresh topics. One click turns a topic an admin already answered in the group into an FAQ
entry of the user's knowledge base.
"""

from __future__ import annotations

import streamlit as st

from app_pages import access, evidence_view, state
from assistant import Assistant, AssistantError
from assistant.conversations.topics import Topic
from assistant.reports.exports.markdown import escape

ALL = "全部群"
KINDS = {"提问": False, "抱怨": True}
RESULT, ADDED = "topics_result", "topics_faq_added"


def render(assistant: Assistant) -> None:
    try:
        names = assistant.analytics.group_names()
    except AssistantError as exc:
        st.info(str(exc))
        return
    st.caption("成员反复问到的问题（或反复出现的抱怨），不同问法合并为一个话题；标出群里管理员是否回答过、"
               "运营手册和你的 FAQ 是否已有答案。管理员答过但手册没有的话题，可以一键加入知识库。")
    group_col, weeks_col, kind_col = st.columns(3)
    choice = group_col.selectbox("群", [ALL, *names], key="topics-group")
    weeks = weeks_col.slider("最近几周", 1, 12, 4, key="topics-weeks")
    kind = kind_col.radio("类型", list(KINDS), horizontal=True, key="topics-kind")
    wanted = (state.history_version(assistant), choice, weeks, kind)
    if st.button("分析话题", type="primary", key="topics-run"):
        _mine(assistant, wanted)
    shown = st.session_state.get(RESULT)
    if shown is None:
        st.info("选择群和时间范围，然后点「分析话题」。")
        return
    if shown[0] != wanted:
        st.caption("下面是上一次的结果；条件或数据已经变了，点「分析话题」更新。")
    _list(assistant, shown[1], kind=shown[0][3], weeks=shown[0][2])


def _mine(assistant: Assistant, wanted: tuple) -> None:
    _, choice, weeks, kind = wanted
    with st.spinner("正在归纳话题…"):
        try:
            found = assistant.topics(None if choice == ALL else choice, weeks, complaints=KINDS[kind])
        except AssistantError as exc:
            st.error(str(exc))
            return
    st.session_state[RESULT] = (wanted, found)
    st.session_state[ADDED] = {}


def _list(assistant: Assistant, topics: list[Topic], kind: str, weeks: int) -> None:
    if not topics:
        st.success(f"最近 {weeks} 周没有反复出现的{kind}。")
        return
    gaps = sum(1 for topic in topics if not topic.covered)
    st.markdown(f"共 **{len(topics)}** 个话题，其中 **{gaps}** 个在手册和 FAQ 里还没有答案。")
    for n, topic in enumerate(topics):
        mark = "✓ 手册已有答案" if topic.covered else "✗ 手册还没有答案"
        title = f"{escape(topic.label)} · {topic.count} 次 · {topic.askers} 人 · {escape(topic.group)} · {mark}"
        with st.expander(title, expanded=n < 3):
            _topic(assistant, n, topic)


def _topic(assistant: Assistant, n: int, topic: Topic) -> None:
    trend = " · ".join(f"{week}：{count}" for week, count in topic.weekly().items())
    st.markdown(f"常见问法：{escape(topic.question)}")
    st.caption(f"每周次数：{trend}")
    answered = f"群内回答：{topic.answered}/{topic.count} 次有管理员回应"
    st.markdown(answered + (f"；最常见的回答：{escape(topic.answer)}" if topic.answer else "；没有找到像样的回答"))
    if topic.playbook:
        st.markdown(f"手册/FAQ：**{escape(topic.playbook.source)} › {escape(topic.playbook.title)}**")
        st.caption(escape(topic.playbook.snippet))
    evidence_view.render(assistant, topic.evidence(), key=f"topic{n}")
    outcome = st.session_state.get(ADDED, {}).get(n)
    if outcome:
        (st.success if outcome[0] else st.error)(outcome[1])
    if topic.answer and not (outcome and outcome[0]):
        st.button("生成 FAQ 加入知识库", key=f"topic-faq-{n}", on_click=_add_faq, args=(assistant, n, topic))
    else:
        st.caption("群里还没有管理员回答过这个问题；先在群里回答，或在知识库页上传写好的 FAQ。")


def _add_faq(assistant: Assistant, n: int, topic: Topic) -> None:
    outcomes = st.session_state.setdefault(ADDED, {})
    try:
        result = assistant.add_faq(topic)
    except AssistantError as exc:
        outcomes[n] = (False, str(exc))
        return
    access.record(assistant.settings, "document.add", {"files": [result.name], "status": [result.status]})
    done = "知识库里已有同样的 FAQ" if result.status == "unchanged" else "已加入知识库"
    outcomes[n] = (True, f"{done}：{escape(result.name)}。以后问到「{escape(topic.question)}」会检索到它。")
