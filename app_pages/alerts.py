"""The 提醒 page: the alert queue (新 / 已处理 / 忽略, who and when) and the rules that fill it.

UI only: everything comes from ``assistant.briefing.alerts`` (the ``alerts`` commands' objects).
Each alert opens the conversation around its message; message text is escaped.
"""

from __future__ import annotations

import streamlit as st

from app_pages import access, evidence_view, state
from assistant import AssistantError
from assistant.app import ALERT_STATUSES as STATUSES
from assistant.app import INTENT_RULE as INTENT
from assistant.app import INTENTS, RuleDraft
from assistant.app import KEYWORD_RULE as KEYWORD
from assistant.app import REGEX_RULE as REGEX
from assistant.app import RULE_KIND_LABELS as KIND_LABELS
from assistant.app import escape_markdown as escape
from assistant.i18n import t
from assistant.i18n import t as tr

settings = state.settings()
assistant = state.assistant(settings)
lang = settings.language
alerts = assistant.briefing.alerts

st.title(tr("alerts.title", lang))
st.caption(tr("alerts.caption", lang))
queue_tab, rules_tab = st.tabs([tr("alerts.queue", lang), tr("alerts.rules", lang)])


def _handler() -> str:
    """The signed-in account handles the alert; without accounts the name typed on the page does."""
    viewer = access.current()
    if viewer.actor != access.LOCAL:
        return viewer.actor
    return st.session_state.get("alerts-by", "").strip()


def _act(ids: list[int], status: str) -> None:
    try:
        alerts.ack(ids, _handler(), status)
        access.record(settings, f"alert.{status}", {"alerts": ids})
    except AssistantError as exc:
        st.session_state["alerts-error"] = str(exc)


with queue_tab:
    left, right = st.columns([2, 2])
    choices = {**{k: v[lang] for k, v in STATUSES.items()}, "all": tr("alerts.all", lang)}
    status = left.radio(tr("alerts.status", lang), list(choices), format_func=choices.get, horizontal=True,
                        key="alerts-status")
    if access.current().actor == access.LOCAL:
        right.text_input(tr("alerts.by", lang), key="alerts-by", value=t("alerts.by_default", lang))
    if st.session_state.get("alerts-error"):
        st.error(st.session_state.pop("alerts-error"))
    try:
        found = alerts.list(None if status == "all" else status, limit=200)
    except AssistantError as exc:
        st.error(str(exc))
        found = []
    if not found:
        st.info(tr("alerts.empty", lang))
    for a in found:
        with st.container(border=True):
            head = f"**{escape(a.rule)}** · {escape(a.group)} · {a.ts} · " + (
                tr("alerts.handled_line", lang, status=a.status_label(lang), by=escape(a.handled_by), at=a.handled_at)
                if a.handled_by else a.status_label(lang))
            st.markdown(head)
            st.caption(escape(tr("alerts.matched", lang, rule=a.rule, hit=a.matched)))
            evidence_view.render(assistant, [{"message_id": a.message_id, "group": a.group, "ts": a.ts,
                                              "sender": a.sender, "text": a.text}], f"alert-{a.alert_id}")
            buttons = st.columns(3)
            if a.status != "handled":
                buttons[0].button(tr("alerts.handle", lang), key=f"alert-handle-{a.alert_id}", on_click=_act,
                                  args=([a.alert_id], "handled"))
            if a.status != "ignored":
                buttons[1].button(tr("alerts.ignore", lang), key=f"alert-ignore-{a.alert_id}", on_click=_act,
                                  args=([a.alert_id], "ignored"))
            if a.status != "new":
                buttons[2].button(tr("alerts.reopen", lang), key=f"alert-reopen-{a.alert_id}", on_click=_act,
                                  args=([a.alert_id], "new"))

with rules_tab:
    try:
        rules = alerts.rules()
        names = assistant.briefing.reader.group_names() if settings.history_db.exists() else []
    except AssistantError as exc:
        st.error(str(exc))
        rules, names = [], []
    if not rules:
        st.info(tr("alerts.no_rules", lang))
    for r in rules:
        text, button = st.columns([6, 1], vertical_alignment="center")
        scope = "、".join(r.groups) or tr("digest.all", lang)
        terms = f"（{'、'.join(r.terms)}）" if r.terms else ""
        text.markdown(f"**{escape(r.name)}** · {escape(r.label(lang))}{escape(terms)} · {escape(scope)}")
        if button.button(tr("alerts.delete", lang), key=f"rule-delete-{r.rule_id}"):
            alerts.remove_rule(r.rule_id)
            st.rerun()
    with st.form("rule-add"):
        st.markdown(f"**{tr('alerts.add', lang)}**")
        kind = st.radio(tr("alerts.kind", lang), [INTENT, KEYWORD, REGEX], format_func=lambda k: KIND_LABELS[k][lang],
                        horizontal=True, key="rule-kind")
        intent = st.selectbox(tr("alerts.intent", lang), list(INTENTS), format_func=lambda k: INTENTS[k][lang],
                              key="rule-intent")
        pattern = st.text_input(tr("alerts.pattern", lang), key="rule-pattern")
        terms = st.text_input(tr("alerts.terms", lang), key="rule-terms")
        groups = st.multiselect(tr("alerts.groups", lang), names, key="rule-groups")
        name = st.text_input(tr("alerts.name", lang), key="rule-name")
        if st.form_submit_button(tr("alerts.add", lang), type="primary"):
            draft = RuleDraft(name, kind, intent if kind == INTENT else pattern,
                              terms.replace("，", ",").split(","), groups)
            try:
                added = alerts.add_rule(draft)
                st.success(tr("alerts.added", lang, name=escape(added.name)))
            except AssistantError as exc:
                st.error(str(exc))
    if st.button(tr("alerts.check_all", lang), key="rules-check-all"):
        try:
            report = alerts.check(everything=True)
            st.success(tr("alerts.checked", lang, n=report.checked, filed=report.filed))
        except AssistantError as exc:
            st.error(str(exc))
