"""``draft <job>``: 群公告, 群规, 活动方案, 纠纷总结 and 投诉回复, checked for compliance."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import InputError
from ..app import DRAFT_JOBS as JOBS
from ..i18n import t
from .common import build_assistant, language


@click.command()
@click.argument("job", type=click.Choice(list(JOBS)))
@click.option("--text", default="", help="The input text (a pasted complaint, the dispute's messages, notes).")
@click.option("--input", "input_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the input text from this file instead.")
@click.option("--group", help="Use this imported group's numbers (activity plans).")
@click.option("--field", "fields", multiple=True, metavar="NAME=VALUE",
              help="A form option, e.g. --field purpose=新品 --field tone=活泼 (see the drafts page).")
@click.option("--unmask", is_flag=True, help="Put phone numbers and other personal data back into the final draft.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def draft(job: str, text: str, input_file: Path | None, group: str | None, fields: tuple[str, ...], unmask: bool,
          as_json: bool) -> None:
    """Write a draft ready to paste, with compliance warnings.

    \b
    Examples:
        python -m assistant draft announcement --field purpose=新品 --field facts="脐橙 39 元一箱；周五 20:00 截单"
        python -m assistant draft complaint --text "买的橙子烂了一半，要退款！" --json
        python -m assistant draft dispute --input 纠纷聊天.txt
    """
    from ..app import DraftRequest, read_input

    if input_file:
        text = read_input(input_file, language())
    request = DraftRequest(job, text, _fields(fields), group, unmask=unmask)
    assistant = build_assistant()
    if as_json:
        click.echo(json.dumps(assistant.draft(request).to_dict(), ensure_ascii=False, indent=2))
        return
    stream = assistant.stream_draft(request)
    for piece in stream:
        click.echo(piece, nl=False)
    result = stream.draft
    assert result is not None
    click.echo("")
    for problem in result.problems:
        click.echo(t("draft.cli.problem", language(), category=problem.category, term=problem.term,
                     suggestion=problem.suggestion), err=True)
    click.echo(t("draft.cli.mode", language(), mode=result.mode), err=True)


def _fields(pairs: tuple[str, ...]) -> dict[str, str]:
    values = {}
    for pair in pairs:
        if "=" not in pair:
            raise InputError(t("draft.cli.field", language(), pair=pair))
        name, value = pair.split("=", 1)
        values[name.strip()] = value.strip()
    return values
