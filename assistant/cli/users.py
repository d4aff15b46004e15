"""``users add|list|remove|passwd``: the accounts that sign in to the app, and their roles.

Accounts are made here, at the machine, never from the app: whoever can run this command can
read the workspace anyway. Passwords are asked with a hidden prompt (twice), or read from the
first line of standard input with ``--password-stdin`` for scripts; they never appear as arguments.
"""

from __future__ import annotations

import json
import sys

import click

from ..app import ROLES, Accounts, AuditLog, cli_actor
from ..config import load_settings
from ..i18n import t

_PASSWORD_STDIN = click.option("--password-stdin", is_flag=True,
                               help="Read the password from the first line of standard input.")


@click.group()
def users() -> None:
    """Accounts for the app: admins change settings and delete documents, operators do the rest.

    \b
    Once an account exists, every page of the app asks for a login. Without accounts the app
    only serves this machine (server.address 127.0.0.1).
    """


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), required=True, help="admin or operator.")
@_PASSWORD_STDIN
def add(name: str, role: str, password_stdin: bool) -> None:
    """Create the account NAME with a role.

    \b
    Examples:
        python -m assistant users add zhangsan --role admin
        echo "$PASSWORD" | python -m assistant users add lisi --role operator --password-stdin
    """
    settings = load_settings()
    account = Accounts(settings.data_dir, settings.language).add(name, role, _password(password_stdin))
    AuditLog(settings.data_dir).record(cli_actor(), "users.add", {"account": account.name, "role": account.role})
    click.echo(t("users.cli.added", settings.language, name=account.name, role=t("role." + account.role, settings.language)))


@users.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per account.")
def list_(as_json: bool) -> None:
    """Show the accounts and their roles (never passwords).

    \b
    Example:
        python -m assistant users list
    """
    settings = load_settings()
    accounts = Accounts(settings.data_dir, settings.language).all()
    if as_json:
        click.echo(json.dumps([a.__dict__ for a in accounts], ensure_ascii=False))
        return
    if not accounts:
        click.echo(t("users.cli.none", settings.language))
    for account in accounts:
        click.echo(f"{account.name}\t{t('role.' + account.role, settings.language)}\t{account.created_at}")


@users.command("remove")
@click.argument("name")
def remove(name: str) -> None:
    """Delete the account NAME (signs out every remembered login).

    \b
    Example:
        python -m assistant users remove lisi
    """
    settings = load_settings()
    account = Accounts(settings.data_dir, settings.language).remove(name)
    AuditLog(settings.data_dir).record(cli_actor(), "users.remove", {"account": account.name})
    click.echo(t("users.cli.removed", settings.language, name=account.name))


@users.command("passwd")
@click.argument("name")
@_PASSWORD_STDIN
def passwd(name: str, password_stdin: bool) -> None:
    """Set a new password for NAME (signs out every remembered login).

    \b
    Example:
        python -m assistant users passwd zhangsan
    """
    settings = load_settings()
    account = Accounts(settings.data_dir, settings.language).set_password(name, _password(password_stdin))
    AuditLog(settings.data_dir).record(cli_actor(), "users.passwd", {"account": account.name})
    click.echo(t("users.cli.password_set", settings.language, name=account.name))


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    language = load_settings().language
    return click.prompt(t("users.cli.password", language), hide_input=True,
                        confirmation_prompt=t("users.cli.repeat", language))
