"""What every command needs: the façade built from the current settings, and the audit log.

Built on call, not on import: ``--help`` and the commands that need no model must not pay for
importing the parts they do not use.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from .. import Assistant
    from ..app import MessageRef


def build_assistant() -> Assistant:
    from ..config import load_settings
    from .. import Assistant

    return Assistant.from_settings(load_settings())


def language() -> str:
    """The workspace language (``ASSISTANT_LANGUAGE``) for a command's own words."""
    from ..config import load_settings

    return load_settings().language


def index_progress() -> Callable[[int, int], None]:
    """``[检索索引 done/total 条消息]`` (in the workspace language) on stderr while the history search index is brought up to date,
    at most every two seconds (the first history question after a large import takes a while)."""
    from ..i18n import t

    last, words = [0.0], language()

    def show(done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - last[0] >= 2:
            last[0] = now
            click.echo(t("index.cli.progress", words, done=done, total=total), err=True)

    return show


def context_hint(ref: MessageRef, language: str, others: bool = False) -> str:
    """The line under cited evidence that says how to open its conversation (ids are for --json);
    ``others``: the evidence cites more messages than the one the command opens."""
    from ..i18n import t

    return t("context.cli.open_other" if others else "context.cli.open", language, command=ref.command())


def audit(action: str, detail: dict | None = None) -> None:
    """Record a command's action in the workspace's audit log as ``cli:<os user>``."""
    from ..app import AuditLog, cli_actor
    from ..config import load_settings

    AuditLog(load_settings().data_dir).record(cli_actor(), action, detail)
