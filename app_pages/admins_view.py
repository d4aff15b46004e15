"""The 管理员 section of the 群数据 page: each group's admins with their source and reasons, and a
way to confirm or reject someone (the same choice ``groups admins set/unset`` records)."""

from __future__ import annotations

import streamlit as st

from app_pages import access
from assistant import AssistantError
from assistant.analytics.admins import SOURCE_LABELS
from assistant.reports.exports.markdown import escape


def show(assistant, settings, group: str) -> None:  # noqa: ANN001 - Assistant, Settings
    """Admins of ``group`` and the correction form (writes only for an admin viewer)."""
    try:
        [found] = assistant.analytics.admins(group)
    except AssistantError as exc:
        st.caption(str(exc))
        return
    st.markdown("**管理员**（退群分析据此判断「回应」和「促销」）")
    if not found.admins:
        st.caption("管理员未知：导出没有角色，行为上也看不出。请在下面指定，否则无法判断管理员是否回应。")
    for a in found.admins:
        reasons = "；".join(a.reasons)
        st.write(escape(f"· {a.name}（{SOURCE_LABELS[a.source]}）" + (f"：{reasons}" if reasons else "")))
    for a in found.rejected:
        st.write(escape(f"✗ {a.name}（已标记为非管理员）"))
    if not access.current().is_admin:
        return
    with st.form(f"admins-{group}"):
        member = st.text_input("成员（群昵称或 ID）", key=f"admin-member-{group}")
        choice = st.radio("标记为", ["管理员", "不是管理员"], horizontal=True, key=f"admin-choice-{group}")
        if st.form_submit_button("保存") and member.strip():
            try:
                assistant.analytics.set_admin(group, member.strip(), choice == "管理员")
            except AssistantError as exc:
                st.error(str(exc))
                return
            access.record(settings, "groups.admins." + ("set" if choice == "管理员" else "unset"),
                          {"group": group, "member": member.strip()})
            st.rerun()
