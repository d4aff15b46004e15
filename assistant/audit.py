"""The audit log: who imported, deleted, changed settings or signed in, and when.

Once several people share the app, "who deleted that document?" needs an answer that does not
depend on memory. Every front end records its actions here (the pages with the signed-in account,
the CLI as ``cli:<os user>``): one JSON line per action in ``<data_dir>/audit.jsonl`` (mode 0600),
appended in a single write so concurrent sessions never interleave a line. A detail whose name
says it is a secret (key, password, token, secret) is stored as "(hidden)", never its value, so the
log can be shown to admins and copied into a ticket.
"""

from __future__ import annotations

import json
import os
import pwd
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

AUDIT_FILE = "audit.jsonl"
HIDDEN = "(已隐藏)"
_SECRET_WORDS = ("key", "password", "passwd", "secret", "token")

# What the front ends record; each has a label in assistant/i18n/catalog (audit.action.<key>).
ACTIONS = (
    "login", "login_failed", "logout", "settings.change", "history.import", "document.add",
    "document.remove", "workspace.export", "workspace.import", "users.add", "users.remove",
    "users.passwd",
)


@dataclass(frozen=True)
class AuditEntry:
    at: str
    actor: str
    action: str
    detail: dict = field(default_factory=dict)


class AuditLog:
    """The audit log of one workspace."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / AUDIT_FILE

    def record(self, actor: str, action: str, detail: dict | None = None) -> AuditEntry:
        """Append one action; secrets in ``detail`` are replaced by a marker."""
        entry = AuditEntry(datetime.now().astimezone().isoformat(timespec="seconds"), actor, action,
                           _scrub(detail or {}))
        line = json.dumps(entry.__dict__, ensure_ascii=False, default=str) + "\n"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            size = os.fstat(fd).st_size
            if size and os.pread(fd, 1, size - 1) != b"\n":
                line = "\n" + line  # a line torn by a crash stays alone, this one stays readable
            os.write(fd, line.encode("utf-8"))
        finally:
            os.close(fd)
        return entry

    def recent(self, limit: int = 200) -> list[AuditEntry]:
        """The last ``limit`` actions, newest first (a line torn by a crash is skipped)."""
        if not self.path.exists():
            return []
        entries: deque[AuditEntry] = deque(maxlen=limit)
        with self.path.open(encoding="utf-8", errors="replace") as lines:
            for line in lines:
                entry = _parse(line)
                if entry is not None:
                    entries.append(entry)
        return list(reversed(entries))


def _parse(line: str) -> AuditEntry | None:
    try:
        raw = json.loads(line)
    except json.JSONDecodeError:
        return None
    if not isinstance(raw, dict):
        return None
    detail = raw.get("detail")
    return AuditEntry(str(raw.get("at", "")), str(raw.get("actor", "")), str(raw.get("action", "")),
                      detail if isinstance(detail, dict) else {})


def cli_actor() -> str:
    """The actor of a command-line action: ``cli:`` and the operating-system user."""
    uid = os.getuid()
    names = {entry.pw_uid: entry.pw_name for entry in pwd.getpwall()}
    return "cli:" + names.get(uid, f"uid{uid}")  # containers may run a uid without a passwd entry


def _scrub(detail: dict) -> dict:
    return {name: HIDDEN if _secret(name) else _scrub(value) if isinstance(value, dict) else value
            for name, value in detail.items()}


def _secret(name: object) -> bool:
    return any(word in str(name).lower() for word in _SECRET_WORDS)
