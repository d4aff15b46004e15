"""Accounts and roles: who may open the app, and who may change what.

The app holds customers' chat histories and a saved API key, so once anyone but the person at
this machine can reach it, every visitor must sign in. Two roles: an **admin** changes settings,
moves workspaces and deletes documents; an **operator** does everything else. Accounts live in
``users.yaml`` in the workspace data folder (mode 0600, bcrypt hashes, never plain passwords), in
the layout streamlit-authenticator reads, and are written only by ``python -m assistant users``.

Without accounts the app may serve this machine alone: :func:`serves_only_this_machine` decides it
by resolving the configured server address, never by its spelling (``127.1``, ``localhost.`` and
``::1`` are loopback; ``0.0.0.0``, ``::`` and an empty address listen on every interface).
"""

from __future__ import annotations

import copy
import os
import re
import secrets
import socket
import stat
import time
from dataclasses import dataclass
from ipaddress import IPv6Address, ip_address
from pathlib import Path

import bcrypt
import yaml

from .errors import ConfigError, InputError
from .i18n import t

ADMIN, OPERATOR = "admin", "operator"
ROLES = (ADMIN, OPERATOR)
USERS_FILE = "users.yaml"
MIN_PASSWORD = 8
MAX_PASSWORD_BYTES = 72  # bcrypt reads no further; longer passwords are refused, not cut
COOKIE_DAYS = 7
_NAME = re.compile(r"^[\w.@-]{1,64}$")


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    created_at: str

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN


class Accounts:
    """The accounts of one workspace, kept in ``<data_dir>/users.yaml``."""

    def __init__(self, data_dir: Path, language: str = "zh") -> None:
        self.path = data_dir / USERS_FILE
        self.language = language  # of its fix-it errors

    def all(self) -> list[Account]:
        users = self._load()["credentials"]["usernames"]
        return [_account(name, entry) for name, entry in sorted(users.items())]

    def configured(self) -> bool:
        """Are there any accounts? (Then every page of the app requires a login.)"""
        return bool(self.all())

    def get(self, name: str | None) -> Account | None:
        entry = self._load()["credentials"]["usernames"].get(_key(name or ""))
        return _account(_key(name or ""), entry) if entry else None

    def add(self, name: str, role: str, password: str) -> Account:
        """Create an account; the first one must be an admin, so someone can change settings."""
        key = _valid_name(name, self.language)
        if role not in ROLES:
            raise InputError(t("accounts.error.role", self.language, admin=ADMIN, operator=OPERATOR))
        config = self._load()
        users = config["credentials"]["usernames"]
        if key in users:
            raise InputError(t("accounts.error.exists", self.language, name=key))
        if role != ADMIN and not any(_role(u) == ADMIN for u in users.values()):
            raise InputError(t("accounts.error.admin_first", self.language, admin=ADMIN))
        users[key] = {"name": key, "password": hash_password(password, self.language), "roles": [role],
                      "created_at": time.strftime("%Y-%m-%d %H:%M:%S")}
        self._save(config)
        return _account(key, users[key])

    def remove(self, name: str) -> Account:
        """Delete an account; the last admin stays while other accounts remain."""
        config = self._load()
        users = config["credentials"]["usernames"]
        account = self._existing(users, name)
        admins = [n for n, u in users.items() if _role(u) == ADMIN]
        if account.is_admin and admins == [account.name] and len(users) > 1:
            raise InputError(t("accounts.error.last_admin", self.language, name=account.name))
        del users[account.name]
        _rotate_cookie_key(config)  # remembered logins end, the removed account's included
        self._save(config)
        return account

    def set_password(self, name: str, password: str) -> Account:
        config = self._load()
        users = config["credentials"]["usernames"]
        account = self._existing(users, name)
        users[account.name]["password"] = hash_password(password, self.language)
        _rotate_cookie_key(config)  # whoever knew the old password is signed out everywhere
        self._save(config)
        return account

    def verify(self, name: str, password: str) -> Account | None:
        """The account if ``password`` is its password, else None."""
        account = self.get(name)
        stored = self._load()["credentials"]["usernames"].get(_key(name), {}).get("password", "")
        if account is None or not stored.startswith("$2"):
            return None
        ok = len(password.encode()) <= MAX_PASSWORD_BYTES and bcrypt.checkpw(password.encode(), stored.encode())
        return account if ok else None

    def authenticator_config(self) -> dict:
        """A private copy of the file's contents for streamlit-authenticator (it mutates what it gets)."""
        return copy.deepcopy(self._load())

    def _existing(self, users: dict, name: str) -> Account:
        key = _key(name)
        if key not in users:
            raise InputError(t("accounts.error.none", self.language, name=key))
        return _account(key, users[key])

    def _load(self) -> dict:
        if not self.path.exists():
            return _empty()
        _tighten(self.path)
        try:
            config = yaml.safe_load(self.path.read_text(encoding="utf-8")) or {}
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise ConfigError(t("accounts.error.file_unreadable", self.language, path=self.path,
                                kind=type(exc).__name__)) from exc
        if not isinstance(config.get("credentials", {}).get("usernames", {}), dict):
            raise ConfigError(t("accounts.error.file_layout", self.language, path=self.path))
        base = _empty()
        base["credentials"]["usernames"] = config.get("credentials", {}).get("usernames") or {}
        base["cookie"] = config.get("cookie") or base["cookie"]
        return base

    def _save(self, config: dict) -> None:
        """Write the whole file at once with mode 0600 (a half-written file never has the name)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(self.path.name + ".partial")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            yaml.safe_dump(config, out, allow_unicode=True, sort_keys=False)
        os.chmod(partial, 0o600)
        partial.replace(self.path)


def hash_password(password: str, language: str = "zh") -> str:
    """A bcrypt hash (the format streamlit-authenticator checks) of an acceptable password."""
    if password != password.strip():
        raise InputError(t("accounts.error.password_spaces", language))
    if len(password) < MIN_PASSWORD:
        raise InputError(t("accounts.error.password_short", language, n=MIN_PASSWORD))
    if len(password.encode()) > MAX_PASSWORD_BYTES:
        raise InputError(t("accounts.error.password_long", language, n=MAX_PASSWORD_BYTES))
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode()


def serves_only_this_machine(address: str | None) -> bool:
    """Does a server bound to ``address`` listen on loopback only? Empty means every interface."""
    host = (address or "").strip().strip("[]")
    if not host:
        return False
    literal = _ip(host)
    if literal is not None:
        return literal
    try:
        infos = socket.getaddrinfo(host.removesuffix("."), None)  # "localhost." is localhost, fully qualified
    except (OSError, UnicodeError):
        return False
    resolved = [_ip(str(info[4][0])) for info in infos]
    return bool(resolved) and all(resolved)


def _ip(host: str) -> bool | None:
    """True/False for an IP literal (loopback or not), None for a name that needs resolving."""
    try:
        address = ip_address(host.split("%")[0])
    except ValueError:
        try:
            address = ip_address(socket.inet_aton(host))  # the short forms the OS accepts: 127.1, 0
        except OSError:
            return None
    if isinstance(address, IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


def _empty() -> dict:
    return {"credentials": {"usernames": {}},
            "cookie": {"name": f"qun_assistant_{secrets.token_hex(4)}", "key": secrets.token_hex(32),
                       "expiry_days": COOKIE_DAYS}}


def _rotate_cookie_key(config: dict) -> None:
    config["cookie"]["key"] = secrets.token_hex(32)


def _tighten(path: Path) -> None:
    if stat.S_IMODE(path.stat().st_mode) & 0o077:
        path.chmod(0o600)


def _key(name: str) -> str:
    return name.strip().lower()  # streamlit-authenticator matches user names in lower case


def _valid_name(name: str, language: str) -> str:
    key = _key(name)
    if not _NAME.match(key):
        raise InputError(t("accounts.error.name", language))
    return key


def _role(entry: dict) -> str:
    roles = entry.get("roles") or [OPERATOR]
    return ADMIN if ADMIN in roles else OPERATOR


def _account(name: str, entry: dict) -> Account:
    return Account(name, _role(entry), str(entry.get("created_at", "")))
