"""Streamlit entry point: page config, the login gate and navigation. Run with ``streamlit run app.py``.

Every page runs after this script, so the gate here covers them all: no accounts and a
non-loopback address means no page at all; with accounts, no login means no page. The settings
page is registered for admins only; operators get a hidden page at its address that refuses.
"""

from __future__ import annotations

import streamlit as st

from app_pages import access, state
from assistant.i18n import t

st.set_page_config(page_title="群运营助手", page_icon=":material/forum:", layout="wide")

settings = state.settings()
viewer = access.gate(settings)
language = settings.language
settings_page = "app_pages/settings.py" if viewer.is_admin else "app_pages/admin_only.py"
pages = [
    st.Page("app_pages/chat.py", title=t("nav.chat", language), icon=":material/chat:", default=True),
    st.Page("app_pages/groups.py", title=t("nav.groups", language), icon=":material/groups:"),
    st.Page("app_pages/drafts.py", title=t("nav.drafts", language), icon=":material/edit_note:"),
    st.Page("app_pages/reports.py", title=t("nav.reports", language), icon=":material/summarize:"),
    st.Page("app_pages/knowledge.py", title=t("nav.knowledge", language), icon=":material/menu_book:"),
    st.Page(settings_page, title=t("nav.settings", language), icon=":material/settings:", url_path="settings",
            visibility="visible" if viewer.is_admin else "hidden"),
]
st.navigation(pages).run()
