"""Streamlit entry point: page config and navigation. Run with ``streamlit run app.py``."""

from __future__ import annotations

import streamlit as st

from app_pages import state
from assistant.briefing.texts import tr
from assistant.i18n import t

st.set_page_config(page_title="群运营助手", page_icon=":material/forum:", layout="wide")

language = state.settings().language
new_alerts = state.new_alerts()
alerts_title = tr("nav.alerts", language) + (f" · {new_alerts}" if new_alerts else "")
pages = [
    st.Page("app_pages/chat.py", title=t("nav.chat", language), icon=":material/chat:", default=True),
    st.Page("app_pages/groups.py", title=t("nav.groups", language), icon=":material/groups:"),
    st.Page("app_pages/drafts.py", title=t("nav.drafts", language), icon=":material/edit_note:"),
    st.Page("app_pages/reports.py", title=t("nav.reports", language), icon=":material/summarize:"),
    st.Page("app_pages/alerts.py", title=alerts_title, icon=":material/notifications:"),
    st.Page("app_pages/schedules.py", title=tr("nav.schedules", language), icon=":material/schedule:"),
    st.Page("app_pages/knowledge.py", title=t("nav.knowledge", language), icon=":material/menu_book:"),
    st.Page("app_pages/settings.py", title=t("nav.settings", language), icon=":material/settings:"),
]
st.navigation(pages).run()
