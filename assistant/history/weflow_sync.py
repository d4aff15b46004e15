"""Sync from a running WeFlow: the chosen groups' new messages, pulled through its HTTP API.

For each group the pull starts one second before the last message already stored for that WeChat
chat id (the second itself is fetched again, so nothing said in it is missed; what is already stored
merges away), pages through WeFlow's newest-first API until a short page, and imports the pages as
one ChatLab document, in one transaction, through the same importer as a ChatLab file. The first
sync of a group pulls its whole history.

The connection is remembered in the workspace's data folder: ``weflow.json`` holds the URL and the
chosen groups; the token is kept only when asked (``remember_token``), in ``weflow_token`` with file
mode 0600, and is never printed or logged.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..i18n import t
from .errors import InputError
from .weflow_api import DEFAULT_URL, Session, WeFlowAPI

PAGE = 1000
SETTINGS = "weflow.json"
TOKEN = "weflow_token"


@dataclass
class Connection:
    """What is remembered between syncs."""

    url: str = DEFAULT_URL
    groups: list[str] = field(default_factory=list)  # chat ids
    token: str | None = field(default=None, repr=False)


def load(folder: Path) -> Connection:
    settings = folder / SETTINGS
    connection = Connection()
    if settings.is_file():
        saved = json.loads(settings.read_text(encoding="utf-8"))
        connection = Connection(url=saved.get("url") or DEFAULT_URL, groups=list(saved.get("groups") or []))
    token = folder / TOKEN
    if token.is_file():
        connection.token = token.read_text(encoding="utf-8").strip() or None
    return connection


def save(folder: Path, connection: Connection, *, remember_token: bool) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    settings = {"url": connection.url, "groups": connection.groups}
    (folder / SETTINGS).write_text(json.dumps(settings, ensure_ascii=False, indent=2), encoding="utf-8")
    if remember_token and connection.token:
        _write_secret(folder / TOKEN, connection.token)


def forget_token(folder: Path) -> None:
    (folder / TOKEN).unlink(missing_ok=True)


def _write_secret(path: Path, secret: str) -> None:
    """Created with mode 0600 from the start (never readable by others, not even for a moment)."""
    path.unlink(missing_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(secret)


def choose(sessions: list[Session], wanted: list[str], remembered: list[str], language: str = "zh") -> list[Session]:
    """The group sessions named by id or name (else the remembered ones); a fix-it error otherwise."""
    groups = [s for s in sessions if s.is_group]
    names = t("tool.names", language).join(t("weflow.session", language, name=s.name, id=s.id) for s in groups[:30])
    names = names or t("weflow.no_groups", language)
    if not wanted and not remembered:
        raise InputError(t("weflow.error.choose", language, names=names))
    chosen = []
    for key in wanted or remembered:
        match = [s for s in groups if key in (s.id, s.name)]
        if not match:
            raise InputError(t("weflow.error.no_group", language, group=key, names=names))
        chosen += [s for s in match if s not in chosen]
    return chosen


def pull(api: WeFlowAPI, session: Session, since: int | None, page: int = PAGE) -> dict[str, Any] | None:
    """All messages of ``session`` at or after ``since`` as one ChatLab document (``None``: nothing new)."""
    pages, offset = [], 0
    while True:
        body = api.messages(session.id, start=since, offset=offset, limit=page)
        pages.append(body)
        if len(body["messages"]) < page:
            break
        offset += page
    newest_first = [m for body in pages for m in body["messages"] if isinstance(m, dict)]
    if not newest_first:
        return None
    messages = sorted(reversed(newest_first), key=lambda m: m.get("timestamp") or 0)  # oldest first, stable
    members = {m.get("platformId"): m for body in pages for m in body.get("members") or [] if isinstance(m, dict)}
    first = pages[0]
    meta = dict(first.get("meta") or {})
    meta.setdefault("name", session.name)
    meta.setdefault("type", "group")
    meta.setdefault("groupId", session.id)
    return {"chatlab": first.get("chatlab") or {"version": "0.0.2"}, "meta": meta,
            "members": list(members.values()), "messages": messages}  # fmt: skip
