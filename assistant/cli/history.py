"""``history …`` and ``demo``: import exports into the group history, list groups, count what is known."""

from __future__ import annotations

import json
import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import InputError
from ..app import DEFAULT_SEED, DEFAULT_TZ, History, ImportReport, Imports, parse_time, via_text, zone
from ..i18n import label, t
from .common import audit, build_assistant, index_progress, language

if TYPE_CHECKING:
    from ..app import GroupStats

FORMAT_NAMES = ["auto", *(name for name, _ in History.formats())]


def _history() -> Imports:
    return build_assistant().imports


def _echo_reports(reports: list[ImportReport], as_json: bool) -> None:
    words = language()
    if as_json:
        click.echo(json.dumps([r.to_dict(words) for r in reports], ensure_ascii=False, indent=2))
    else:
        for report in reports:
            click.echo("\n".join(report.lines(words)))
    failed = [r.file for r in reports if not r.ok]
    if failed:
        raise InputError(t("import.failed", words, n=len(failed), files=t("tool.names", words).join(failed)))


def _progress(done: int, total: int) -> None:
    click.echo(f"[{done}/{total}]", err=True)


@click.group()
def history() -> None:
    """Group history: import chat, member and order exports; list groups; show counts."""


@history.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--group", help="Group name to import into (required for orders and pasted text).")
@click.option("--format", "fmt", type=click.Choice(FORMAT_NAMES), default="auto", show_default=True,
              help="Skip sniffing and read the files as this format.")  # fmt: skip
@click.option("--at", help="When a member list was taken, e.g. '2024-06-01 20:00'.")
@click.option("--tz", default=DEFAULT_TZ, show_default=True,
              help="Time zone of times written without one (TXT and Excel exports: the exporting PC's zone).")
@click.option("--allow-private", is_flag=True,
              help="Import a one-to-one chat as a two-person group instead of refusing it.")
@click.option("--json", "as_json", is_flag=True, help="Print the import reports as JSON.")
@click.option("--index/--no-index", default=False, show_default=True,
              help="Also bring the history search index up to date now (otherwise the first history search or "
                   "question does, or `history index`).")
def import_(paths: tuple[Path, ...], group: str | None, fmt: str, at: str | None, tz: str, allow_private: bool,
            as_json: bool, index: bool) -> None:
    """Import export files or folders (PyWxDump parts, a QQChatExporter chunked folder); each file is one
    transaction, sniffed by its content.

    \b
    Example:
        python -m assistant history import 群聊_幸福里团购3群.json 幸福里团购1群_utf8.csv
        python -m assistant history import 群聊_幸福里团购3群.txt --tz Asia/Shanghai
    """
    reports = _history().import_files(
        paths, group=group, fmt=fmt, at=at, tz=tz, allow_private=allow_private, progress=None if as_json else _progress
    )
    audit("history.import", {"files": [r.file for r in reports], "status": [r.status for r in reports]})
    _echo_reports(reports, as_json)
    if index and any(r.status != "failed" for r in reports):
        _index(quiet=as_json)


@history.group("sync")
def sync() -> None:
    """Pull new messages from an exporter that is running on this machine (WeFlow)."""


@sync.command("weflow")
@click.option("--url", help="WeFlow's API address (default: the remembered one, else http://127.0.0.1:5031).")
@click.option("--token", help="WeFlow's API token (in WeFlow: 设置 → API 服务, Settings → API service). "
                               "Omitted: the remembered one, else asked for.")
@click.option("--group", "groups", multiple=True,
              help="Group name or id (…@chatroom); repeat for several. Default: the groups of the last sync.")
@click.option("--list", "list_only", is_flag=True, help="Only list WeFlow's group chats.")
@click.option("--remember-token", is_flag=True,
              help="Keep the token in the data folder (file mode 0600) for next time.")
@click.option("--forget-token", is_flag=True, help="Delete a remembered token and stop.")
@click.option("--json", "as_json", is_flag=True, help="Print the reports (or the group list) as JSON.")
@click.option("--index/--no-index", default=False, show_default=True,
              help="Also bring the history search index up to date now (otherwise the first history search does).")
def sync_weflow(url: str | None, token: str | None, groups: tuple[str, ...], list_only: bool, remember_token: bool,
                forget_token: bool, as_json: bool, index: bool) -> None:  # fmt: skip
    """Pull the chosen groups' new messages from WeFlow's HTTP API (format=chatlab).

    Incremental: each group starts from the last message already stored for it; the first sync pulls
    its whole history. The token is never printed.

    \b
    Example:
        python -m assistant history sync weflow --list --token <token>
        python -m assistant history sync weflow --group 幸福里团购3群 --token <token> --remember-token
        python -m assistant history sync weflow        # later: the same groups, remembered token
    """
    history_ = _history()
    if forget_token:
        history_.forget_weflow_token()
        click.echo(t("import.weflow_forgot", language()))
        return
    if not token and not history_.weflow_connection().token:
        token = click.prompt(t("import.weflow_token", language()), hide_input=True)
    if list_only:
        found = history_.weflow_groups(url, token)
        if as_json:
            click.echo(json.dumps([{"id": s.id, "name": s.name} for s in found], ensure_ascii=False, indent=2))
        for session in [] if as_json else found:
            click.echo(f"{session.name}  ({session.id})")
        return
    reports = history_.sync_weflow(url, token, groups, remember_token=remember_token,
                                   progress=None if as_json else _progress)  # fmt: skip
    _echo_reports(reports, as_json)
    if index and any(r.status == "ok" for r in reports):
        _index(quiet=as_json)


def _index(quiet: bool) -> None:
    """Sync the conversation windows with what was just imported (only changed windows are written)."""
    synced = build_assistant().index_history(progress=None if quiet else index_progress())
    if not quiet:
        click.echo(t("index.cli.synced", language(), added=synced.added, removed=synced.removed, kept=synced.kept), err=True)


@history.command("index")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def index_(as_json: bool) -> None:
    """Bring the history search index up to date now (the first history search or question does it anyway).

    Only threads that changed since the last run are written, so running it again costs a re-read.

    \b
    Example:
        python -m assistant history index
    """
    started = time.perf_counter()
    synced = build_assistant().index_history(progress=None if as_json else index_progress())
    seconds = time.perf_counter() - started
    if as_json:
        click.echo(json.dumps({**vars(synced), "seconds": round(seconds, 2)}, ensure_ascii=False))
        return
    click.echo(t("index.cli.done", language(), groups=synced.groups, added=synced.added, removed=synced.removed,
                 kept=synced.kept, seconds=seconds))


def _group_json(group: object, words: str) -> dict:
    """A group as JSON; in English its kind (a key the importers write in Chinese) has a label beside it."""
    found = dict(vars(group))
    if words != "zh":
        found["kind_label"] = label("group_kind", found.get("kind"), words)
    return found


@history.command("groups")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def groups(as_json: bool) -> None:
    """List imported groups with platform, time range, messages and members now.

    \b
    Example:
        python -m assistant history groups --json
    """
    rows, words = _history().groups(), language()
    if as_json:
        click.echo(json.dumps([_group_json(g, words) for g in rows], ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo(t("history.cli.empty", words))
    for g in rows:
        click.echo(t("history.cli.group", words, name=g.name, platform=label("platform", g.platform, words),
                     first=g.first or "-", last=g.last or "-", messages=g.messages, members=g.members_now,
                     snapshots=g.snapshots))


@history.command("stats")
@click.option("--group", help="Only this group.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def stats(group: str | None, as_json: bool) -> None:
    """Messages, senders, members now, joins, exits (inferred ones marked) and orders per group.

    \b
    Example:
        python -m assistant history stats --group 幸福里团购1群 --json
    """
    result, words = _history().stats(group), language()
    if as_json:
        click.echo(json.dumps(result.to_dict(words), ensure_ascii=False, indent=2))
        return
    for g in result.groups:
        _print_stats(g, words)


def _print_stats(g: GroupStats, words: str) -> None:
    exits, orders = g.exits, g.orders
    click.echo(t("history.cli.head", words, name=g.group, platform=label("platform", g.platform, words),
                 first=g.first or "-", last=g.last or "-"))
    note = g.members_note if words == "zh" else label("basis", g.members_basis, words)
    click.echo(t("history.cli.messages", words, messages=g.messages, senders=g.senders, members=g.members_now, note=note))
    click.echo(t("history.cli.joins", words, n=g.joins["total"], via=via_text(g.joins["by_via"], words)))
    click.echo(t("history.cli.exits", words, n=exits["total"], voluntary=exits["voluntary"], removed=exits["removed"],
                 inferred=exits["inferred"]))
    if exits["inferred_note"]:
        click.echo(f"    * {exits['inferred_note'] if words == 'zh' else t('groups.inferred_note', words)}")
    if orders["count"]:
        solitaire = t("history.cli.solitaire", words, n=orders["from_solitaire"]) if orders["from_solitaire"] else ""
        click.echo(t("history.cli.orders", words, n=orders["count"], amount=orders["amount"], refund=orders["refund"])
                   + solitaire)


@click.command("demo")
@click.option("--end", help="Last day of the ten demo weeks (default: yesterday).")
@click.option("--seed", type=int, default=DEFAULT_SEED, show_default=True, help="Same seed and end = same files.")
@click.option("--json", "as_json", is_flag=True, help="Print the import reports as JSON.")
def demo(end: str | None, seed: int, as_json: bool) -> None:
    """Generate and import a synthetic community of three groups (replacing an earlier demo).

    \b
    Example:
        python -m assistant demo && python -m assistant history stats
    """
    history_ = _history()
    reports = history_.demo(end=_day(end), seed=seed, progress=None if as_json else _progress)
    audit("history.import", {"files": [r.file for r in reports], "status": [r.status for r in reports]})
    _index(quiet=as_json)
    if as_json:
        _echo_reports(reports, True)
        return
    words = language()
    click.echo(t("import.demo_done", words, n=len(reports)))
    for g in history_.groups():
        click.echo(t("import.demo_group", words, name=g.name, platform=label("platform", g.platform, words), first=g.first,
                     last=g.last, messages=g.messages, members=g.members_now))
    click.echo(t("import.demo_next", words))


def _day(text: str | None) -> datetime | None:
    if text is None:
        return None
    moment = parse_time(text, zone(DEFAULT_TZ))
    if moment is None:
        raise InputError(t("import.bad_end", language(), text=text))
    return moment
