"""Settings: the one place that reads the environment and the optional ``.env`` file.

Everything else receives a frozen :class:`Settings`. Environment variables win over ``.env``;
the settings page writes ``.env`` through :func:`save_settings` and shows which values an
environment variable overrides. ``.env`` holds the API key, so it is kept at mode 0600, and a new
endpoint is only saved together with the key it may receive: otherwise whoever can save settings
could send the saved key to a server of their own.
"""

from __future__ import annotations

import hmac
import os
import stat
from pathlib import Path
from typing import Literal

from dotenv import dotenv_values, set_key, unset_key
from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from .bundled import bundled_dir
from .errors import ConfigError
from .i18n import t

DEFAULT_ENV_FILE = Path(".env")

# name in the environment -> field name; the order is the order of the configuration table.
ENV_NAMES: dict[str, str] = {
    "OPENAI_API_KEY": "openai_api_key",
    "OPENAI_BASE_URL": "openai_base_url",
    "ASSISTANT_CHAT_MODEL": "chat_model",
    "ASSISTANT_EMBEDDING_MODEL": "embedding_model",
    "ASSISTANT_OFFLINE_EMBEDDING": "offline_embedding",
    "ASSISTANT_RERANK_MODEL": "rerank_model",
    "ASSISTANT_DATA_DIR": "data_dir",
    "ASSISTANT_CHROMA_URL": "chroma_url",
    "ASSISTANT_LANGUAGE": "language",
    "ASSISTANT_PII_MASKING": "pii_masking",
    "ASSISTANT_LLM_TIMEOUT": "llm_timeout",
    "ASSISTANT_LLM_MAX_RETRIES": "llm_max_retries",
    "ASSISTANT_CONTEXT_WINDOW": "context_window",
    "ASSISTANT_MAX_OUTPUT_TOKENS": "max_output_tokens",
    "ASSISTANT_PUSH_FOLDER_ROOTS": "push_folder_roots",
}
_ENV_NAME_OF = {field: env for env, field in ENV_NAMES.items()}


class Settings(BaseSettings):
    """Everything the assistant can be configured with, validated and immutable."""

    model_config = SettingsConfigDict(
        frozen=True, extra="ignore", populate_by_name=True, env_file_encoding="utf-8"
    )

    openai_api_key: SecretStr | None = Field(None, alias="OPENAI_API_KEY")
    openai_base_url: str | None = Field(None, alias="OPENAI_BASE_URL")
    chat_model: str = Field("gpt-4o-mini", alias="ASSISTANT_CHAT_MODEL")
    embedding_model: str = Field("", alias="ASSISTANT_EMBEDDING_MODEL")
    offline_embedding: Literal["auto", "e5", "hash"] = Field("auto", alias="ASSISTANT_OFFLINE_EMBEDDING")
    rerank_model: str = Field("", alias="ASSISTANT_RERANK_MODEL")
    data_dir: Path = Field(Path("./data"), alias="ASSISTANT_DATA_DIR")
    chroma_url: str = Field("", alias="ASSISTANT_CHROMA_URL")
    language: Literal["zh", "en"] = Field("zh", alias="ASSISTANT_LANGUAGE")
    pii_masking: Literal["remote_only", "always", "off"] = Field("remote_only", alias="ASSISTANT_PII_MASKING")
    llm_timeout: float = Field(60.0, gt=0, alias="ASSISTANT_LLM_TIMEOUT")
    llm_max_retries: int = Field(2, ge=0, le=10, alias="ASSISTANT_LLM_MAX_RETRIES")
    context_window: int = Field(0, ge=0, alias="ASSISTANT_CONTEXT_WINDOW")
    max_output_tokens: int = Field(1024, ge=64, alias="ASSISTANT_MAX_OUTPUT_TOKENS")
    # Where a folder delivery channel may write (os.pathsep-separated); empty: home and the data dir.
    push_folder_roots: str = Field("", alias="ASSISTANT_PUSH_FOLDER_ROOTS")
    knowledge_dir: Path = Field(default_factory=lambda: bundled_dir("knowledge"))
    prompts_dir: Path = Field(default_factory=lambda: bundled_dir("prompts"))

    @field_validator("openai_api_key", "openai_base_url", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("openai_base_url")
    @classmethod
    def _looks_like_url(cls, value: str | None) -> str | None:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://, e.g. http://127.0.0.1:8000/v1")
        return value

    @property
    def llm_enabled(self) -> bool:
        """LLM mode is on as soon as a key or a base URL is configured."""
        return self.openai_api_key is not None or self.openai_base_url is not None

    @property
    def api_key(self) -> str:
        """The key to send; local servers (vLLM, Ollama) accept any non-empty value."""
        return self.openai_api_key.get_secret_value() if self.openai_api_key else "not-needed"

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def library_dir(self) -> Path:
        return self.data_dir / "library"

    @property
    def folder_roots(self) -> list[Path]:
        """The folders a folder channel may write inside (a synced cloud folder under home, say)."""
        configured = [Path(p) for p in self.push_folder_roots.split(os.pathsep) if p.strip()]
        return configured or [Path.home(), self.data_dir]

    @property
    def history_db(self) -> Path:
        return self.data_dir / "history.duckdb"


def load_settings(env_file: Path | None = DEFAULT_ENV_FILE, **overrides: object) -> Settings:
    """Read settings from the environment, then ``env_file``; ``overrides`` win over both."""
    try:
        return Settings(_env_file=env_file, **overrides)  # type: ignore[call-arg]
    except ValidationError as exc:
        raise ConfigError(_explain(exc)) from exc


def environment_overrides() -> set[str]:
    """Names of settings fixed by real environment variables (a ``.env`` edit cannot change them)."""
    return {name for name in ENV_NAMES if os.environ.get(name)}


def save_settings(values: dict[str, str], env_file: Path = DEFAULT_ENV_FILE, language: str = "zh") -> Settings:
    """Validate ``values`` (environment names -> text) and write them to ``env_file`` (mode 0600).

    A changed ``OPENAI_BASE_URL`` is refused unless ``values`` also carries the key (re-entered,
    or "" to remove it) while a key is in effect: the saved key never follows a new endpoint.
    """
    unknown = set(values) - set(ENV_NAMES)
    if unknown:
        raise ConfigError(t("settings.error.unknown", language, names=", ".join(sorted(unknown))))
    _key_follows_endpoint(values, env_file)
    load_settings(env_file=None, **{ENV_NAMES[k]: v for k, v in values.items() if v != ""})
    _private(env_file)
    for name, value in values.items():
        if value == "":
            unset_key(str(env_file), name)
        else:
            set_key(str(env_file), name, value, quote_mode="auto")
    _private(env_file)
    return load_settings(env_file=env_file)


def _key_follows_endpoint(values: dict[str, str], env_file: Path) -> None:
    """Refuse a new endpoint that would receive a key its saver did not type in the same save."""
    if "OPENAI_BASE_URL" not in values:
        return
    current_key = _in_effect("OPENAI_API_KEY", env_file)
    if current_key is None or (values["OPENAI_BASE_URL"].strip() or None) == _in_effect("OPENAI_BASE_URL", env_file):
        return
    entered = values.get("OPENAI_API_KEY")
    from_environment = bool(os.environ.get("OPENAI_API_KEY", "").strip())
    if entered is not None and not from_environment and (entered == "" or entered.strip()):
        return  # a new key replaces the saved one, or the saved one is removed
    if entered and hmac.compare_digest(entered.strip().encode(), current_key.encode()):
        return  # the key fixed by the environment, typed in again
    raise ConfigError(
        "更改 OPENAI_BASE_URL 时，必须在同一次保存中重新输入 OPENAI_API_KEY（或清除已保存的密钥），"
        "已保存的密钥不会发往新的地址。(Changing OPENAI_BASE_URL requires entering OPENAI_API_KEY again "
        "in the same save, so the saved key is never sent to a new server.)"
    )


def _in_effect(name: str, env_file: Path) -> str | None:
    """The raw value in effect (environment, then ``env_file``), read even when settings are invalid."""
    value = os.environ.get(name) or (dotenv_values(env_file).get(name) if env_file.exists() else None)
    return value.strip() or None if value else None


def _private(env_file: Path) -> None:
    """Create ``env_file`` readable by its owner only, or take group/other access away from it."""
    if not env_file.exists():
        os.close(os.open(env_file, os.O_WRONLY | os.O_CREAT, 0o600))
    if stat.S_IMODE(env_file.stat().st_mode) & 0o077:
        env_file.chmod(0o600)


def _explain(exc: ValidationError) -> str:
    lines = ["设置有误，请修改环境变量或 .env 后重试 (invalid settings):"]
    for error in exc.errors():
        name = str(error["loc"][0]) if error["loc"] else "?"
        name = _ENV_NAME_OF.get(name, name)
        lines.append(f"- {name}: {error['msg']}")
    return "\n".join(lines)
