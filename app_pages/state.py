"""What every page shares: the settings of this run and the cached Assistant.

The Assistant (Chroma handle, chat client, BM25 index) is built once per distinct settings and
shared by all browser sessions; conversations live in each session's ``st.session_state``.
"""

from __future__ import annotations

import hashlib

import streamlit as st

from assistant import Assistant, AssistantError, Settings, load_settings
from assistant.i18n import t


def settings() -> Settings:
    """Settings as they are now (environment, then .env); shows the error and stops if invalid."""
    try:
        return load_settings()
    except AssistantError as exc:
        st.error(str(exc))
        st.stop()
        raise  # unreachable: st.stop() raises


def _settings_key(current: Settings) -> str:
    # model_dump_json masks the key; a changed key must still build a new Assistant.
    return current.model_dump_json() + hashlib.sha256(current.api_key.encode()).hexdigest()


@st.cache_resource(show_spinner=False, hash_funcs={Settings: _settings_key})
def _build(current: Settings) -> Assistant:
    return Assistant.from_settings(current)


def assistant(current: Settings) -> Assistant:
    """The cached Assistant for ``current``; shows a fix-it error and stops when it cannot start."""
    try:
        with st.spinner(t("state.loading", current.language)):
            return _build(current)
    except AssistantError as exc:
        st.error(t("chat.unavailable", current.language) + str(exc))
        st.stop()
        raise


def reset_assistant() -> None:
    """Forget cached Assistants, so the next page run uses new settings."""
    _build.clear()


def mode_label(current: Assistant) -> str:
    return t("mode.offline", current.settings.language) if current.is_offline else current.mode


def history_version(current: Assistant) -> str:
    """Changes whenever the history file does (an import): the key for results cached per session."""
    path = current.settings.history_db
    stat = path.stat() if path.exists() else None
    return f"{stat.st_mtime_ns}-{stat.st_size}" if stat else "none"


def new_alerts() -> int:
    """How many alerts wait in the queue (the navigation's badge); 0 when that cannot be told."""
    try:
        return assistant(settings()).briefing.alerts.count_new()
    except AssistantError:
        return 0
