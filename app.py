"""Streamlit entry point: page config, the login gate and navigation. Run with ``streamlit run app.py``.

Every page runs after this script, so the gate here covers them all: no accounts and a
non-loopback address means no page at all; with accounts, no login means no page. The settings
page is registered for admins only; operators get a hidden page at its address that refuses.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from app_pages import access, state
from assistant.i18n import t

# address -> (script, icon); the first is the default page, the last is for admins only.
PAGES = {
    "chat": ("app_pages/chat.py", ":material/chat:"),
    "groups": ("app_pages/groups.py", ":material/groups:"),
    "drafts": ("app_pages/drafts.py", ":material/edit_note:"),
    "reports": ("app_pages/reports.py", ":material/summarize:"),
    "alerts": ("app_pages/alerts.py", ":material/notifications:"),
    "schedules": ("app_pages/schedules.py", ":material/schedule:"),
    "knowledge": ("app_pages/knowledge.py", ":material/menu_book:"),
    "settings": ("app_pages/settings.py", ":material/settings:"),
}


def _title(address: str, language: str) -> str:
    if address == "alerts":
        new_alerts = state.new_alerts()
        return t("nav.alerts", language) + (f" · {new_alerts}" if new_alerts else "")
    return t(f"nav.{address}", language)


settings = state.settings()
language = settings.language
# A local file: a Material or emoji icon here makes the browser fetch it from Google's or a CDN's servers.
st.set_page_config(page_title=t("app.title", language), layout="wide",
                   page_icon=str(Path(__file__).parent / "app_pages" / "static" / "icon.png"))
viewer = access.gate(settings, list(PAGES))
if not viewer.is_admin:
    PAGES["settings"] = ("app_pages/admin_only.py", PAGES["settings"][1])
pages = [
    st.Page(script, title=_title(address, language), icon=icon, url_path=address, default=address == "chat",
            visibility="hidden" if address == "settings" and not viewer.is_admin else "visible")
    for address, (script, icon) in PAGES.items()
]
st.navigation(pages).run()
