"""``digest``, ``alerts``, ``schedule`` and ``inbox``: the morning briefing from the command line.

Thin skins over :mod:`assistant.app` (through ``Assistant.briefing``). Ids and keys are shown only
with ``--json``; secrets never: channels print through ``Channel.public``. The use cases and their
libraries are imported inside the commands, so ``--help`` does not load them.
"""

from __future__ import annotations

import getpass
import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..app import AUDIENCES, CHANNEL_KINDS as KINDS, INTENTS, RULE_KINDS, SCHEDULE_JOBS as JOBS, Channel, RuleDraft
from ..errors import InputError
from ..i18n import ALL_GROUPS, colon, label, t
from .common import build_assistant, language

if TYPE_CHECKING:
    from ..app import Delivered


def _echo_json(value: object) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


@click.command()
@click.option("--group", help="Only this group (default: every group, one line per group first).")
@click.option("--date", "on", help="The day, YYYY-MM-DD (default: yesterday, or the latest day with messages).")
@click.option("--since", help="First day of a range, YYYY-MM-DD (with --until).")
@click.option("--until", help="Last day of a range, YYYY-MM-DD (inclusive).")
@click.option("--member", help="Only what this member (display name or id) said and did.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write .md, .html or .png.")
@click.option("--json", "as_json", is_flag=True, help="Print the digest as JSON (with message ids).")
@click.option("--send", "channels", multiple=True, help="Also deliver it to this channel (repeatable).")
def digest(group: str | None, on: str | None, since: str | None, until: str | None, member: str | None,
           out: Path | None, as_json: bool, channels: tuple[str, ...]) -> None:
    """The group digest (群日报): volume vs usual, joins/exits, topics with quotes, unanswered
    questions, complaints, @admin, sign-up lists (接龙)/orders and risks.

    \b
    Examples:
        python -m assistant digest --date 2026-11-25
        python -m assistant digest --group 幸福里团购群（示例） --since 2026-11-20 --until 2026-11-26 --out 日报.html
        python -m assistant digest --member 张三 --json
    """
    from ..app import digest_message, plain_text

    if out and out.suffix.lower() not in (".md", ".html", ".htm", ".png"):
        raise InputError(t("digest.cli.bad_out", language(), name=out.name))
    briefing = build_assistant().briefing
    result = briefing.digests.digest(group, on, since, until, member)
    if result.narrative and result.narrative.notice:
        click.echo(result.narrative.notice, err=True)
    if out:
        data = briefing.digests.export(result, out.suffix)
        try:
            out.write_bytes(data)
        except OSError as exc:
            raise InputError(t("cli.unwritable", language(), path=out, reason=exc.strerror)) from exc
        click.echo(t("cli.written_plain", language(), path=out, size=len(data)), err=True)
    sent = briefing.delivery.deliver(digest_message(result), list(channels), [g.group for g in result.groups])
    for r in sent:
        click.echo(_sent(r, language()), err=True)
    if as_json:
        _echo_json(result.to_dict())
    elif not out:
        click.echo(plain_text(result), nl=False)


def _sent(r: Delivered, words: str) -> str:
    """``→ channel：ok，1 条，尝试 1 次`` for one delivery, in ``words``."""
    return t("delivery.cli.sent", words, channel=r.channel, status=r.status, parts=r.parts, attempts=r.attempts,
             masked=t("delivery.cli.masked", words) if r.masked else "",
             detail=t("delivery.cli.detail", words, detail=r.detail) if r.detail else "")


# alerts ----------------------------------------------------------------------------------------
@click.group()
def alerts() -> None:
    """Keyword and intent alerts: the queue and its rules."""


@alerts.command("list")
@click.option("--status", default="new", type=click.Choice(["new", "handled", "ignored", "all"]), show_default=True)
@click.option("--group", help="Only this group.")
@click.option("--limit", default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def alerts_list(status: str, group: str | None, limit: int, as_json: bool) -> None:
    """The alert queue, newest first, each with the command that opens its message's context."""
    from ..app import MessageRef

    found = build_assistant().briefing.alerts.list(None if status == "all" else status, group, limit)
    if as_json:
        _echo_json([a.to_dict() for a in found])
        return
    words = language()
    if not found:
        click.echo(t("alerts.cli.none" if status == "new" else "alerts.cli.none_matching", words))
    for a in found:
        handled = t("alerts.cli.handled", words, by=a.handled_by, at=a.handled_at) if a.handled_by else ""
        click.echo(f"#{a.alert_id} [{a.status_label(words)}{handled}] {a.rule} · {a.group} {a.ts} {a.sender}"
                   f"{colon(words)}{a.text}")
        click.echo(t("alerts.cli.matched", words, matched=a.matched, command=MessageRef.of(a).command()))


@alerts.command("ack")
@click.argument("alert_ids", nargs=-1, type=int, required=True)
@click.option("--by", default=None, help="Who handled it (default: this computer's user name).")
@click.option("--ignore", is_flag=True, help="Mark as ignored instead of handled.")
@click.option("--reopen", is_flag=True, help="Put back to new (open).")
@click.option("--note", help="A note kept with the alert.")
@click.option("--json", "as_json", is_flag=True)
def alerts_ack(alert_ids: tuple[int, ...], by: str | None, ignore: bool, reopen: bool, note: str | None,
               as_json: bool) -> None:
    """Mark alerts handled (or ignored), recording who and when."""
    status = "new" if reopen else "ignored" if ignore else "handled"
    done = build_assistant().briefing.alerts.ack(list(alert_ids), by or getpass.getuser(), status, note)
    if as_json:
        _echo_json([a.to_dict() for a in done])
        return
    words = language()
    for a in done:
        click.echo(f"#{a.alert_id} → {a.status_label(words)}"
                   + (t("alerts.cli.acked", words, by=a.handled_by, at=a.handled_at) if a.handled_by else ""))


@alerts.command("check")
@click.option("--all", "everything", is_flag=True, help="Check the whole history, not only new imports.")
def alerts_check(everything: bool) -> None:
    """Run the rules now (imports run them by themselves)."""
    report = build_assistant().briefing.alerts.check(everything)
    words = language()
    click.echo(t("alerts.cli.checked", words, checked=report.checked, filed=report.filed)
               + ("".join(f"\n  {k}{colon(words)}{v}" for k, v in report.by_rule.items())))


@alerts.group("rules")
def rules() -> None:
    """Alert rules: keywords, regular expressions and built-in intents."""


@rules.command("list")
@click.option("--json", "as_json", is_flag=True)
def rules_list(as_json: bool) -> None:
    """The alert rules, with the groups each watches."""
    found = build_assistant().briefing.alerts.rules()
    if as_json:
        _echo_json([r.to_dict() for r in found])
        return
    words = language()
    names = t("tool.names", words)
    if not found:
        click.echo(t("alerts.cli.no_rules", words))
    for r in found:
        scope = names.join(r.groups) or label("scope", ALL_GROUPS, words)
        extra = t("alerts.cli.competitors", words, terms=names.join(r.terms)) if r.terms else ""
        click.echo(f"{r.rule_id}. {r.name} · {r.label(words)}{extra} · {scope}{'' if r.enabled else t('alerts.cli.disabled', words)}")


@rules.command("add")
@click.option("--keywords", help="Keywords, comma separated, e.g. 退款,退货.")
@click.option("--regex", help="A regular expression, e.g. '加.{0,3}(微|v)信'.")
@click.option("--intent", type=click.Choice(list(INTENTS)), help="A built-in intent.")
@click.option("--terms", help="Competitor names for --intent competitor, comma separated.")
@click.option("--group", "groups", multiple=True, help="Only in this group (repeatable; default: every group).")
@click.option("--name", default="", help="A name for the rule.")
def rules_add(keywords: str | None, regex: str | None, intent: str | None, terms: str | None,
              groups: tuple[str, ...], name: str) -> None:
    """Add a rule: exactly one of --keywords, --regex or --intent."""
    given = [(k, v) for k, v in (("keyword", keywords), ("regex", regex), ("intent", intent)) if v]
    if len(given) != 1:
        raise InputError(t("alerts.cli.one_kind", language(), kinds=t("tool.names", language()).join(RULE_KINDS)))
    kind, pattern = given[0]
    draft = RuleDraft(name, kind, pattern, [term for term in (terms or "").replace("，", ",").split(",")], list(groups))
    rule = build_assistant().briefing.alerts.add_rule(draft)
    words = language()
    click.echo(t("alerts.cli.rule_added", words, id=rule.rule_id, name=rule.name, label=rule.label(words)))


@rules.command("remove")
@click.argument("rule_id", type=int)
def rules_remove(rule_id: int) -> None:
    """Delete an alert rule (its alerts stay in the queue)."""
    build_assistant().briefing.alerts.remove_rule(rule_id)
    click.echo(t("alerts.cli.rule_removed", language(), id=rule_id))


# schedules -------------------------------------------------------------------------------------
@click.group()
def schedule() -> None:
    """Scheduled digests, reports, alert checks and syncs, and where they are delivered."""


@schedule.command("add")
@click.option("--job", required=True, type=click.Choice(list(JOBS)))
@click.option("--at", "at", required=True, help="Local times, e.g. 08:00 or 08:00,20:30.")
@click.option("--days", help="Weekdays, e.g. mon-fri or mon,thu (default: every day).")
@click.option("--tz", default="Asia/Shanghai", show_default=True)
@click.option("--group", help="Only this group (default: every group).")
@click.option("--member", help="Daily digest about one member.")
@click.option("--period", type=click.Choice(["yesterday", "today"]), default="yesterday", show_default=True,
              help="Daily digest of the day before the run, or of the run's day so far.")
@click.option("--send", "channels", multiple=True, help="Deliver to this channel (repeatable; default: inbox).")
@click.option("--name", default="")
def schedule_add(job: str, at: str, days: str | None, tz: str, group: str | None, member: str | None, period: str,
                 channels: tuple[str, ...], name: str) -> None:
    """Add a schedule.

    \b
    Examples:
        python -m assistant schedule add --job daily_digest --at 08:00 --send 团长企微
        python -m assistant schedule add --job alert_check --at 09:00,13:00,18:00,22:00 --send inbox
        python -m assistant schedule add --job weekly_report --at 09:00 --days mon
    """
    options = {k: v for k, v in {"group": group, "member": member, "period": period,
                                 "channels": list(channels) or ["inbox"]}.items() if v}
    created = build_assistant().briefing.schedules.add(job, at, days, tz, name, options)
    words = language()
    click.echo(t("schedule.cli.added", words, id=created.schedule_id, name=created.name, when=created.when(words),
                 tz=created.tz))


@schedule.command("list")
@click.option("--json", "as_json", is_flag=True)
def schedule_list(as_json: bool) -> None:
    """The schedules with their times, next run and channels."""
    schedules = build_assistant().briefing.schedules
    found = schedules.list()
    if as_json:
        _echo_json([s.to_dict() | {"next_run": str(s.next_run(schedules.now()) or "")} for s in found])
        return
    words = language()
    if not found:
        click.echo(t("schedule.cli.none", words))
    for s in found:
        upcoming = s.next_run(schedules.now())
        state = (t("schedule.cli.paused_state", words) if s.paused
                 else t("schedule.cli.next", words, at=f"{upcoming:%Y-%m-%d %H:%M}") if upcoming else "")
        click.echo(t("schedule.cli.row", words, id=s.schedule_id, name=s.name, job=JOBS[s.job][words], when=s.when(words),
                     state=state, channels=t("tool.names", words).join(s.options.get("channels", ["inbox"]))))


@schedule.command("remove")
@click.argument("schedule_id", type=int)
def schedule_remove(schedule_id: int) -> None:
    """Delete a schedule (its run log stays)."""
    build_assistant().briefing.schedules.remove(schedule_id)
    click.echo(t("schedule.cli.removed", language(), id=schedule_id))


@schedule.command("pause")
@click.argument("schedule_id", type=int)
@click.option("--resume", is_flag=True)
def schedule_pause(schedule_id: int, resume: bool) -> None:
    """Pause a schedule, or resume it with --resume (what was due while paused is not replayed)."""
    s = build_assistant().briefing.schedules.pause(schedule_id, not resume)
    click.echo(t("schedule.cli.paused" if s.paused else "schedule.cli.resumed", language(), id=s.schedule_id))


@schedule.command("run-due")
@click.option("--now", "now", help="Pretend it is this local time, e.g. '2026-12-01 08:00' (default: now).")
@click.option("--json", "as_json", is_flag=True)
def schedule_run_due(now: str | None, as_json: bool) -> None:
    """Run every schedule that is due (each fire time once; missed ones collapse into one run).

    For cron: * * * * * cd /path && .venv/bin/python -m assistant schedule run-due
    """
    from ..app import parse_now

    assistant = build_assistant()
    moment = parse_now(now, language=assistant.settings.language) if now else None
    _print_runs(assistant.briefing.schedules.run_due(moment), as_json)


@schedule.command("run")
@click.argument("schedule_id", type=int)
@click.option("--json", "as_json", is_flag=True)
def schedule_run(schedule_id: int, as_json: bool) -> None:
    """Run one schedule now (its timetable does not move)."""
    _print_runs([build_assistant().briefing.schedules.run_now(schedule_id)], as_json)


@schedule.command("runs")
@click.option("--id", "schedule_id", type=int, help="Only this schedule's runs.")
@click.option("--json", "as_json", is_flag=True)
def schedule_runs(schedule_id: int | None, as_json: bool) -> None:
    """The run log, newest first."""
    _print_runs(build_assistant().briefing.schedules.runs(schedule_id), as_json)


def _print_runs(runs: list, as_json: bool) -> None:  # noqa: ANN001
    if as_json:
        _echo_json([r.to_dict() for r in runs])
        return
    words = language()
    if not runs:
        click.echo(t("schedule.cli.nothing_due", words))
    for r in runs:
        click.echo(t("schedule.cli.run", words, status=r.status, job=JOBS.get(r.job, {}).get(words, r.job),
                     due=(r.due_at or "")[:16], started=r.started_at))
        for line in r.log:
            click.echo(f"    {line}")


@schedule.command("worker")
def schedule_worker() -> None:
    """Run the scheduler in the foreground (scripts/app.sh starts it beside the app)."""
    from .worker import run_worker

    run_worker(build_assistant())


@schedule.group("channel")
def channel() -> None:
    """Delivery channels: inbox (built in), folder, wecom, feishu, dingtalk, email."""


@channel.command("add")
@click.option("--name", required=True)
@click.option("--kind", required=True, type=click.Choice([k for k in KINDS if k != "inbox"]))
@click.option("--audience", required=True, type=click.Choice(list(AUDIENCES)),
              help="admin: privately to the operator; group: into a chat the members read.")
@click.option("--url", help="Robot webhook address (wecom, feishu, dingtalk).")
@click.option("--secret", help="Signing secret (feishu, dingtalk), if the robot has signature check (签名校验/加签) on.")
@click.option("--path", help="Folder to write into (folder).")
@click.option("--host", help="SMTP server (email).")
@click.option("--port", type=int, help="SMTP port (default 587, or 465 with --tls ssl).")
@click.option("--tls", type=click.Choice(["starttls", "ssl", "none"]), default="starttls", show_default=True)
@click.option("--user", help="SMTP login.")
@click.option("--password-stdin", is_flag=True, help="Read the SMTP password from standard input.")
@click.option("--sender", help="From address (email).")
@click.option("--to", help="Recipients, comma separated (email).")
def channel_add(name: str, kind: str, audience: str, url: str | None, secret: str | None, path: str | None,
                host: str | None, port: int | None, tls: str, user: str | None, password_stdin: bool,
                sender: str | None, to: str | None) -> None:
    """Add a channel; its secrets are stored in data/briefing.db (mode 600) and never printed."""
    password = click.get_text_stream("stdin").readline().rstrip("\n") if password_stdin else None
    config = {"url": url, "secret": secret, "path": path, "host": host, "port": port,
              "tls": tls if kind == "email" else None, "user": user, "password": password, "sender": sender,
              "to": [a.strip() for a in (to or "").split(",") if a.strip()] or None}
    added = build_assistant().briefing.delivery.add_channel(Channel(name, kind, audience,
                                                                    {k: v for k, v in config.items() if v}))
    words = language()
    click.echo(t("delivery.cli.added", words, name=added.name, kind=KINDS[added.kind][words],
                 audience=AUDIENCES[added.audience][words]))


@channel.command("list")
@click.option("--json", "as_json", is_flag=True)
def channel_list(as_json: bool) -> None:
    """The delivery channels; secrets and webhook keys are never shown."""
    words = language()
    found = [c.public(words) for c in build_assistant().briefing.delivery.channels()]
    if as_json:
        _echo_json(found)
        return
    for c in found:
        shown = t("tool.list", words).join(f"{k}={v}" for k, v in c["config"].items())
        click.echo(f"{c['name']} · {KINDS[c['kind']][words]} · {AUDIENCES[c['audience']][words]}{' · ' + shown if shown else ''}")


@channel.command("remove")
@click.argument("name")
def channel_remove(name: str) -> None:
    """Delete a delivery channel."""
    build_assistant().briefing.delivery.remove_channel(name)
    click.echo(t("delivery.cli.removed", language(), name=name))


@channel.command("test")
@click.argument("name")
def channel_test(name: str) -> None:
    """Send a short test message to a channel."""
    from ..app import Outgoing

    words = language()
    text, subject = t("delivery.cli.test_text", words), t("delivery.cli.test_subject", words)
    [result] = build_assistant().briefing.delivery.deliver(Outgoing(subject, text, f"<p>{text}</p>", text), [name], ["test"])
    click.echo(t("delivery.cli.test", words, channel=result.channel, status=result.status,
                 detail=t("delivery.cli.detail", words, detail=result.detail) if result.detail else ""))
    if result.status != "ok":
        raise SystemExit(1)


@click.command()
@click.option("--json", "as_json", is_flag=True)
def inbox(as_json: bool) -> None:
    """Digests and alerts delivered to the app's inbox, newest first."""
    items = build_assistant().briefing.delivery.inbox()
    if as_json:
        _echo_json([vars(i) for i in items])
        return
    if not items:
        click.echo(t("inbox.cli.empty", language()))
    for i in items:
        click.echo(f"{'•' if not i.read else ' '} {i.at} {i.subject}")
