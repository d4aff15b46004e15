"""The 定时任务 page: schedules (add, change times, pause, run now, delete) with each run's log,
the delivery channels, and the app's inbox.

UI only: ``assistant.briefing.schedules`` and ``assistant.briefing.delivery`` do the work (the
``schedule`` commands' objects). Channel secrets are typed into password fields and never shown
again: the list shows ``Channel.public``.
"""

from __future__ import annotations

import streamlit as st

from app_pages import access, state
from assistant import AssistantError
from assistant.app import AUDIENCES, DAILY_DIGEST, WEEKDAY_LABELS, Channel, Outgoing
from assistant.app import CHANNEL_KINDS as KINDS
from assistant.app import EMAIL_CHANNEL as EMAIL
from assistant.app import FOLDER_CHANNEL as FOLDER
from assistant.app import INBOX_CHANNEL as INBOX
from assistant.app import SCHEDULE_JOBS as JOBS
from assistant.app import escape_markdown as escape
from assistant.i18n import label, t
from assistant.i18n import t as tr


settings = state.settings()
assistant = state.assistant(settings)
lang = settings.language
briefing = assistant.briefing
schedules, delivery = briefing.schedules, briefing.delivery

st.title(tr("schedules.title", lang))
st.caption(tr("schedules.caption", lang))
list_tab, channels_tab, inbox_tab = st.tabs([tr("schedules.list", lang), tr("channels.title", lang),
                                             tr("channels.inbox", lang)])


def _safely(action, *args, **kwargs) -> None:  # noqa: ANN001
    try:
        action(*args, **kwargs)
    except AssistantError as exc:
        st.session_state["schedules-error"] = str(exc)


def _days_text(days: list[int]) -> str:
    return ",".join(str(d + 1) for d in days)


try:
    channel_names = [c.name for c in delivery.channels()]
    group_names = briefing.reader.group_names() if settings.history_db.exists() else []
except AssistantError as exc:
    st.error(str(exc))
    st.stop()

with list_tab:
    if st.session_state.get("schedules-error"):
        st.error(st.session_state.pop("schedules-error"))
    found = schedules.list()
    if not found:
        st.info(tr("schedules.none", lang))
    for s in found:
        with st.container(border=True):
            upcoming = s.next_run(schedules.now())
            state_text = tr("schedules.paused", lang) if s.paused else (
                tr("schedules.next", lang, at=f"{upcoming:%Y-%m-%d %H:%M}") if upcoming else "")
            target = escape(s.options.get("group") or tr("digest.all", lang))
            st.markdown(f"**{escape(s.name)}** · {JOBS[s.job][lang]} · {target} · {escape(s.when(lang))} · {state_text} · "
                        f"→ {escape('、'.join(s.options.get('channels', ['inbox'])))}")
            cols = st.columns(4)
            cols[0].button(tr("schedules.resume" if s.paused else "schedules.pause", lang), key=f"sched-pause-{s.schedule_id}",
                           on_click=_safely, args=(schedules.pause, s.schedule_id, not s.paused))
            cols[1].button(tr("schedules.run_now", lang), key=f"sched-run-{s.schedule_id}",
                           on_click=_safely, args=(schedules.run_now, s.schedule_id))
            cols[2].button(tr("schedules.delete", lang), key=f"sched-delete-{s.schedule_id}",
                           on_click=_safely, args=(schedules.remove, s.schedule_id))
            with cols[3].popover(tr("schedules.edit", lang)):
                times = st.text_input(tr("schedules.at", lang), ",".join(s.times), key=f"sched-times-{s.schedule_id}")
                days = st.multiselect(tr("schedules.days", lang), list(range(7)), list(s.days),
                                      format_func=lambda d: WEEKDAY_LABELS[lang][d], key=f"sched-days-{s.schedule_id}")
                st.button(tr("schedules.save", lang), key=f"sched-save-{s.schedule_id}", on_click=_safely,
                          args=(schedules.update, s.schedule_id), kwargs={"at": times, "days": _days_text(days)})
            runs = schedules.runs(s.schedule_id, limit=5)
            with st.expander(tr("schedules.runs", lang) + f"（{len(runs)}）"):
                if not runs:
                    st.caption(tr("schedules.no_runs", lang))
                for r in runs:
                    st.markdown(f"`{r.status}` {r.started_at} · {escape((r.due_at or '')[:16])}")
                    st.text("\n".join(r.log) or "-")

    with st.form("schedule-add"):
        st.markdown(f"**{tr('schedules.add', lang)}**")
        job = st.selectbox(tr("schedules.job", lang), list(JOBS), format_func=lambda j: JOBS[j][lang], key="sched-job")
        left, right = st.columns(2)
        at = left.text_input(tr("schedules.at", lang), "08:00", key="sched-at")
        days = right.multiselect(tr("schedules.days", lang), list(range(7)), list(range(7)),
                                 format_func=lambda d: WEEKDAY_LABELS[lang][d], key="sched-days")
        left, right = st.columns(2)
        group = left.selectbox(tr("view.group", lang), ["", *group_names],
                               format_func=lambda g: g or tr("digest.all", lang), key="sched-group")
        period = right.radio(tr("schedules.period", lang), ["yesterday", "today"],
                             format_func=lambda p: tr(f"schedules.period.{p}", lang), horizontal=True, key="sched-period")
        channels = st.multiselect(tr("schedules.channels", lang), channel_names, ["inbox"], key="sched-channels")
        if st.form_submit_button(tr("schedules.add", lang), type="primary"):
            options = {"channels": channels or ["inbox"]} | ({"group": group} if group else {}) | (
                {"period": period} if job == DAILY_DIGEST else {})
            try:
                schedules.add(job, at, _days_text(days), options=options)
                st.rerun()
            except AssistantError as exc:
                st.error(str(exc))


def _add_channel_form() -> None:
    with st.form("channel-add"):
        st.markdown(f"**{tr('channels.add', lang)}**")
        left, mid, right = st.columns(3)
        name = left.text_input(tr("channels.name", lang), key="channel-name")
        kind = mid.selectbox(tr("channels.kind", lang), [k for k in KINDS if k != INBOX],
                             format_func=lambda k: KINDS[k][lang], key="channel-kind")
        audience = right.radio(tr("channels.audience", lang), list(AUDIENCES), format_func=lambda a: AUDIENCES[a][lang],
                               key="channel-audience")
        url = st.text_input(tr("channels.url", lang), key="channel-url", type="password")
        secret = st.text_input(tr("channels.secret", lang), key="channel-secret", type="password")
        path = st.text_input(tr("channels.path", lang), key="channel-path")
        host_col, port_col, tls_col = st.columns(3)
        host = host_col.text_input(tr("channels.host", lang), key="channel-host")
        port = port_col.number_input(tr("channels.port", lang), 0, 65535, 0, key="channel-port")
        tls = tls_col.selectbox(tr("channels.tls", lang), ["starttls", "ssl", "none"], key="channel-tls",
                                format_func=lambda mode: label("tls", mode, lang))
        user_col, password_col = st.columns(2)
        user = user_col.text_input(tr("channels.user", lang), key="channel-user")
        password = password_col.text_input(tr("channels.password", lang), type="password", key="channel-password")
        sender_col, to_col = st.columns(2)
        sender = sender_col.text_input(tr("channels.sender", lang), key="channel-sender")
        to = to_col.text_input(tr("channels.to", lang), key="channel-to")
        if st.form_submit_button(tr("channels.add", lang), type="primary"):
            config = {"url": url, "secret": secret, "path": path if kind == FOLDER else "",
                      "host": host, "port": int(port) or None, "tls": tls if kind == EMAIL else "", "user": user,
                      "password": password, "sender": sender,
                      "to": [a.strip() for a in to.replace("，", ",").split(",") if a.strip()]}
            try:
                delivery.add_channel(Channel(name, kind, audience, {k: v for k, v in config.items() if v}))
                access.record(settings, "channel.add", {"channel": name, "kind": kind})
                st.rerun()
            except AssistantError as exc:
                st.error(str(exc))


def _channel_changed(action, name: str) -> None:  # noqa: ANN001
    _safely(action, name)
    access.record(settings, "channel.remove", {"channel": name})


with channels_tab:
    is_admin = access.current().is_admin
    if not is_admin:
        st.info(tr("channels.admin_only", lang))
    for c in delivery.channels():
        shown = c.public(lang)
        text, button = st.columns([6, 2], vertical_alignment="center")
        details = tr("tool.list", lang).join(f"{k}={v}" for k, v in shown["config"].items())
        text.markdown(f"**{escape(c.name)}** · {KINDS[c.kind][lang]} · {AUDIENCES[c.audience][lang]}"
                      + (f" · `{escape(details)}`" if details else ""))
        if c.kind != INBOX and is_admin:
            test, delete = button.columns(2)
            if test.button(tr("channels.test", lang), key=f"channel-test-{c.name}"):
                test = t("schedules.test_text", lang)
                [r] = delivery.deliver(Outgoing(t("schedules.test_title", lang), test, f"<p>{test}</p>", test), [c.name],
                                       ["test"])
                (st.success if r.status == "ok" else st.error)(escape(r.detail or r.status))
            delete.button(tr("schedules.delete", lang), key=f"channel-delete-{c.name}",
                          on_click=_channel_changed, args=(delivery.remove_channel, c.name))
    if is_admin:
        _add_channel_form()

with inbox_tab:
    items = delivery.inbox()
    if not items:
        st.info(tr("channels.empty_inbox", lang))
    for item in items:
        with st.expander(("• " if not item.read else "") + f"{item.at} {escape(item.subject)}"):
            st.text(item.body)
            if not item.read:
                st.button("✓", key=f"inbox-read-{item.item_id}", on_click=delivery.mark_read, args=(item.item_id,))
