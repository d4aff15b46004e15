"""Cited messages, each of which opens the conversation around it.

Used wherever an answer or a finding cites group messages (chat answers, topics). A citation alone
("张三：能开发票吗？") rarely says whether it was a real question or already answered; one click
shows the messages before and after it, read from the history store. Only opened citations are
looked up, so a long chat costs nothing until someone asks. Message text comes from chat exports
and is escaped: it is shown, never interpreted as Markdown.
"""

from __future__ import annotations

import streamlit as st

from assistant import Assistant, AssistantError
from assistant.app import CONTEXT_SPAN as SPAN
from assistant.i18n import colon, label, t
from assistant.app import escape_markdown as escape
from assistant.app import in_language

OPENED = "opened_contexts"


def render(assistant: Assistant, items: list[dict], key: str) -> None:
    """One line per cited message with a 上下文 button; ``key`` makes the widgets unique on the page.
    A join or an exit is a sentence of ours, not a quote: it is shown in the workspace language."""
    lang = assistant.settings.language
    opened: set[str] = st.session_state.setdefault(OPENED, set())
    for n, item in enumerate(items):
        ident = f"{key}-{n}-{item['message_id']}"
        text, button = st.columns([8, 1], vertical_alignment="center")
        where = f"［{escape(item['group'])}］" if item.get("group") else ""
        said = in_language(item["text"], item.get("text_en", ""), lang)
        text.markdown(f"{where}{escape(item['ts'])} "  # no message id: raw ids are for --json only
                      f"**{escape(label('sender', item['sender'], lang))}**{colon(lang)}{escape(said)}")
        is_open = ident in opened
        button.button(t("chat.context_hide" if is_open else "chat.context", lang), key=f"context-{ident}",
                      on_click=_toggle, args=(ident,))
        if is_open:
            _conversation(assistant, item)


def forget() -> None:
    """Close every opened conversation (a new chat reuses the same widget keys)."""
    st.session_state[OPENED] = set()


def _toggle(ident: str) -> None:
    opened: set[str] = st.session_state.setdefault(OPENED, set())
    opened.symmetric_difference_update({ident})


def _conversation(assistant: Assistant, item: dict) -> None:
    lang = assistant.settings.language
    try:
        context = assistant.conversation_around(item["message_id"], item.get("group") or None)
    except AssistantError as exc:
        st.warning(str(exc))
        return
    with st.container(border=True):
        st.caption(t("chat.context_caption", lang, group=context.group, span=SPAN))
        for line in context.lines():
            admin = t("chat.admin", lang) if line["admin"] else ""
            body = f"{escape(line['ts'][5:])} **{escape(line['sender'])}**{admin}：{escape(line['text'])}"
            st.markdown(f":orange-background[{body}]" if line["cited"] else body)
