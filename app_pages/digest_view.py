"""The 日报 tab of 群数据: one group or all, one day or a range, optionally one member.

UI only: the digest comes from ``assistant.briefing.digests`` (the ``digest`` command's object) and
is kept in the session with the choices that made it; every quote has a 上下文 button that opens
its conversation (``evidence_view``). Text from chat exports is escaped; the summary a model wrote
is neutralized (no link or image can load).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import streamlit as st

from app_pages import evidence_view, state
from assistant import Assistant, AssistantError
from assistant.app import chromium, digest_message, neutralize
from assistant.app import digest_blocks as blocks
from assistant.app import digest_title as title
from assistant.app import escape_markdown as escape
from assistant.i18n import t as tr

RESULT = "digest_result"


def render(assistant: Assistant) -> None:
    lang = assistant.settings.language
    briefing = assistant.briefing
    try:
        names = briefing.reader.group_names()
        last = briefing.reader.last_message()
    except AssistantError as exc:
        st.info(str(exc))
        return
    st.caption(tr("view.caption", lang))
    everyone = tr("digest.all", lang)
    group_col, kind_col, day_col, member_col = st.columns([3, 2, 3, 3])
    choice = group_col.selectbox(tr("view.group", lang), [everyone, *names], key="digest-group")
    several = kind_col.radio(tr("view.range", lang), [tr("view.one_day", lang), tr("view.several_days", lang)],
                             key="digest-kind") == tr("view.several_days", lang)
    default = _default_day(briefing.now().date(), last)
    if several:
        picked = day_col.date_input(tr("view.range", lang), (default - timedelta(days=6), default), key="digest-range")
    else:
        picked = day_col.date_input(tr("view.day", lang), default, key="digest-day")
    member = member_col.text_input(tr("view.member", lang), key="digest-member").strip() or None
    group = None if choice == everyone else choice
    wanted = (state.history_version(assistant), group, str(picked), member)
    if st.button(tr("view.make", lang), type="primary", key="digest-make"):
        _make(assistant, wanted, group, picked, member)
    shown = st.session_state.get(RESULT)
    if shown is not None and shown[0] == wanted:
        _show(assistant, shown[1])


def _default_day(today: date, last) -> date:  # noqa: ANN001 - the last message's datetime or None
    yesterday = today - timedelta(days=1)
    if last is None:
        return yesterday
    return min(yesterday, last.date())


def _make(assistant: Assistant, wanted: tuple, group: str | None, picked, member: str | None) -> None:  # noqa: ANN001
    lang = assistant.settings.language
    with st.spinner(tr("view.making", lang)):
        try:
            if isinstance(picked, tuple):
                if len(picked) != 2:
                    return
                result = assistant.briefing.digests.digest(group, since=picked[0].isoformat(),
                                                           until=picked[1].isoformat(), member=member)
            else:
                result = assistant.briefing.digests.digest(group, on=picked, member=member)
        except AssistantError as exc:
            st.error(str(exc))
            return
    evidence_view.forget()
    st.session_state[RESULT] = (wanted, result)


def _show(assistant: Assistant, result) -> None:  # noqa: ANN001 - a Digest
    lang = assistant.settings.language
    st.subheader(escape(title(result)))
    if result.narrative and result.narrative.notice:
        st.warning(result.narrative.notice)
    _downloads(assistant, result)
    for n, block in enumerate(blocks(result)):
        if not block.title:
            st.info(" ".join(escape(line.text) for line in block.lines))
            continue
        (st.subheader if block.level <= 2 else st.markdown)(escape(block.title) if block.level <= 2
                                                          else f"**{escape(block.title)}**")
        model_wrote = result.narrative and result.narrative.mode != "offline" and n == 0
        quoted = []
        for line in block.lines:
            if line.quote is None:
                _flush(assistant, quoted, f"digest-{n}-{len(quoted)}")
                quoted = []
                st.markdown(neutralize(line.text, lang) if model_wrote else f"- {escape(line.text)}")
            else:
                state = _STATE.match(line.text)  # ［未回复］ / [unanswered], before the quote
                state_label = state.group(0) if state else ""
                quoted.append({**line.quote.to_dict(), "text": state_label + line.quote.text})
        _flush(assistant, quoted, f"digest-{n}-end")


_STATE = re.compile(r"［[^］]*］|\[[^\]]*\] ")


def _flush(assistant: Assistant, quoted: list[dict], key: str) -> None:
    if quoted:
        evidence_view.render(assistant, quoted, key)


def _downloads(assistant: Assistant, result) -> None:  # noqa: ANN001
    lang = assistant.settings.language
    stem = f"digest-{result.first_day}" + ("" if result.first_day == result.last_day else f"-{result.last_day}")
    formats = [(".md", "Markdown", "text/markdown"), (".html", "HTML", "text/html")]
    if chromium():
        formats.append((".png", "PNG", "image/png"))
    columns = st.columns(len(formats) + 1)
    for column, (ext, name, mime) in zip(columns, formats, strict=False):
        try:
            data = assistant.briefing.digests.export(result, ext) if ext != ".png" else None
        except AssistantError as exc:
            column.warning(str(exc))
            continue
        if data is not None:
            column.download_button(tr("view.download", lang, fmt=name), data, file_name=stem + ext, mime=mime,
                                   key=f"digest-download-{ext[1:]}", width="stretch")
        elif column.button(tr("view.download", lang, fmt=name), key="digest-png", width="stretch"):
            try:
                png = assistant.briefing.digests.export(result, ".png")
                column.download_button("⬇ PNG", png, file_name=stem + ".png", mime=mime, key="digest-png-ready")
            except AssistantError as exc:
                column.warning(str(exc))
    _send(assistant, result, columns[-1])


def _send(assistant: Assistant, result, column) -> None:  # noqa: ANN001
    lang = assistant.settings.language
    try:
        channels = [c.name for c in assistant.briefing.delivery.channels()]
    except AssistantError:
        return
    with column.popover(tr("view.send", lang), width="stretch"):
        chosen = st.multiselect(tr("view.send", lang), channels, default=["inbox"], key="digest-send-to")
        if st.button(tr("view.send_button", lang), key="digest-send", disabled=not chosen):
            try:
                sent = assistant.briefing.delivery.deliver(digest_message(result), chosen, [g.group for g in result.groups])
            except AssistantError as exc:
                st.error(str(exc))
                return
            for r in sent:
                (st.success if r.status == "ok" else st.error)(
                    tr("view.sent", lang, channel=escape(r.channel), status=escape(r.status + (" " + r.detail if r.detail else ""))))
