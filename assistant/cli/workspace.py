"""``workspace export|import``: the whole workspace (history and documents) in one archive."""

from __future__ import annotations

from pathlib import Path

import click

from ..app import export_workspace, restore_workspace
from ..config import load_settings
from .. import Assistant
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
    report = export_workspace(load_settings().data_dir, file)
    audit("workspace.export", {"archive": str(report.archive), "files": report.files})
    click.echo(f"已导出 {report.files} 个文件到 {report.archive}（{report.bytes / 1024:.0f} KB）")


@workspace.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_(file: Path) -> None:
    """Replace this workspace's history and documents with FILE's, then rebuild the index.

    \b
    Example:
        python -m assistant workspace import 我的工作区.zip
    """
    settings = load_settings()
    report = restore_workspace(file, settings.data_dir)
    audit("workspace.import", {"archive": str(file), "files": report.files})
    Assistant.from_settings(settings).rebuild_index()
    click.echo(f"已导入 {report.files} 个文件，索引已重建。")
    if report.backup:
        click.echo(f"原来的数据保存在 {report.backup}")
