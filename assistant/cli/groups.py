"""``groups admins list/set/unset``: who the admins of each group are, and correcting it.

Exports rarely state roles, so admins are often inferred from behaviour (removing members, daily
notices and 接龙, answering others' questions). The list shows each admin's source and reasons; a
correction here beats anything stated or inferred, and the churn explainer uses it at once.
"""

from __future__ import annotations

import json

import click

from ..app import AdminList
from ..i18n import colon, label, t
from .common import audit, build_assistant


@click.group()
def groups() -> None:
    """Groups: who the admins are (confirmed, stated in the export, or inferred from behaviour)."""


@groups.group("admins")
def admins() -> None:
    """List, confirm or reject a group's admins."""


@admins.command("list")
@click.option("--group", help="Only this group (default: every group).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (with member ids).")
def list_(group: str | None, as_json: bool) -> None:
    """Each group's admins with where that comes from and why.

    \b
    Example:
        python -m assistant groups admins list --group 水果团购1群
    """
    assistant = build_assistant()
    found = assistant.numbers.admins(group)
    if as_json:
        click.echo(json.dumps([a.to_dict(assistant.settings.language) for a in found], ensure_ascii=False, indent=2))
        return
    for admin_list in found:
        _print(admin_list, assistant.settings.language)


@admins.command("set")
@click.argument("member")
@click.option("--group", required=True, help="The group.")
def set_(member: str, group: str) -> None:
    """Confirm MEMBER (group nickname or id) as an admin of the group."""
    assistant = build_assistant()
    _print(assistant.numbers.set_admin(group, member, True), assistant.settings.language)
    audit("groups.admins.set", {"group": group, "member": member})


@admins.command("unset")
@click.argument("member")
@click.option("--group", required=True, help="The group.")
def unset(member: str, group: str) -> None:
    """Mark MEMBER (group nickname or id) as not an admin of the group, whatever was stated or inferred."""
    assistant = build_assistant()
    _print(assistant.numbers.set_admin(group, member, False), assistant.settings.language)
    audit("groups.admins.unset", {"group": group, "member": member})


def _print(admin_list: AdminList, language: str = "zh") -> None:
    click.echo(f"{admin_list.group}{colon(language).rstrip()}")
    if not admin_list.admins:
        click.echo(t("admins.cli.unknown", language))
    for a in admin_list.admins:
        reasons = ("；" if language == "zh" else "; ").join(r.text(language) for r in a.reasons)
        click.echo("  · " + t("churn.cli.admin", language, name=a.name, reasons=label("admin_source", a.source, language))
                   + (colon(language) + reasons if reasons else ""))
    for a in admin_list.rejected:
        click.echo("  ✗ " + t("churn.cli.admin", language, name=a.name, reasons=t("admins.rejected", language)))
