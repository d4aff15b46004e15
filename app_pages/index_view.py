"""The history search index's background update, as a progress bar that follows it.

Shown on the Groups page after an import (and after loading the demo): the bar redraws every second
while the sync runs, and the page reruns once when it ends so the topics and search see the result.
"""

from __future__ import annotations

import streamlit as st

from assistant import Assistant
from assistant.i18n import t


def render(assistant: Assistant) -> None:
    lang = assistant.settings.language
    progress = assistant.history_index_progress()
    with st.container():  # always one element here, so the tabs below keep their identity (and selection)
        if progress.running:
            _follow(assistant, lang)
        elif progress.error:
            st.warning(t("index.failed", lang, error=progress.error))
        elif progress.report is not None and st.session_state.pop("index_announce", False):
            report = progress.report
            st.caption(t("index.done", lang, added=report.added, removed=report.removed, seconds=progress.seconds))


@st.fragment(run_every=1.0)
def _follow(assistant: Assistant, lang: str) -> None:
    progress = assistant.history_index_progress()
    if not progress.running:
        st.session_state["index_announce"] = True
        st.rerun()
    total = (t("index.count", lang, done=progress.done, total=progress.total) if progress.total
             else t("index.preparing", lang))
    st.progress(progress.share, text=t("index.running", lang, total=total))
