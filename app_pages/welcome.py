"""The welcome screen a new, empty workspace opens on: load the demo, import a group export (with
a guide to which exporter produces which file), add playbooks, or click an example question."""

from __future__ import annotations

import streamlit as st

from app_pages import access
from assistant import Assistant, AssistantError
from assistant.i18n import EXAMPLES, EXPORTERS, t


def render(assistant: Assistant, ask) -> None:  # noqa: ANN001 - ask(question) queues a chat question
    lang = assistant.settings.language
    st.markdown(t("welcome.title", lang))
    st.write(t("welcome.intro", lang))
    left, middle, right = st.columns(3)
    with left:
        st.markdown(t("welcome.demo", lang))
        st.caption(t("welcome.demo.about", lang))
        if st.button(t("welcome.demo.run", lang), key="welcome-demo", type="primary"):
            with st.spinner(t("welcome.demo.running", lang)):
                try:
                    reports = assistant.imports.demo()
                    access.record(assistant.settings, "history.import", {"files": [r.file for r in reports],
                                                                         "status": [r.status for r in reports]})
                except AssistantError as exc:
                    st.error(str(exc))
                    return
            assistant.index_history_in_background()  # the Groups page shows its progress
            st.switch_page("app_pages/groups.py")
    with middle:
        st.markdown(t("welcome.import", lang))
        st.caption(t("welcome.import.about", lang))
        if st.button(t("welcome.import.go", lang), key="welcome-import"):
            st.switch_page("app_pages/groups.py")
    with right:
        st.markdown(t("welcome.kb", lang))
        st.caption(t("welcome.kb.about", lang))
        if st.button(t("welcome.kb.go", lang), key="welcome-knowledge"):
            st.switch_page("app_pages/knowledge.py")
    with st.expander(t("welcome.exporters", lang)):
        columns = [t(f"welcome.col.{c}", lang) for c in ("platform", "tool", "files", "note")]
        st.dataframe([dict(zip(columns, row, strict=True)) for row in EXPORTERS[lang]], hide_index=True, width="stretch")
    st.markdown(t("welcome.try", lang))
    examples = EXAMPLES[lang]
    for column, question in zip(st.columns(len(examples)), examples, strict=True):
        column.button(question, key=f"example-{question}", on_click=ask, args=(question,))
