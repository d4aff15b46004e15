"""Command line: ``python -m assistant …`` (or ``qun-assistant …``), for scripting and cron.

A thin skin over :class:`assistant.Assistant`, one module per command group. Errors of the
assistant are printed as one clean message on stderr with exit status 1, never as a traceback.
"""

from __future__ import annotations

import click

from ..errors import AssistantError, ConfigError
from ..i18n import t
from .analytics import churn, metrics, risks, segments
from .ask import ask
from .briefing import alerts, digest, inbox, schedule
from .draft import draft
from .groups import groups
from .conversations import history_context, history_search, topics
from .history import demo, history
from .kb import kb
from .report import report
from .settings import show_settings
from .users import users
from .workspace import workspace


class _Group(click.Group):
    """A click group that turns :class:`AssistantError` into a clean message and exit 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except AssistantError as exc:
            click.echo(t("cli.error", _language(), message=exc), err=True)
            ctx.exit(1)


def _language() -> str:
    """The workspace language for an error line; Chinese when the settings themselves are broken."""
    from ..config import load_settings

    try:
        return load_settings().language
    except ConfigError:
        return "zh"


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """群运营助手 (community-ops assistant): answers, analytics and drafts for community managers."""


history.add_command(history_search, "search")
history.add_command(history_context, "context")
for command in (ask, draft, report, kb, history, demo, metrics, churn, segments, risks, topics, workspace, show_settings, groups,
                digest, alerts, schedule, inbox, users):
    cli.add_command(command)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="python -m assistant")
