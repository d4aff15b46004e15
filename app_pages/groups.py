"""The Groups page (群数据): the dashboard, recurring topics, and importing exports or pasted text,
the demo, the group list."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from app_pages import access, admins_view, dashboard_view, digest_view, index_view, state, topics_view
from assistant import AssistantError
from assistant.app import Upload
from assistant.i18n import label, t
from assistant.app import escape_markdown as escape

settings = state.settings()
assistant = state.assistant(settings)
imports = assistant.imports
lang = settings.language
FORMATS = {name: label("format", name, lang) for name, _ in imports.formats()}
st.session_state.setdefault("history_reports", [])


def _detected(upload: Upload) -> str:
    try:
        return FORMATS[imports.sniff(upload)]
    except AssistantError as exc:
        return t("groups.unrecognised", lang, error=exc)


def _remember(new_reports: list) -> None:
    st.session_state["history_reports"] = new_reports
    access.record(settings, "history.import", {"files": [r.file for r in new_reports],
                                               "status": [r.status for r in new_reports]})
    if any(r.status != "failed" for r in new_reports):
        assistant.index_history_in_background()  # the import is done; the search index follows (bar above)
    st.rerun()  # the dashboard above was drawn before this import: draw it again with the new data


def _sync_form() -> None:
    """WeFlow's local API: address, token, groups, 同步 (all work in History.sync_weflow)."""
    st.caption(t("groups.sync.help", lang))
    saved = imports.weflow_connection()
    left, right = st.columns(2)
    url = left.text_input(t("groups.sync.url", lang), value=saved.url, key="weflow_url")
    token = right.text_input(t("groups.sync.token", lang), type="password", key="weflow_token",
                             placeholder=t("groups.sync.token_saved" if saved.token else "groups.sync.token_hint", lang))
    if st.button(t("groups.sync.list", lang)):
        try:
            st.session_state["weflow_groups"] = {s.id: s.name for s in imports.weflow_groups(url, token or None)}
        except AssistantError as exc:
            st.error(str(exc))
    offered = st.session_state.get("weflow_groups") or {g: g for g in saved.groups}
    chosen = st.multiselect(t("groups.sync.chosen", lang), list(offered), default=[g for g in saved.groups if g in offered],
                            format_func=lambda gid: offered.get(gid, gid))  # fmt: skip
    remember = st.checkbox(t("groups.sync.remember", lang), value=bool(saved.token))
    if st.button(t("groups.sync.run", lang), type="primary", disabled=not chosen):
        bar = st.progress(0.0, text=t("groups.sync.running", lang))
        try:
            _remember(imports.sync_weflow(url, token or None, chosen, remember_token=remember, progress=_progress(bar)))
        except AssistantError as exc:
            st.error(str(exc))


def _progress(bar: DeltaGenerator) -> Callable[[int, int], None]:
    return lambda done, total: bar.progress(done / total, text=t("groups.progress", lang, done=done, total=total))


def _group_details(g) -> None:  # noqa: ANN001 - a GroupStats of the history's counts
    cols = st.columns(4)
    cols[0].metric(t("groups.col.messages", lang), g.messages)
    cols[1].metric(t("groups.col.members", lang), g.members_now)
    cols[2].metric(t("groups.joins", lang), g.joins["total"])
    cols[3].metric(t("groups.exits", lang), g.exits["total"])
    st.caption(t("groups.members_note", lang, note=label("basis", g.members_basis, lang)))
    sep = "，" if lang == "zh" else ", "
    counts = sep.join(f"{label('via', k, lang)} {n}" for k, n in g.joins["by_via"].items()) or "-"
    st.write(t("groups.via", lang, counts=counts))
    st.write(t("groups.exit_split", lang, **{k: g.exits[k] for k in ("voluntary", "removed", "inferred")}))
    if g.exits["inferred_note"]:
        st.caption(t("groups.inferred_note", lang))
    if g.orders["count"]:
        solitaire = g.orders.get("from_solitaire")
        st.write(t("groups.orders", lang, count=g.orders["count"], amount=g.orders["amount"], refund=g.orders["refund"])
                 + (t("groups.orders_solitaire", lang, n=solitaire) if solitaire else ""))


st.title(t("nav.groups", lang))
st.caption(t("groups.intro", lang))
index_view.render(assistant)
board_tab, digest_tab, topics_tab, import_tab = st.tabs(
    [t(key, lang) for key in ("dash.tab", "groups.tab.digest", "groups.tab.topics", "groups.tab.import")])
with board_tab:
    dashboard_view.render(assistant)

with digest_tab:
    digest_view.render(assistant)

with topics_tab:
    topics_view.render(assistant)

with import_tab:
    upload_tab, sync_tab, paste_tab, demo_tab = st.tabs(
        [t(f"groups.tab.{key}", lang) for key in ("upload", "sync", "paste", "demo")])
    with upload_tab:
        uploads = st.file_uploader(t("groups.upload.files", lang), accept_multiple_files=True)
        saved = [imports.keep_upload(upload.name, upload.getvalue()) for upload in uploads or []]
        if saved:
            st.dataframe([{t("groups.upload.file", lang): u.name, t("groups.upload.detected", lang): _detected(u)}
                          for u in saved], hide_index=True, width="stretch")
        left, right = st.columns(2)
        group = left.text_input(t("groups.upload.group", lang), placeholder=t("groups.upload.group_hint", lang))
        fmt = right.selectbox(t("groups.upload.format", lang), ["auto", *FORMATS],
                              format_func=lambda n: t("groups.upload.auto", lang) if n == "auto" else FORMATS[n])
        left, right = st.columns(2)
        at = left.text_input(t("groups.upload.at", lang), placeholder=t("groups.upload.at_hint", lang))
        tz = right.text_input(t("groups.upload.tz", lang), value="Asia/Shanghai")
        allow_private = st.checkbox(t("groups.upload.private", lang), help=t("groups.upload.private_help", lang))
        if st.button(t("groups.upload.run", lang), type="primary", disabled=not saved):
            bar = st.progress(0.0, text=t("groups.upload.running", lang))
            try:
                _remember(imports.import_files(saved, group=group or None, fmt=fmt, at=at or None, tz=tz,
                                               allow_private=allow_private, progress=_progress(bar)))  # fmt: skip
            except AssistantError as exc:
                st.error(str(exc))

    with sync_tab:
        _sync_form()

    with paste_tab:
        pasted = st.text_area(t("groups.paste.text", lang), height=200, placeholder=t("groups.paste.hint", lang))
        paste_group = st.text_input(t("groups.paste.group", lang), key="paste_group")
        if st.button(t("groups.paste.run", lang), disabled=not (pasted.strip() and paste_group.strip())):
            try:
                _remember([imports.import_text(pasted, group=paste_group, tz=tz)])
            except AssistantError as exc:
                st.error(str(exc))

    with demo_tab:
        st.write(t("groups.demo.about", lang))
        if st.button(t("groups.demo.run", lang)):
            bar = st.progress(0.0, text=t("groups.demo.running", lang))
            try:
                _remember(imports.demo(progress=_progress(bar)))
            except AssistantError as exc:
                st.error(str(exc))

    if st.session_state["history_reports"]:
        st.subheader(t("groups.report", lang))
        for report in st.session_state["history_reports"]:
            lines = report.lines(lang)
            show = st.success if report.status == "ok" else st.error if report.status == "failed" else st.info
            show(lines[0])
            with st.expander(t("groups.report.details", lang), expanded=report.status == "failed"):
                st.text("\n".join(lines[1:]) or t("groups.report.none", lang))

    st.subheader(t("groups.list", lang))
    groups = imports.groups()
    if not groups:
        st.info(t("groups.empty", lang))
    else:
        columns = ("name", "platform", "first", "last", "messages", "members", "snapshots")
        st.dataframe(
            [dict(zip([t(f"groups.col.{c}", lang) for c in columns],
                      (g.name, label("platform", g.platform, lang), g.first, g.last, g.messages, g.members_now,
                       g.snapshots), strict=True)) for g in groups],
            hide_index=True, width="stretch",
        )
        for g in imports.stats().groups:
            with st.expander(f"{escape(g.group)} · {g.first or '-'} ~ {g.last or '-'}"):
                _group_details(g)
                admins_view.show(assistant, settings, g.group)
