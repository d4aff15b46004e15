"""The saved key cannot be redirected and .env is private: ``save_settings`` enforces both for every front end."""

from __future__ import annotations

import stat

import pytest

from assistant import ConfigError, load_settings
from assistant.config import save_settings

OLD_URL, NEW_URL = "http://127.0.0.1:8000/v1", "http://attacker.example/v1"


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def saved_key(isolated_env):
    env = isolated_env / ".env"
    env.write_text(f"OPENAI_API_KEY=sk-saved\nOPENAI_BASE_URL={OLD_URL}\n")
    return env


def test_a_new_endpoint_without_the_key_is_refused_and_nothing_changes(saved_key) -> None:
    before = saved_key.read_text()
    for url in (NEW_URL, ""):  # "" = api.openai.com, also a different server
        with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
            save_settings({"OPENAI_BASE_URL": url, "ASSISTANT_CHAT_MODEL": "x"})
    assert saved_key.read_text() == before


def test_a_new_endpoint_with_the_key_typed_again_or_removed_is_saved(saved_key) -> None:
    assert save_settings({"OPENAI_BASE_URL": NEW_URL, "OPENAI_API_KEY": "sk-typed"}).api_key == "sk-typed"
    settings = save_settings({"OPENAI_BASE_URL": OLD_URL, "OPENAI_API_KEY": ""})
    assert settings.openai_api_key is None and settings.openai_base_url == OLD_URL


def test_the_same_endpoint_and_other_settings_need_no_key(saved_key) -> None:
    settings = save_settings({"OPENAI_BASE_URL": OLD_URL, "ASSISTANT_CHAT_MODEL": "deepseek-chat"})
    assert settings.api_key == "sk-saved" and settings.chat_model == "deepseek-chat"


def test_without_a_key_the_endpoint_changes_freely(isolated_env) -> None:
    assert save_settings({"OPENAI_BASE_URL": NEW_URL}).openai_base_url == NEW_URL


def test_a_key_from_the_environment_must_be_typed_exactly(saved_key, monkeypatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env")
    for typed in (None, "", "sk-guess"):
        values = {"OPENAI_BASE_URL": NEW_URL} | ({} if typed is None else {"OPENAI_API_KEY": typed})
        with pytest.raises(ConfigError):
            save_settings(values)
    assert save_settings({"OPENAI_BASE_URL": NEW_URL, "OPENAI_API_KEY": "sk-env"}).openai_base_url == NEW_URL


def test_dotenv_is_created_private_and_a_loose_one_is_tightened(isolated_env) -> None:
    env = isolated_env / ".env"
    save_settings({"OPENAI_API_KEY": "sk-new"})
    assert mode(env) == 0o600
    env.chmod(0o644)
    save_settings({"ASSISTANT_LANGUAGE": "en"})
    assert mode(env) == 0o600 and load_settings().api_key == "sk-new"
