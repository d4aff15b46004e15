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
from assistant.app import Topic
from assistant.i18n import group_or_all, t
from assistant.app import escape_markdown as escape

KINDS = {"questions": False, "complaints": True}
RESULT, ADDED = "topics_result", "topics_faq_added"


def render(assistant: Assistant) -> None:
    lang = assistant.settings.language
    try:
        names = assistant.numbers.group_names()
    except AssistantError as exc:
        st.info(str(exc))
        return
    st.caption(t("topics.intro", lang))
    group_col, weeks_col, kind_col = st.columns(3)
    choice = group_col.selectbox(t("topics.group", lang), [None, *names], key="topics-group",
                                 format_func=lambda g: group_or_all(g, lang))
    weeks = weeks_col.slider(t("topics.weeks", lang), 1, 12, 4, key="topics-weeks")
    kind = kind_col.radio(t("topics.kind", lang), list(KINDS), horizontal=True, key="topics-kind",
                          format_func=lambda k: t(f"topics.kind.{k}", lang))
    wanted = (state.history_version(assistant), choice, weeks, kind)
    if st.button(t("topics.run", lang), type="primary", key="topics-run"):
        _mine(assistant, wanted)
    shown = st.session_state.get(RESULT)
    if shown is None:
        st.info(t("topics.hint", lang))
        return
    if shown[0] != wanted:
        st.caption(t("topics.stale", lang))
    _list(assistant, shown[1], kind=shown[0][3], weeks=shown[0][2])


def _mine(assistant: Assistant, wanted: tuple) -> None:
    _, choice, weeks, kind = wanted
    with st.spinner(t("topics.running", assistant.settings.language)):
        try:
            found = assistant.topics(choice, weeks, complaints=KINDS[kind])
        except AssistantError as exc:
            st.error(str(exc))
            return
    st.session_state[RESULT] = (wanted, found)
    st.session_state[ADDED] = {}


def _list(assistant: Assistant, topics: list[Topic], kind: str, weeks: int) -> None:
    lang = assistant.settings.language
    if not topics:
        st.success(t("topics.none", lang, weeks=weeks, kind=t(f"topics.kind.{kind}", lang).lower()))
        return
    gaps = sum(1 for topic in topics if not topic.covered)
    st.markdown(t("topics.count", lang, n=len(topics), gaps=gaps))
    for n, topic in enumerate(topics):
        mark = t("topics.covered" if topic.covered else "topics.gap", lang)
        title = t("topics.title", lang, label=escape(topic.label), count=topic.count, askers=topic.askers,
                  group=escape(topic.group), mark=mark)
        with st.expander(title, expanded=n < 3):
            _topic(assistant, n, topic)


def _topic(assistant: Assistant, n: int, topic: Topic) -> None:
    lang = assistant.settings.language
    sep = "：" if lang == "zh" else ": "
    trend = " · ".join(f"{week}{sep}{count}" for week, count in topic.weekly().items())
    st.markdown(t("topics.question", lang, text=escape(topic.question)))
    st.caption(t("topics.weekly", lang, trend=trend))
    answered = t("topics.answered", lang, answered=topic.answered, count=topic.count)
    st.markdown(answered + (t("topics.answer", lang, text=escape(topic.answer)) if topic.answer
                            else t("topics.no_answer", lang)))
    if topic.playbook:
        st.markdown(t("topics.playbook", lang, source=escape(topic.playbook.source), title=escape(topic.playbook.title)))
        st.caption(escape(topic.playbook.snippet))
    evidence_view.render(assistant, topic.evidence(), key=f"topic{n}")
    outcome = st.session_state.get(ADDED, {}).get(n)
    if outcome:
        (st.success if outcome[0] else st.error)(outcome[1])
    if not topic.answer:
        st.caption(t("topics.no_admin", lang))
    elif not (outcome and outcome[0]):  # once added, the success above replaces the button
        st.button(t("topics.faq", lang), key=f"topic-faq-{n}", on_click=_add_faq, args=(assistant, n, topic))


def _add_faq(assistant: Assistant, n: int, topic: Topic) -> None:
    outcomes = st.session_state.setdefault(ADDED, {})
    try:
        result = assistant.add_faq(topic)
    except AssistantError as exc:
        outcomes[n] = (False, str(exc))
        return
    access.record(assistant.settings, "document.add", {"files": [result.name], "status": [result.status]})
    lang = assistant.settings.language
    done = t("topics.faq_same" if result.status == "unchanged" else "topics.faq_added", lang)
    outcomes[n] = (True, t("topics.faq_done", lang, done=done, name=escape(result.name), question=escape(topic.question)))
