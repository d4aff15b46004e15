"""``ask``: a question answered with sources, saved as a conversation the chat page shows too.

Each ``ask`` starts a conversation and prints its id; ``--conversation ID`` continues one (the
model sees the turns before), ``--list`` shows the saved ones, ``--export-ratings`` writes the
👍/👎 ratings as CSV for whoever curates the playbooks.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..app import chat_text
from ..errors import InputError
from ..i18n import t
from .common import build_assistant, context_hint


@click.command()
@click.argument("question", required=False)
@click.option("--conversation", "conv_id", metavar="ID", help="Continue this saved conversation (see --list).")
@click.option("--account", help="Start the conversation as this account (with accounts; default: local).")
@click.option("--list", "listing", is_flag=True, help="List the saved conversations, newest first.")
@click.option("--search", default="", help="With --list: only conversations that mention this.")
@click.option("--export-ratings", "ratings_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write every rated answer (👍/👎 and notes) to this CSV file.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")
@click.option("--previous", default="", help="The previous question, for a follow-up outside a saved conversation.")
def ask(question: str | None, conv_id: str | None, account: str | None, listing: bool, search: str,
        ratings_file: Path | None, as_json: bool, previous: str) -> None:
    """Ask a question; the answer cites the playbook passages it used.

    \b
    Examples:
        python -m assistant ask "退群率多少算正常？"
        python -m assistant ask --conversation 3f2a9c0d1e4b "那新人群呢？"
        python -m assistant ask "那怎么降下来？" --previous "退群率多少算正常？"
        python -m assistant ask --list --search 退群
        python -m assistant ask --export-ratings ratings.csv
    """
    assistant = build_assistant()
    lang = assistant.settings.language
    if listing or ratings_file:
        _list(assistant, search, as_json) if listing else _export(assistant, ratings_file, lang)
        return
    if not question:
        raise InputError(t("ask.error.no_question", lang))
    if previous.strip() and not conv_id:
        _answer_once(assistant, question, previous, as_json)
        return
    owner = None if conv_id else (account or "local")
    reply = assistant.chats.ask(owner, conv_id, question)
    if as_json:
        for _ in reply:
            pass
        answer = reply.stream.answer
        assert answer is not None
        click.echo(json.dumps({"conversation": reply.conv_id, **answer.to_dict()}, ensure_ascii=False, indent=2))
        return
    for piece in reply:
        click.echo(piece, nl=False)
    answer = reply.stream.answer
    assert answer is not None
    _print_sources(answer, lang)
    click.echo(chat_text("cli.saved", lang, id=reply.conv_id))


def _answer_once(assistant, question: str, previous: str, as_json: bool) -> None:  # noqa: ANN001
    """A follow-up to ``previous`` that is not saved (``--previous``)."""
    history = [("user", previous)]
    if as_json:
        click.echo(json.dumps(assistant.ask(question, history).to_dict(), ensure_ascii=False, indent=2))
        return
    stream = assistant.stream(question, history)
    for piece in stream:
        click.echo(piece, nl=False)
    assert stream.answer is not None
    _print_sources(stream.answer, assistant.settings.language)


def _print_sources(answer, language: str) -> None:  # noqa: ANN001 - an Answer
    from ..app import MessageRef

    if answer.sources:
        click.echo(f"\n\n{t('chat.sources', language)}:")
    for n, source in enumerate(answer.sources, start=1):
        click.echo(f"  [{n}] {source.source} › {source.title}")
    cited = [ref for ref in map(MessageRef.of, answer.evidence) if ref.openable]  # raw ids are for --json
    if cited:
        click.echo(context_hint(cited[0], language, others=len(cited) > 1))
    if answer.followup_of:
        click.echo(f"({t('chat.followup', language, previous=answer.followup_of)})")
    click.echo(f"{t('mode.label', language)}: {answer.mode}  tokens: {answer.prompt_tokens}+{answer.completion_tokens}")


def _list(assistant, search: str, as_json: bool) -> None:  # noqa: ANN001
    lang = assistant.settings.language
    found = assistant.chats.list(None, search)
    if as_json:
        click.echo(json.dumps([{"conversation": c.conv_id, "owner": c.owner, "title": c.title, "turns": c.size,
                                "updated_at": c.updated_at} for c in found], ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo(chat_text("list.no_match", lang, query=search) if search else chat_text("cli.none", lang))
        return
    for conv in found:
        who = f"  [{conv.owner}]" if conv.owner != "local" else ""
        title = conv.title or chat_text("list.untitled", lang)
        click.echo(f"{conv.conv_id}  {conv.updated_at[:16].replace('T', ' ')}  {title}  "
                   f"({chat_text('cli.turns', lang, n=conv.size)}){who}")


def _export(assistant, path: Path | None, lang: str) -> None:  # noqa: ANN001
    assert path is not None
    text = assistant.chats.ratings_csv(None)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(t("cli.error.write", lang, path=path, error=exc.strerror)) from exc
    click.echo(chat_text("cli.exported", lang, n=len(assistant.chats.ratings(None)), path=path))
