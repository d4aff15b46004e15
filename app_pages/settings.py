"""The settings page (admins only): the settings the environment and .env provide, the workspace
export, and the audit log.

The saved key is never shown, not even its length: the field is empty with "已设置" as its hint.
A new endpoint is saved only with the key typed again in the same submission (the rule lives in
``save_settings``, so every front end gets it), and every change is written to the audit log.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import streamlit as st

from app_pages import access, state
from assistant import AssistantError
from assistant.app import AuditLog, export_workspace
from assistant.config import environment_overrides, save_settings
from assistant.i18n import t

settings = state.settings()
lang = settings.language
access.require_admin(lang)
locked = environment_overrides()

st.title(t("settings.title", lang))
st.caption(t("settings.intro", lang))
for name in sorted(locked):
    st.caption("🔒 " + t("settings.env_locked", lang, name=name))

key_help = t("settings.key_set", lang) if settings.openai_api_key else None
with st.form("settings"):
    api_key = st.text_input("OPENAI_API_KEY", type="password", placeholder=key_help or "sk-…",
                            help=t("settings.key_needed", lang))
    clear_key = st.checkbox(t("settings.clear_key", lang), disabled=settings.openai_api_key is None)
    base_url = st.text_input("OPENAI_BASE_URL", value=settings.openai_base_url or "",
                             placeholder="https://api.deepseek.com/v1 · http://127.0.0.1:11434/v1")
    chat_model = st.text_input("ASSISTANT_CHAT_MODEL", value=settings.chat_model)
    embedding_model = st.text_input("ASSISTANT_EMBEDDING_MODEL", value=settings.embedding_model,
                                    placeholder=t("settings.embedding_hint", lang))
    data_dir = st.text_input("ASSISTANT_DATA_DIR", value=str(settings.data_dir))
    language = st.selectbox("ASSISTANT_LANGUAGE", ["zh", "en"], index=["zh", "en"].index(settings.language),
                            format_func=lambda code: {"zh": "简体中文", "en": "English"}[code])
    with st.expander(t("settings.advanced", lang)):
        rerank_model = st.text_input("ASSISTANT_RERANK_MODEL", value=settings.rerank_model,
                                     placeholder=t("settings.rerank_hint", lang))
        timeout = st.number_input("ASSISTANT_LLM_TIMEOUT", min_value=1.0, value=settings.llm_timeout)
        retries = st.number_input("ASSISTANT_LLM_MAX_RETRIES", min_value=0, max_value=10,
                                  value=settings.llm_max_retries)
    submitted = st.form_submit_button(t("settings.save", lang), type="primary")


def _changed(values: dict[str, str]) -> list[str]:
    """The names whose value differs from what is in effect (the key counts when typed or cleared)."""
    before = {"OPENAI_BASE_URL": settings.openai_base_url or "", "ASSISTANT_CHAT_MODEL": settings.chat_model,
              "ASSISTANT_EMBEDDING_MODEL": settings.embedding_model, "ASSISTANT_RERANK_MODEL": settings.rerank_model,
              "ASSISTANT_DATA_DIR": str(settings.data_dir), "ASSISTANT_LANGUAGE": settings.language,
              "ASSISTANT_LLM_TIMEOUT": str(settings.llm_timeout),
              "ASSISTANT_LLM_MAX_RETRIES": str(settings.llm_max_retries)}
    return sorted(name for name, value in values.items() if name == "OPENAI_API_KEY" or before.get(name) != value)


if submitted:
    values = {
        "OPENAI_BASE_URL": base_url.strip(),
        "ASSISTANT_CHAT_MODEL": chat_model.strip(),
        "ASSISTANT_EMBEDDING_MODEL": embedding_model.strip(),
        "ASSISTANT_RERANK_MODEL": rerank_model.strip(),
        "ASSISTANT_DATA_DIR": data_dir.strip(),
        "ASSISTANT_LANGUAGE": language,
        "ASSISTANT_LLM_TIMEOUT": str(timeout),
        "ASSISTANT_LLM_MAX_RETRIES": str(int(retries)),
    }
    if api_key.strip() or clear_key:
        values["OPENAI_API_KEY"] = "" if clear_key else api_key.strip()
    values = {k: v for k, v in values.items() if k not in locked}
    try:
        save_settings(values, language=settings.language)
    except AssistantError as exc:
        st.error(str(exc))
    else:
        changed = _changed(values)
        detail = {"changed": changed} | {n: values[n] for n in changed if n != "OPENAI_API_KEY"}
        access.record(settings, "settings.change", detail)
        state.reset_assistant()
        st.success(t("settings.saved", lang))
        st.rerun()


def _export() -> None:
    st.subheader(t("settings.workspace", lang))
    st.caption(t("settings.workspace.intro", lang))
    if not st.button(t("settings.workspace.export", lang), key="workspace-export"):
        return
    name = f"workspace-{time.strftime('%Y%m%d-%H%M%S')}.zip"
    try:
        with tempfile.TemporaryDirectory() as folder:
            report = export_workspace(settings.data_dir, Path(folder) / name, lang)
            data = report.archive.read_bytes()
    except AssistantError as exc:
        st.error(str(exc))
        return
    access.record(settings, "workspace.export", {"files": report.files, "bytes": report.bytes})
    st.download_button(t("settings.workspace.download", lang), data, file_name=name, mime="application/zip",
                       key="workspace-download")


def _audit() -> None:
    st.subheader(t("audit.title", lang))
    st.caption(t("audit.intro", lang))
    entries = AuditLog(settings.data_dir).recent()
    if not entries:
        st.info(t("audit.empty", lang))
        return
    st.dataframe(
        [{t("audit.col.at", lang): e.at, t("audit.col.actor", lang): e.actor,
          t("audit.col.action", lang): t(f"audit.action.{e.action}", lang),
          t("audit.col.detail", lang): ", ".join(f"{k}={v}" for k, v in e.detail.items())} for e in entries],
        hide_index=True, width="stretch",
    )


_export()
_audit()
