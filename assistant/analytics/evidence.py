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
    text_en: str = ""  # an English text when the evidence is a sentence of ours (a join and exit), not a quote

    def to_dict(self, language: str = "zh") -> dict[str, str]:
        """The evidence; ``text`` is a sentence of ours in ``language``, a quote as it was."""
        data = asdict(self)
        if not self.text_en:
            del data["text_en"]
        elif language != "zh":
            data["text"] = self.text_en
        return data

    def text_in(self, language: str) -> str:
        """The text to show: a quoted message as it was, a sentence of ours in ``language``."""
        return self.text_en if language == "en" and self.text_en else self.text


def evidence(message_id: str, when: datetime, sender: str | None, text: str | None, tz: str, group: str = "",
             text_en: str = "") -> Evidence:
    local = when.astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M")
    return Evidence(message_id, local, sender or "?", _short(text), group, _short(text_en))


def _short(text: str | None) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= MAX_TEXT else flat[: MAX_TEXT - 1] + "…"


def message_evidence(m: Message) -> Evidence:
    """The evidence of a loaded chat message: its id, local time, sender, text and group."""
    return evidence(m.key, m.sent_at, m.sender_name or m.sender_id, m.text, m.tz, m.group)
