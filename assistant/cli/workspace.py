"""``workspace export|import``: the whole workspace (history and documents) in one archive."""

from __future__ import annotations

from pathlib import Path

import click

from ..app import export_workspace, restore_workspace
from ..config import load_settings
from .. import Assistant
from ..i18n import t
from .common import audit


@click.group()
def workspace() -> None:
    """Move a workspace to another machine: export it to one file, import it there."""


@workspace.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def export_(file: Path) -> None:
    """Write the history database and your documents to FILE (a zip).

    \b
    Example:
        python -m assistant workspace export 我的工作区.zip
    """
    settings = load_settings()
    report = export_workspace(settings.data_dir, file, settings.language)
    audit("workspace.export", {"archive": str(report.archive), "files": report.files})
    click.echo(t("workspace.cli.exported", settings.language, files=report.files, archive=report.archive,
                 kb=report.bytes / 1024))


@workspace.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_(file: Path) -> None:
    """Replace this workspace's history and documents with FILE's, then rebuild the index.

    \b
    Example:
        python -m assistant workspace import 我的工作区.zip
    """
    settings = load_settings()
    report = restore_workspace(file, settings.data_dir, settings.language)
    audit("workspace.import", {"archive": str(file), "files": report.files})
    Assistant.from_settings(settings).rebuild_index()
    click.echo(t("workspace.cli.imported", settings.language, files=report.files))
    if report.backup:
        click.echo(t("workspace.cli.backup", settings.language, backup=report.backup))
