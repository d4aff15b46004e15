"""``ask``: one question, answered with sources, as text or JSON."""

from __future__ import annotations

import json

import click

from ..i18n import t
from .common import build_assistant


@click.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")
@click.option("--previous", default="", help="The previous question of the conversation (for a follow-up).")
def ask(question: str, as_json: bool, previous: str) -> None:
    """Ask a question; the answer cites the playbook passages it used.

    \b
    Examples:
        python -m assistant ask "退群率多少算正常？" --json
        python -m assistant ask "那怎么降下来？" --previous "退群率多少算正常？"
    """
    assistant = build_assistant()
    history = [("user", previous)] if previous.strip() else []
    if as_json:
        answer = assistant.ask(question, history)
        click.echo(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
        return
    stream = assistant.stream(question, history)
    for piece in stream:
        click.echo(piece, nl=False)
    answer = stream.answer
    assert answer is not None
    language = assistant.settings.language
    if answer.sources:
        click.echo(f"\n\n{t('chat.sources', language)}:")
    for n, source in enumerate(answer.sources, start=1):
        click.echo(f"  [{n}] {source.source} › {source.title}")
    if answer.followup_of:
        click.echo(f"({t('chat.followup', language, previous=answer.followup_of)})")
    click.echo(f"{t('mode.label', language)}: {answer.mode}  tokens: {answer.prompt_tokens}+{answer.completion_tokens}")
