"""``report weekly``: the weekly report as a file (Markdown, HTML, XLSX or DOCX) or as JSON, for cron."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import InputError
from ..app import REPORT_FORMATS as FORMATS
from ..app import export_report as export
from ..app import format_for
from ..i18n import t
from .common import build_assistant


@click.group()
def report() -> None:
    """Reports on the imported groups."""


@report.command()
@click.option("--group", help="Only this group (default: every group).")
@click.option("--week", help="ISO week, e.g. 2026-W07 (default: the latest complete week).")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path),
              help=f"Write the report here; the extension picks the format ({' '.join(FORMATS)}).")
@click.option("--json", "as_json", is_flag=True, help="Print the report model as JSON.")
def weekly(group: str | None, week: str | None, out: Path | None, as_json: bool) -> None:
    """The weekly report: KPIs, charts, churn causes, questions, risks, segments and next week's actions.

    Without --out or --json the Markdown version is printed.

    \b
    Examples:
        python -m assistant report weekly --out 周报.html
        python -m assistant report weekly --group 水果团购1群 --week 2026-W07 --out 周报.xlsx
        python -m assistant report weekly --json
    """
    assistant = build_assistant()
    chosen = format_for(out, assistant.settings.language) if out else None  # a bad extension fails before any work
    result = assistant.weekly_report(group=group, week=week)
    if result.summary.notice:
        click.echo(result.summary.notice, err=True)
    if chosen and out:
        data = chosen.render(result)
        try:
            out.write_bytes(data)
        except OSError as exc:
            raise InputError(t("cli.unwritable", assistant.settings.language, path=out, reason=exc.strerror)) from exc
        click.echo(t("cli.written", assistant.settings.language, path=out, format=chosen.name, size=len(data)), err=as_json)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2, default=str))
    elif not out:
        click.echo(export(result, ".md").decode("utf-8"), nl=False)
