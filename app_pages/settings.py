"""The settings page: edit the same settings the environment and .env provide."""

from __future__ import annotations

import streamlit as st

from app_pages import state
from assistant import AssistantError
from assistant.config import environment_overrides, save_settings
from assistant.i18n import t

settings = state.settings()
lang = settings.language
locked = environment_overrides()

st.title(t("settings.title", lang))
st.caption(t("settings.intro", lang))
for name in sorted(locked):
    st.caption("🔒 " + t("settings.env_locked", lang, name=name))

key_help = t("settings.key_set", lang) if settings.openai_api_key else None
with st.form("settings"):
    api_key = st.text_input("OPENAI_API_KEY", type="password", placeholder=key_help or "sk-…")
    clear_key = st.checkbox(t("settings.clear_key", lang), disabled=settings.openai_api_key is None)
    base_url = st.text_input("OPENAI_BASE_URL", value=settings.openai_base_url or "",
                             placeholder="https://api.deepseek.com/v1 · http://127.0.0.1:11434/v1")
    chat_model = st.text_input("ASSISTANT_CHAT_MODEL", value=settings.chat_model)
    embedding_model = st.text_input("ASSISTANT_EMBEDDING_MODEL", value=settings.embedding_model,
                                    placeholder="text-embedding-3-small (留空 = 离线嵌入)")
    data_dir = st.text_input("ASSISTANT_DATA_DIR", value=str(settings.data_dir))
    language = st.selectbox("ASSISTANT_LANGUAGE", ["zh", "en"], index=["zh", "en"].index(settings.language),
                            format_func=lambda code: {"zh": "简体中文", "en": "English"}[code])
    with st.expander(t("settings.advanced", lang)):
        rerank_model = st.text_input("ASSISTANT_RERANK_MODEL", value=settings.rerank_model,
                                     placeholder="bge-reranker-v2-m3 · chat (用对话模型打分) · 留空 = 不重排")
        timeout = st.number_input("ASSISTANT_LLM_TIMEOUT", min_value=1.0, value=settings.llm_timeout)
        retries = st.number_input("ASSISTANT_LLM_MAX_RETRIES", min_value=0, max_value=10,
                                  value=settings.llm_max_retries)
    submitted = st.form_submit_button(t("settings.save", lang), type="primary")

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
    try:
        save_settings({k: v for k, v in values.items() if k not in locked})
    except AssistantError as exc:
        st.error(str(exc))
    else:
        state.reset_assistant()
        st.success(t("settings.saved", lang))
        st.rerun()
