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

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / USERS_FILE

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
        key = _valid_name(name)
        if role not in ROLES:
            raise InputError(f"角色只能是 {' 或 '.join(ROLES)}（role must be admin or operator）。")
        config = self._load()
        users = config["credentials"]["usernames"]
        if key in users:
            raise InputError(f"账号 {key} 已存在；改密码请用 python -m assistant users passwd {key}。")
        if role != ADMIN and not any(_role(u) == ADMIN for u in users.values()):
            raise InputError(f"请先添加一个管理员：python -m assistant users add 名字 --role {ADMIN}"
                             "（without an admin nobody could change the settings）。")
        users[key] = {"name": key, "password": hash_password(password), "roles": [role],
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
            raise InputError(f"{account.name} 是最后一个管理员：请先添加另一个管理员，或先删除其他账号。")
        del users[account.name]
        _rotate_cookie_key(config)  # remembered logins end, the removed account's included
        self._save(config)
        return account

    def set_password(self, name: str, password: str) -> Account:
        config = self._load()
        users = config["credentials"]["usernames"]
        account = self._existing(users, name)
        users[account.name]["password"] = hash_password(password)
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
            raise InputError(f"没有账号 {key}；用 python -m assistant users list 查看已有账号。")
        return _account(key, users[key])

    def _load(self) -> dict:
        if not self.path.exists():
            return _empty()
        _tighten(self.path)
        try:
            config = yaml.safe_load(self.path.read_text(encoding="utf-8")) or {}
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise ConfigError(f"账号文件 {self.path} 无法读取（{type(exc).__name__}）：请修复它，"
                              "或删除后用 python -m assistant users add 重新创建账号。") from exc
        if not isinstance(config.get("credentials", {}).get("usernames", {}), dict):
            raise ConfigError(f"账号文件 {self.path} 格式不对：credentials.usernames 应是账号表。")
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


def hash_password(password: str) -> str:
    """A bcrypt hash (the format streamlit-authenticator checks) of an acceptable password."""
    if password != password.strip():
        raise InputError("密码首尾不能有空格（登录时会去掉首尾空格）。")
    if len(password) < MIN_PASSWORD:
        raise InputError(f"密码至少 {MIN_PASSWORD} 个字符（password must have at least {MIN_PASSWORD} characters）。")
    if len(password.encode()) > MAX_PASSWORD_BYTES:
        raise InputError(f"密码太长：最多 {MAX_PASSWORD_BYTES} 字节（约 24 个汉字或 72 个字母）。")
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


def _valid_name(name: str) -> str:
    key = _key(name)
    if not _NAME.match(key):
        raise InputError("账号名只能用字母、数字、汉字和 . _ - @，最长 64 个字符，例如 zhangsan。")
    return key


def _role(entry: dict) -> str:
    roles = entry.get("roles") or [OPERATOR]
    return ADMIN if ADMIN in roles else OPERATOR


def _account(name: str, entry: dict) -> Account:
    return Account(name, _role(entry), str(entry.get("created_at", "")))
