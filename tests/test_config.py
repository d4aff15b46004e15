"""Settings come from the environment and .env, validated, with fix-it errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import ConfigError, load_settings
from assistant.config import environment_overrides, save_settings


def test_defaults_are_offline_chinese_and_local(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ASSISTANT_DATA_DIR")
    settings = load_settings()
    assert settings.chat_model == "gpt-4o-mini"
    assert settings.embedding_model == ""
    assert settings.language == "zh"
    assert settings.data_dir == Path("data")
    assert not settings.llm_enabled


@pytest.mark.parametrize(
    ("variables", "enabled"),
    [
        ({"OPENAI_API_KEY": "sk-x"}, True),
        ({"OPENAI_BASE_URL": "http://127.0.0.1:11434/v1"}, True),
        ({"OPENAI_API_KEY": "  "}, False),
        ({}, False),
    ],
)
def test_llm_mode_follows_the_standard_openai_variables(monkeypatch, variables, enabled) -> None:
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    assert load_settings().llm_enabled is enabled


def test_dotenv_is_read_and_the_environment_wins(monkeypatch, tmp_path) -> None:
    (tmp_path / ".env").write_text("ASSISTANT_CHAT_MODEL=deepseek-chat\nASSISTANT_LANGUAGE=en\n")
    assert load_settings().chat_model == "deepseek-chat"
    monkeypatch.setenv("ASSISTANT_CHAT_MODEL", "qwen-plus")
    settings = load_settings()
    assert (settings.chat_model, settings.language) == ("qwen-plus", "en")


@pytest.mark.parametrize(
    ("name", "value", "hint"),
    [
        ("ASSISTANT_LANGUAGE", "fr", "ASSISTANT_LANGUAGE"),
        ("OPENAI_BASE_URL", "api.deepseek.com", "http://"),
        ("ASSISTANT_LLM_TIMEOUT", "-1", "ASSISTANT_LLM_TIMEOUT"),
    ],
)
def test_bad_values_say_which_setting_and_how_to_fix(monkeypatch, name, value, hint) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as error:
        load_settings()
    assert hint in str(error.value)


def test_saving_writes_dotenv_and_rejects_bad_values_without_touching_it(tmp_path) -> None:
    saved = save_settings({"OPENAI_BASE_URL": "http://127.0.0.1:8000/v1", "ASSISTANT_LANGUAGE": "en"})
    assert saved.llm_enabled and saved.language == "en"
    before = (tmp_path / ".env").read_text()
    with pytest.raises(ConfigError):
        save_settings({"OPENAI_BASE_URL": "not a url"})
    assert (tmp_path / ".env").read_text() == before
    save_settings({"OPENAI_BASE_URL": ""})
    assert not load_settings().llm_enabled


def test_environment_overrides_are_reported(monkeypatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env")
    assert "OPENAI_API_KEY" in environment_overrides()
    assert "ASSISTANT_LANGUAGE" not in environment_overrides()
