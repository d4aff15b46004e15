"""``metrics``, ``churn``, ``segments``, ``risks``: the numbers about the imported groups."""

from __future__ import annotations

import json
from pathlib import Path

from typing import TYPE_CHECKING

import click

from .common import build_assistant, context_hint

if TYPE_CHECKING:
    from ..app import ChurnReport, MetricsReport

_MARK = {"healthy": "✓", "watch": "…", "action": "✗", "unsupported": "—", "insufficient": "—"}
_BREAKDOWN = {"joins": "via", "exits": "exit", "content_mix": "content"}  # the label kind of a breakdown's keys
_GROUP = click.option("--group", help="Only this group (default: every group, and all together).")
_JSON = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")


@click.command()
@_GROUP
@click.option("--weeks", type=click.IntRange(1, 52), default=1, show_default=True, help="How many recent weeks.")
@click.option("--week", help="One ISO week, e.g. 2026-W07 (default: the latest complete week).")
@_JSON
def metrics(group: str | None, weeks: int, week: str | None, as_json: bool) -> None:
    """Community metrics per group and ISO week, with the previous week, delta and health.

    \b
    Examples:
        python -m assistant metrics --json
        python -m assistant metrics --group 水果团购1群 --weeks 4
    """
    assistant = build_assistant()
    reports = assistant.numbers.weekly_metrics(weeks, week, group)
    if as_json:
        click.echo(json.dumps([_scoped(r.to_dict(), assistant.settings.language) for r in reports], ensure_ascii=False, indent=2))
        return
    for report in reports:
        _print_metrics(report, assistant.settings.language)


@click.command()
@_GROUP
@click.option("--week", help="ISO week to explain, e.g. 2026-W07 (default: the latest complete week).")
@click.option("--since", help="Start date YYYY-MM-DD (with --until) instead of a week.")
@click.option("--until", help="End date YYYY-MM-DD, inclusive.")
@_JSON
def churn(group: str | None, week: str | None, since: str | None, until: str | None, as_json: bool) -> None:
    """Explain exits: is the rise real, who left, and which drivers stand out, with evidence.

    \b
    Examples:
        python -m assistant churn --group 水果团购1群 --json
        python -m assistant churn --since 2026-03-01 --until 2026-03-14
    """
    assistant = build_assistant()
    report = assistant.numbers.churn(group, week, since, until)
    if as_json:
        click.echo(json.dumps(report.to_dict(assistant.settings.language), ensure_ascii=False, indent=2))
        return
    _print_churn(report, assistant.settings.language)


@click.command()
@_GROUP
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False, path_type=Path), help="Write the member list here.")
@_JSON
def segments(group: str | None, csv_path: Path | None, as_json: bool) -> None:
    """Lifecycle stages, value tiers and churn-risk members; export the list to CSV.

    \b
    Examples:
        python -m assistant segments --group 水果团购1群 --csv members.csv
    """
    from ..app import segment_summary as summary
    from ..app import segments_csv as to_csv

    from ..i18n import label, t

    assistant = build_assistant()
    language = assistant.settings.language
    rows = assistant.numbers.segments(group)
    if csv_path:
        csv_path.write_text(to_csv(rows, language), encoding="utf-8")
    counts = summary(rows)
    if as_json:
        click.echo(json.dumps(_segments_json(counts, rows, language), ensure_ascii=False, indent=2))
        return
    for dimension, values in counts.items():
        name = dimension if language == "zh" else t(f"segments.cli.{dimension}", language)  # Chinese: as it always was
        click.echo(f"{name}: " + t("tool.list", language).join(f"{label('stage', k, language)} {v}" for k, v in values.items()))
    if csv_path:
        click.echo(t("segments.cli.written", language, path=csv_path, n=len(rows)))


@click.command()
@_GROUP
@click.option("--days", type=click.IntRange(1, 365), default=28, show_default=True, help="Look back this many days.")
@_JSON
def risks(group: str | None, days: int, as_json: bool) -> None:
    """Risk flags (spam, scams, ad-law wording, sensitive words, unanswered complaints), each with its context command.

    \b
    Example:
        python -m assistant risks --group 水果团购1群 --json
    """
    from ..app import MessageRef
    from ..i18n import label, t

    assistant = build_assistant()
    language = assistant.settings.language
    flags = assistant.numbers.risks(group, days)
    if as_json:
        click.echo(json.dumps([f.to_dict() for f in flags], ensure_ascii=False, indent=2))
        return
    for flag in flags:
        kind, rule = label("risk", flag.kind, language), label("risk_rule", flag.rule, language)
        click.echo(f"[{kind}·{rule}] {flag.group} {flag.ts} {label('sender', flag.sender, language)}: {flag.text}")
        click.echo("   → " + context_hint(MessageRef.of(flag), language))
    if not flags:
        click.echo(t("risks.cli.none", language))


def _scoped(found: dict, language: str) -> dict:
    """A report's JSON with, in English, the label of its group ("全部群", every group together, is a key)."""
    from ..i18n import label

    return found if language == "zh" else {**found, "group_label": label("scope", found["group"], language)}


def _segments_json(counts: dict, rows: list, language: str) -> dict:
    """The segments' JSON: stages and tiers are Chinese keys; in English each gets a ``…_label`` beside it."""
    from ..i18n import label

    if language == "zh":
        return {"summary": counts, "members": [r.__dict__ for r in rows]}
    labels = {f"{kind}_label": {k: label("stage", k, language) for k in values} for kind, values in counts.items()}
    members = [{**r.__dict__, "stage_label": label("stage", r.stage, language), "tier_label": label("stage", r.tier, language)}
               for r in rows]
    return {"summary": {**counts, **labels}, "members": members}


def _print_metrics(report: MetricsReport, language: str = "zh") -> None:
    """Each metric on a line in ``language`` (the analytics write the notes in it too)."""
    from ..i18n import label, t

    click.echo("\n" + t("metrics.cli.head", language, group=label("scope", report.group, language),
                          period=report.period.label, previous=report.previous.label))
    for m in report.metrics:
        value = _fmt(m.key, m.value)
        delta = "" if m.delta is None else f"  Δ {_fmt(m.key, m.delta, signed=True)}"
        status = f"{_MARK[m.status]} {label('health', m.status, language)}" if m.status in _MARK else ""
        extra = f"  {_breakdown(m.key, m.breakdown, language)}" if m.breakdown else ""
        note = t("metrics.cli.note", language, note=m.note) if m.note else ""
        click.echo(f"  {label('metric', m.key, language)}: {value}{delta}  {status}{extra}{note}")


def _breakdown(key: str, parts: dict, language: str) -> dict:
    """Chinese as the analytics give it (ids for joins and exits); English names every part."""
    from ..i18n import LABELS, label

    if language == "zh" or key not in _BREAKDOWN:
        return parts
    kind = _BREAKDOWN[key]
    ids = {names["zh"]: k for k, names in LABELS[kind].items()}  # content_mix is keyed by its Chinese labels
    return {label(kind, ids.get(part, part), language): value for part, value in parts.items()}


def _print_churn(report: ChurnReport, language: str = "zh") -> None:
    """The churn answer as text, every sentence in ``language`` (user data — names, quotes — as it is)."""
    from ..app import MessageRef, admins_text
    from ..i18n import label, t

    comma = "，" if language == "zh" else ", "
    split = comma.join(f"{label('exit', k, language)} {v}" for k, v in report.exit_types.items())
    group = t("churn.all_groups", language) if report.group == t("churn.all_groups", "zh") else report.group
    click.echo(t("churn.cli.head", language, group=group, period=report.period.label, exits=report.exits,
                 split=split or t("dash.none", language), members=report.members_start))
    click.echo(report.verdict.text(language))
    if report.unseen:
        click.echo(report.note_in(language))
    for n, driver in enumerate(report.drivers, start=1):
        click.echo("\n" + t("churn.cli.driver", language, n=n, label=label("driver", driver.id, language),
                             score=f"{driver.score:.2f}", confidence=label("confidence", driver.confidence, language)))
        click.echo(f"   {driver.explain(language)}")
        for e in driver.evidence:
            click.echo(f"   · {e.ts} {label('sender', e.sender, language)}: {e.text_in(language)}")
            ref = MessageRef.of(e)
            if ref.openable:  # a chat message (a recorded join has no conversation to open)
                click.echo("     → " + context_hint(ref, language))
        click.echo("   " + t("churn.cli.confirm", language, text=driver.how_to_confirm(language)))
    if report.finding(language):
        click.echo(report.finding(language))
    if report.unexplained or (report.segments and not report.drivers):
        for s in report.segments[:5]:
            click.echo(f"   · {s.line(language)} / {s.members}")
    for item in report.not_judged:
        click.echo(t("churn.cli.not_judged", language, label=label("driver", item.id, language),
                     reason=item.reason_en if language == "en" else item.reason))
    for a in report.admins:
        if a["basis"] == "inferred":
            click.echo(t("churn.cli.admins", language, group=a["group"], names=admins_text(a["admins"], language)))


def _fmt(key: str, value: float | None, signed: bool = False) -> str:
    from ..app import RATES

    if value is None:
        return "—"
    if key in RATES:
        return f"{value:+.1%}" if signed else f"{value:.1%}"
    return f"{value:+,.1f}" if signed else f"{value:,.1f}".removesuffix(".0")
