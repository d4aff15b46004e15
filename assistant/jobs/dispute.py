"""Turning a dispute's messages into the material of a neutral summary.

The messages come pasted from a chat window (``名字 时间`` / ``名字：内容`` lines) or from an
imported group's time range. Personal data is masked before anything else sees the text; money
amounts and the parties are picked out so the summary can cite each claim to its message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..safety.fence import defuse
from ..safety.pii import Masker

_HEADER = re.compile(r"^(?P<name>[^\s:：]{1,20})\s+(?P<time>(?:\d{4}[-/.])?\d{1,2}[-/.]\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?|\d{1,2}:\d{2}(?::\d{2})?)\s*$")
_INLINE = re.compile(r"^(?:\[?(?P<time>[\d/:.\- ]{4,19})\]?\s*)?(?P<name>[^\s:：]{1,20})[:：]\s*(?P<text>.+)$")
_AMOUNT = re.compile(r"[¥￥]\s?\d+(?:\.\d+)?|\d+(?:\.\d+)?\s?(?:元|块)")


@dataclass(frozen=True)
class Line:
    ref: str
    time: str
    sender: str
    text: str


def parse(text: str, masker: Masker) -> list[Line]:
    """Messages of a pasted excerpt, masked, numbered ``#1``, ``#2`` … in order."""
    lines: list[Line] = []
    pending: tuple[str, str] | None = None
    for raw in defuse(masker.mask(text)).splitlines():
        row = raw.strip()
        if not row:
            continue
        header, inline = _HEADER.match(row), _INLINE.match(row)
        if header:
            pending = (header.group("name"), header.group("time"))
        elif pending:
            lines.append(Line(f"#{len(lines) + 1}", pending[1], pending[0], row))
            pending = None
        elif inline:
            lines.append(Line(f"#{len(lines) + 1}", (inline.group("time") or "").strip(), inline.group("name"), inline.group("text")))
        elif lines:
            last = lines[-1]
            lines[-1] = Line(last.ref, last.time, last.sender, f"{last.text} {row}")
    return lines


def from_store(messages: list[dict], masker: Masker, limit: int = 200) -> list[Line]:
    """Lines from an imported group's messages (their own ids kept as references)."""
    return [Line(f"#{m['id']}", m["ts"], defuse(masker.mask(m["sender"])), defuse(masker.mask(m["text"])))
            for m in messages[:limit]]


def parties(lines: list[Line]) -> list[str]:
    seen: dict[str, int] = {}
    for line in lines:
        seen[line.sender] = seen.get(line.sender, 0) + 1
    return sorted(seen, key=lambda name: -seen[name])


def amounts(lines: list[Line]) -> list[str]:
    return list(dict.fromkeys(a for line in lines for a in _AMOUNT.findall(line.text)))
