"""``settings``: the effective configuration, key masked."""

from __future__ import annotations

import click

from ..config import ENV_NAMES, load_settings
from ..i18n import t


@click.command("settings")
def show_settings() -> None:
    """Print the effective settings (the API key is masked).

    \b
    Example:
        python -m assistant settings
    """
    settings = load_settings()
    for env_name, field in ENV_NAMES.items():
        value = getattr(settings, field)
        if env_name == "OPENAI_API_KEY":
            value = t("settings.key_is_set", settings.language) if value else ""
        click.echo(f"{env_name}={'' if value is None else value}")
    click.echo(f"# mode: {settings.chat_model if settings.llm_enabled else 'offline'}")
