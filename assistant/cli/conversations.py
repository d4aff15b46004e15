"""``history search`` and ``topics``: what was said in the groups, with the messages to prove it.

``history_search`` is a command object attached to the ``history`` group by the CLI's wiring
(``history.add_command(history_search, "search")``); ``topics`` is a top-level command.
"""

from __future__ import annotations

import json

import click

from typing import TYPE_CHECKING

from ..errors import InputError
from ..i18n import colon, t
from .common import audit, build_assistant, context_hint, index_progress, language as words

if TYPE_CHECKING:
    from ..app import Threads, Topic

_GROUP = click.option("--group", help="Only this group (default: every group).")
_JSON = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")


def _threads() -> Threads:
    return build_assistant().threads


@click.command("search")
@click.argument("query")
@_GROUP
@click.option("--since", help="First local date, YYYY-MM-DD.")
@click.option("--until", help="Last local date, YYYY-MM-DD (inclusive).")
@click.option("-k", "--top", "k", type=click.IntRange(1, 50), default=5, show_default=True, help="How many conversations.")
@_JSON
def history_search(query: str, group: str | None, since: str | None, until: str | None, k: int, as_json: bool) -> None:
    """Find the conversations about QUERY in the imported groups, with times, senders and a context command.

    \b
    Example:
        python -m assistant history search "发票"
        python -m assistant history search "配送" --group 水果团购1群 --since 2026-03-01 --json
    """
    from ..app import MessageRef

    # after an import, the index is brought up to date first and the progress shown
    hits = _threads().search(query, k, group, since, until, progress=None if as_json else index_progress())
    if as_json:
        click.echo(json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=2))
        return
    language = words()
    if not hits:
        click.echo(t("topics.cli.none_found", language, query=query))
    for hit in hits:
        click.echo(t("topics.cli.thread", language, group=hit.group, start=hit.start, end=hit.end,
                     people=t("tool.names", language).join(hit.participants)))
        for message in hit.messages():
            click.echo(f"  {message['ts'][5:]} {message['sender']}{colon(language)}{message['text']}")
        best = MessageRef.of(hit.evidence(query, limit=1)[0])  # ids are for --json: a command people can type
        click.echo("  → " + context_hint(best, language, others=len(hit.lines) > 1))


@click.command("context")
@click.argument("message_id", required=False)
@_GROUP
@click.option("--at", help="The message's local time, \"YYYY-MM-DD HH:MM\" (with --group), as evidence lines show it.")
@click.option("--sender", help="With --at: the sender, when several messages share the minute.")
@click.option("--span", type=click.IntRange(0, 100), default=8, show_default=True, help="Messages shown either side.")
@_JSON
def history_context(message_id: str | None, group: str | None, at: str | None, sender: str | None, span: int,
                    as_json: bool) -> None:
    """Show the conversation around a cited message: by group and time (the command printed under
    each evidence line), or by MESSAGE_ID from --json output.

    \b
    Example:
        python -m assistant history context --group 摄影群 --at "2026-11-03 20:15" --sender 小王
        python -m assistant history context 3f9a0c2e51d7 --span 5
    """
    language = words()
    if at:
        found = _threads().context_at(group, at, sender, span, span)
    elif message_id:
        found = _threads().context(message_id, group, span, span)
    else:
        raise InputError(t("context.error.no_ref", language))
    if as_json:
        click.echo(json.dumps(found.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"■ {found.group}")
    for line in found.lines():
        mark = "▶" if line["cited"] else " "
        admin = t("topics.cli.admin", language) if line["admin"] else ""
        click.echo(f"{mark} {line['ts']} {line['sender']}{admin}{colon(language)}{line['text']}")
    if found.others:
        click.echo(t("context.cli.others", language, n=found.others))


@click.command()
@_GROUP
@click.option("--weeks", type=click.IntRange(1, 52), default=4, show_default=True, help="How many recent weeks.")
@click.option("--complaints", is_flag=True, help="Cluster complaints instead of questions.")
@click.option("--min-count", type=click.IntRange(1, 1000), default=2, show_default=True, help="Smallest topic shown.")
@click.option("--add-faq", "add_faq", type=click.IntRange(1), metavar="N",
              help="Add topic number N (as listed) to the knowledge base as an FAQ entry, with the admins' answer.")
@_JSON
def topics(group: str | None, weeks: int, complaints: bool, min_count: int, add_faq: int | None, as_json: bool) -> None:
    """Recurring member questions: counts, weekly trend, admin answers, and whether the playbook answers them.

    \b
    Example:
        python -m assistant topics --weeks 4
        python -m assistant topics --group 水果团购1群 --complaints --json
        python -m assistant topics --add-faq 2
    """
    assistant = build_assistant()
    language = assistant.settings.language
    found = assistant.threads.topics(group, weeks, complaints, min_count)
    if add_faq is not None:
        if add_faq > len(found):
            raise InputError(t("topics.cli.no_topic", language, n=add_faq, count=len(found)))
        topic = found[add_faq - 1]
        result = assistant.add_faq(topic)
        audit("document.add", {"files": [result.name], "status": [result.status]})
        done = t("topics.cli.faq_same" if result.status == "unchanged" else "topics.cli.faq_added", language)
        click.echo(t("topics.cli.faq", language, topic=topic.label, done=done, name=result.name, question=topic.question,
                     answer=topic.answer))
        return
    if as_json:
        click.echo(json.dumps([topic.to_dict() for topic in found], ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo(t("topics.cli.none_complaints" if complaints else "topics.cli.none_questions", language, weeks=weeks))
    for n, topic in enumerate(found, start=1):
        _print_topic(n, topic, language)


def _print_topic(n: int, topic: Topic, language: str = "zh") -> None:
    trend = " ".join(f"{week[-3:]}:{count}" for week, count in topic.weekly().items())
    playbook = (t("topics.cli.playbook", language, title=topic.playbook.title) if topic.playbook
                else t("topics.cli.no_playbook", language))
    answered = (t("topics.cli.answered", language, answered=topic.answered, count=topic.count)
                + (t("topics.cli.answer", language, answer=topic.answer) if topic.answer else ""))
    click.echo(t("topics.cli.head", language, n=n, group=topic.group, label=topic.label, count=topic.count,
                 askers=topic.askers, trend=trend))
    click.echo(t("topics.cli.example", language, question=topic.question, answered=answered, playbook=playbook))
