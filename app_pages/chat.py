"""The chat page: questions in, streamed answers with sources and the mode that answered out."""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from app_pages import evidence_view, state, welcome
from assistant import Answer, AssistantError
from assistant.i18n import colon, t
from assistant.reports.exports.markdown import escape
from assistant.safety.markup import neutralize, plain

QUICK_ACTIONS = ("announcement", "rules", "activity", "dispute", "complaint", "report")
DRAFT_JOBS = {"announcement": "announcement", "rules": "rules", "activity": "activity", "dispute": "dispute",
              "complaint": "complaint"}

settings = state.settings()
lang = settings.language
assistant = state.assistant(settings)
messages: list[dict] = st.session_state.setdefault("messages", [])


def _ask_quick(action: str) -> None:
    if action in DRAFT_JOBS:
        st.session_state["draft_job"] = DRAFT_JOBS[action]
        st.session_state["go_to"] = "app_pages/drafts.py"
    else:
        st.session_state["go_to"] = "app_pages/reports.py"


def _ask(question: str) -> None:
    st.session_state["pending_question"] = question


def _new_chat() -> None:
    st.session_state["messages"] = []
    evidence_view.forget()


def _render_answer(message: dict, key: str) -> None:
    st.markdown(neutralize(message["content"]))
    caption = f"{t('mode.label', lang)}{colon(lang)}{message['mode_label']}"
    if message.get("tokens"):
        caption += " · " + t("chat.tokens", lang, **message["tokens"])
    if message.get("route", "playbook") != "playbook":
        caption += " · " + t("chat.route.analytics", lang, tools="、".join(message.get("tools") or [message["route"]]))
    st.caption(caption)
    if message.get("evidence"):
        with st.expander(f"{t('chat.evidence', lang)} ({len(message['evidence'])})", expanded=key in opened_in):
            evidence_view.render(assistant, message["evidence"], key)
    with st.expander(f"{t('chat.sources', lang)} ({len(message['sources'])})"):
        if not message["sources"]:
            st.write(t("chat.no_sources", lang))
        for n, source in enumerate(message["sources"], start=1):
            st.markdown(f"**[{n}] {escape(source['title'])}** — {escape(source['source'])}")
            st.caption(escape(source["snippet"]))


def _write_stream(pieces: Iterable[str]) -> None:
    """Show an answer as it streams, neutralized as a whole each time (an image's Markdown may
    arrive split across pieces; only the complete text can be judged)."""
    shown, text = st.empty(), ""
    for piece in pieces:
        text += piece
        shown.markdown(neutralize(text) + "▌")
    shown.markdown(neutralize(text))


def _record(answer: Answer) -> dict:
    offline = answer.mode == "offline"
    return {
        "role": "assistant",
        "content": answer.text,
        "mode_label": t("mode.offline", lang) if offline else answer.mode,
        "tokens": None if offline else {"prompt": answer.prompt_tokens, "completion": answer.completion_tokens},
        "sources": [p.as_source() for p in answer.sources],
        "route": answer.route,
        "tools": answer.tools,
        "evidence": answer.evidence,
    }


if target := st.session_state.pop("go_to", None):
    st.switch_page(target)

header, new_button = st.columns([5, 1])
header.title(t("chat.title", lang))
new_button.button(t("chat.new", lang), on_click=_new_chat, use_container_width=True)
st.caption(f"{t('mode.label', lang)}{colon(lang)}{state.mode_label(assistant)}")
if assistant.is_offline:
    st.info(t("mode.offline_banner", lang))

if not messages and welcome.is_empty(assistant):
    welcome.render(assistant, _ask)

st.write(t("chat.quick", lang))
for column, action in zip(st.columns(len(QUICK_ACTIONS)), QUICK_ACTIONS, strict=True):
    column.button(t(f"quick.{action}", lang), key=f"quick-{action}", on_click=_ask_quick, args=(action,))

# An answer whose evidence has a conversation open keeps its expander open across reruns.
opened_in = {ident.split("-")[0] for ident in st.session_state.get(evidence_view.OPENED, set())}
for n, message in enumerate(messages):
    with st.chat_message(message["role"]):
        if message["role"] == "user":
            st.markdown(plain(message["content"]))
        else:
            _render_answer(message, f"answer{n}")

typed = st.chat_input(t("chat.input", lang))
question = typed or st.session_state.pop("pending_question", None)
if question:
    history = [(m["role"], m["content"]) for m in messages]
    with st.chat_message("user"):
        st.markdown(plain(question))
    with st.chat_message("assistant"):
        try:
            stream = assistant.stream(question, history)
            _write_stream(stream)
        except AssistantError as exc:
            st.error(str(exc))
        else:
            assert stream.answer is not None
            messages.append({"role": "user", "content": question})
            messages.append(_record(stream.answer))
            st.rerun()
