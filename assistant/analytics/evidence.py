"""Evidence: the messages (or recorded events) a finding rests on, short enough to show."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from .chatlog import Message

MAX_TEXT = 80


@dataclass(frozen=True)
class Evidence:
    message_id: str
    ts: str
    sender: str
    text: str
    group: str = ""  # message ids are unique only within a group (a cross-posted message has one id per group)

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


def evidence(message_id: str, when: datetime, sender: str | None, text: str | None, tz: str, group: str = "") -> Evidence:
    local = when.astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M")
    flat = " ".join((text or "").split())
    return Evidence(message_id, local, sender or "?", flat if len(flat) <= MAX_TEXT else flat[: MAX_TEXT - 1] + "…", group)


def message_evidence(m: Message) -> Evidence:
    """The evidence of a loaded chat message: its id, local time, sender, text and group."""
    return evidence(m.key, m.sent_at, m.sender_name or m.sender_id, m.text, m.tz, m.group)
