"""The chat page: saved conversations in the sidebar, questions in, streamed answers with sources,
and for each answer copy (plain text), 👍/👎 with a note, and regenerate; the input's button stops
an answer while it streams.

Conversations live in the workspace (``assistant.chats``), not in this browser session: the open
one is named in the address (``?c=…``), so a reload or a second browser shows it again.
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from app_pages import access, evidence_view, state, welcome
from app_pages.copy_button import copy_button
from assistant import AssistantError
from assistant.app import ChatConversation as Conversation
from assistant.app import ChatTurn as Turn
from assistant.app import chat_text, keep_line_breaks, neutralize
from assistant.app import escape_markdown as escape
from assistant.app import markdown_to_text as to_plain
from assistant.app import plain_markdown as plain
from assistant.i18n import colon, label, t

QUICK_ACTIONS = ("announcement", "rules", "activity", "dispute", "complaint", "report")
DRAFT_JOBS = {"announcement": "announcement", "rules": "rules", "activity": "activity", "dispute": "dispute",
              "complaint": "complaint"}
RATING = {1: "up", 0: "down"}  # st.feedback("thumbs") values

settings = state.settings()
lang = settings.language
assistant = state.assistant(settings)
chats = assistant.chats
owner = access.current().actor


def _ask_quick(action: str) -> None:
    if action in DRAFT_JOBS:
        st.session_state["draft_job"] = DRAFT_JOBS[action]
        st.session_state["go_to"] = "app_pages/drafts.py"
    else:
        st.session_state["go_to"] = "app_pages/reports.py"


def _ask(question: str) -> None:
    st.session_state["pending_question"] = question


def _open(conv_id: str | None) -> None:
    if conv_id:
        st.query_params["c"] = conv_id
    else:
        st.query_params.pop("c", None)
    evidence_view.forget()


def _rated(turn_id: int) -> None:
    value = st.session_state.get(f"rate-{turn_id}")
    note = st.session_state.get(f"note-{turn_id}", "")
    chats.rate(owner, turn_id, RATING.get(value) if value is not None else None, note)


def _noted(turn_id: int) -> None:
    _rated(turn_id)
    st.toast(chat_text("answer.rated", lang))


def _rename(conv_id: str) -> None:
    chats.rename(owner, conv_id, st.session_state.get(f"title-{conv_id}", ""))


def _delete(conv_id: str) -> None:
    chats.delete(owner, conv_id)
    _open(None)


def _current() -> Conversation | None:
    conv_id = st.query_params.get("c")
    if not conv_id:
        return None
    try:
        return chats.open(owner, conv_id)
    except AssistantError:  # deleted meanwhile, or another account's: start afresh
        _open(None)
        return None


def _sidebar(current: Conversation | None) -> None:
    bar = st.sidebar
    bar.button(chat_text("list.new", lang), on_click=_open, args=(None,), icon=":material/add:", width="stretch",
               key="conv-new")
    query = bar.text_input(chat_text("list.search", lang), key="conv-search", icon=":material/search:")
    listing = chats.list(owner, query)
    bar.caption(chat_text("list.title", lang))
    if not listing:
        bar.caption(chat_text("list.no_match", lang, query=query) if query.strip() else chat_text("list.empty", lang))
    for conv in listing[:50]:
        bar.button(conv.title or chat_text("list.untitled", lang), key=f"conv-{conv.conv_id}", width="stretch",
                   type="primary" if current and conv.conv_id == current.conv_id else "secondary",
                   on_click=_open, args=(conv.conv_id,))
    if current:
        with bar.expander(chat_text("list.manage", lang)):
            st.text_input(chat_text("list.rename_label", lang), value=current.title, key=f"title-{current.conv_id}")
            st.button(chat_text("list.rename", lang), key="conv-rename", on_click=_rename, args=(current.conv_id,))
            title = current.title or chat_text("list.untitled", lang)
            if st.checkbox(chat_text("list.delete_confirm", lang, title=title), key=f"confirm-{current.conv_id}"):
                st.button(chat_text("list.delete_yes", lang), key="conv-delete", type="primary",
                          on_click=_delete, args=(current.conv_id,))
    everyone = access.current().is_admin and owner != access.LOCAL
    bar.download_button(chat_text("list.export_all" if everyone else "list.export", lang),
                        chats.ratings_csv(None if everyone else owner).encode("utf-8"), "ratings.csv", "text/csv",
                        key="ratings-csv", icon=":material/download:", width="stretch")


def _caption(turn: Turn) -> str:
    meta = turn.meta
    mode = meta.get("mode", "offline")
    caption = f"{t('mode.label', lang)}{colon(lang)}{t('mode.offline', lang) if mode == 'offline' else mode}"
    tokens = meta.get("tokens") or {}
    if mode != "offline" and tokens:
        caption += " · " + t("chat.tokens", lang, **tokens)
    route = meta.get("route", "playbook")
    if route != "playbook" and not route.startswith("draft:"):
        tools = (label("tool", name, lang) for name in meta.get("tools") or [route])
        caption += " · " + t("chat.route.analytics", lang, tools=t("tool.names", lang).join(tools))
    return caption


def _render_answer(turn: Turn, last: bool) -> None:
    body = turn.content
    if turn.meta.get("route", "").startswith("draft:"):
        body = keep_line_breaks(body)
    st.markdown(neutralize(body, lang))
    if turn.stopped:
        st.caption(chat_text("answer.stopped", lang))
    else:
        st.caption(_caption(turn))
    _actions(turn, last)
    evidence, sources = turn.meta.get("evidence") or [], turn.meta.get("sources") or []
    key = f"answer{turn.turn_id}"
    if evidence:
        with st.expander(f"{t('chat.evidence', lang)} ({len(evidence)})", expanded=key in opened_in):
            evidence_view.render(assistant, evidence, key)
    if turn.meta.get("followup_of"):
        st.caption(t("chat.followup", lang, previous=escape(turn.meta["followup_of"])))
    if not turn.stopped:
        # The cited passages, collapsed: the answer's text quotes only their key sentences.
        with st.expander(f"{t('chat.sources', lang)} ({len(sources)})"):
            if not sources:
                st.write(t("chat.not_found" if turn.meta.get("found") is False else "chat.no_sources", lang))
            for n, source in enumerate(sources, start=1):
                st.markdown(f"**[{n}] {escape(source['title'])}** — {escape(source['source'])}")
                st.markdown(escape(source.get("body") or source["snippet"]))


def _actions(turn: Turn, last: bool) -> None:
    """Copy, 👍/👎 (and a note once rated), regenerate (the last answer only)."""
    rate_key, note_key = f"rate-{turn.turn_id}", f"note-{turn.turn_id}"
    if rate_key not in st.session_state and turn.rating:
        st.session_state[rate_key] = 1 if turn.rating == "up" else 0
    if note_key not in st.session_state:
        st.session_state[note_key] = turn.note
    with st.container(horizontal=True, vertical_alignment="center"):
        copy_button(to_plain(turn.content), chat_text("answer.copy", lang), chat_text("answer.copied", lang),
                    chat_text("answer.copy_failed", lang))
        st.feedback("thumbs", key=rate_key, on_change=_rated, args=(turn.turn_id,))
        if last:
            st.button(chat_text("answer.regenerate", lang), key=f"regenerate-{turn.turn_id}", icon=":material/refresh:",
                      type="tertiary", on_click=st.session_state.__setitem__, args=("regenerate", turn.turn_id))
    if st.session_state.get(rate_key) is not None:
        st.text_input(chat_text("answer.note", lang), key=note_key, on_change=_noted, args=(turn.turn_id,),
                      placeholder=chat_text("answer.note_placeholder", lang), label_visibility="collapsed")


def _write_stream(pieces: Iterable[str]) -> None:
    """Show an answer as it streams, neutralized as a whole each time (an image's Markdown may
    arrive split across pieces; only the complete text can be judged)."""
    shown, text = st.empty(), ""
    for piece in pieces:
        text += piece
        shown.markdown(neutralize(text, lang) + "▌")
    shown.markdown(neutralize(text, lang))


def _answer(start) -> None:  # noqa: ANN001 - a callable returning a chats Reply
    """Stream a reply; whatever has arrived is saved if the run is stopped or interrupted."""
    with st.chat_message("assistant"):
        try:
            reply = start()
        except AssistantError as exc:
            st.error(str(exc))
            return
        if st.query_params.get("c") != reply.conv_id:
            st.query_params["c"] = reply.conv_id
        try:
            _write_stream(reply)
        except AssistantError as exc:
            st.error(str(exc))
            return
        finally:
            reply.stop()  # a no-op once the answer is saved
    st.rerun()


if target := st.session_state.pop("go_to", None):
    st.switch_page(target)

current = _current()
_sidebar(current)
header, new_button = st.columns([5, 1], vertical_alignment="bottom")
header.title(t("chat.title", lang))
new_button.button(t("chat.new", lang), on_click=_open, args=(None,), width="stretch", key="chat-new")
st.caption(f"{t('mode.label', lang)}{colon(lang)}{state.mode_label(assistant)}")
st.caption(t("kb.embedding", lang, name=escape(label("embedding", assistant.embedding_label, lang))))
if assistant.is_offline:
    st.info(t("mode.offline_banner", lang))

if current is None and assistant.is_empty():
    welcome.render(assistant, _ask)

st.write(t("chat.quick", lang))
for column, action in zip(st.columns(len(QUICK_ACTIONS)), QUICK_ACTIONS, strict=True):
    column.button(t(f"quick.{action}", lang), key=f"quick-{action}", on_click=_ask_quick, args=(action,))

# Regenerating replaces the last answer: drop it before the conversation is drawn.
regenerate = st.session_state.pop("regenerate", None)
pending_reply = None
if regenerate is not None and current is not None:
    pending_reply = (lambda conv_id=current.conv_id: chats.regenerate(owner, conv_id))
    current.turns = [turn for turn in current.turns if turn.turn_id != regenerate]

# An answer whose evidence has a conversation open keeps its expander open across reruns.
opened_in = {ident.split("-")[0] for ident in st.session_state.get(evidence_view.OPENED, set())}
turns = current.turns if current else []
last_answer = max((turn.turn_id for turn in turns if turn.role == "assistant"), default=None)
for turn in turns:
    with st.chat_message(turn.role):
        if turn.role == "user":
            st.markdown(plain(turn.content))
        else:
            _render_answer(turn, turn.turn_id == last_answer and turn is turns[-1])

typed = st.chat_input(t("chat.input", lang), submit_mode="stop")
question = typed or st.session_state.pop("pending_question", None)
if pending_reply is not None:
    _answer(pending_reply)
elif question:
    with st.chat_message("user"):
        st.markdown(plain(question))
    _answer(lambda conv_id=current.conv_id if current else None: chats.ask(owner, conv_id, question))
