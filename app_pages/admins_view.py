"""The 管理员 section of the 群数据 page: each group's admins with their source and reasons, and a
way to confirm or reject someone (the same choice ``groups admins set/unset`` records)."""

from __future__ import annotations

import streamlit as st

from app_pages import access
from assistant import AssistantError
from assistant.i18n import label, t
from assistant.app import escape_markdown as escape


def show(assistant, settings, group: str) -> None:  # noqa: ANN001 - Assistant, Settings
    """Admins of ``group`` and the correction form (writes only for an admin viewer)."""
    try:
        [found] = assistant.numbers.admins(group)
    except AssistantError as exc:
        st.caption(str(exc))
        return
    lang = settings.language
    st.markdown(t("admins.heading", lang))
    if not found.admins:
        st.caption(t("admins.unknown", lang))
    for a in found.admins:
        reasons = ("；" if lang == "zh" else "; ").join(r.text(lang) for r in a.reasons)
        source = label("admin_source", a.source, lang)
        st.write(escape(f"· {a.name}（{source}）" + (f"：{reasons}" if reasons else "") if lang == "zh"
                        else f"· {a.name} ({source})" + (f": {reasons}" if reasons else "")))
    for a in found.rejected:
        st.write(escape(f"✗ {a.name}（{t('admins.rejected', lang)}）" if lang == "zh"
                        else f"✗ {a.name} ({t('admins.rejected', lang)})"))
    if not access.current().is_admin:
        return
    with st.form(f"admins-{group}"):
        member = st.text_input(t("admins.member", lang), key=f"admin-member-{group}")
        choice = st.radio(t("admins.mark", lang), ["admin", "not"], horizontal=True, key=f"admin-choice-{group}",
                          format_func=lambda c: t("admins.is" if c == "admin" else "admins.is_not", lang))
        if st.form_submit_button(t("admins.save", lang)) and member.strip():
            try:
                assistant.numbers.set_admin(group, member.strip(), choice == "admin")
            except AssistantError as exc:
                st.error(str(exc))
                return
            access.record(settings, "groups.admins." + ("set" if choice == "admin" else "unset"),
                          {"group": group, "member": member.strip()})
            st.rerun()
