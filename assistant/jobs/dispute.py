"""Turning a dispute's messages into the material of a neutral summary.

The messages come pasted from a chat window (``名字 时间`` / ``名字：内容`` lines) or from an
imported group's time range. A pasted excerpt is the dispute; a time range is a few days of a
whole group, so :func:`find` first picks the dispute out of it: the messages about money, goods
and claims, clustered in time, and the handful of people who made them (≤ ``MAX_PARTIES``), not
everyone who said "收到" that day. Personal data is masked before anything else sees the text,
and the parties' names become codes ([成员A] …) that only ``--unmask`` puts back; money amounts are
picked out so the summary can cite each claim to its message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from ..i18n import t
from ..safety.fence import defuse
from ..safety.pii import Masker

_HEADER = re.compile(r"^(?P<name>[^\s:：]{1,20})\s+(?P<time>(?:\d{4}[-/.])?\d{1,2}[-/.]\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?|\d{1,2}:\d{2}(?::\d{2})?)\s*$")
_INLINE = re.compile(r"^(?:\[?(?P<time>[\d/:.\- ]{4,19})\]?\s*)?(?P<name>[^\s:：]{1,20})[:：]\s*(?P<text>.+)$")
_AMOUNT = re.compile(r"(?:[¥￥]|(?:RMB|CNY)\s?)\s?\d+(?:\.\d+)?|\d+(?:\.\d+)?\s?(?:元|块|(?:yuan|RMB|CNY)\b)", re.I)
_CLAIM = re.compile(r"退款|退钱|全额|退一半|赔|补发|少了|少发|缺斤|短斤|半斤|烂|坏了|变质|不新鲜|投诉|12315|仲裁|"
                    r"凭什么|不厚道|说好的|骗|核实|签收|称重|照片|凭证|截图|群规|不退|答复|责任|转账|付了|收款")
MAX_PARTIES = 6
GAP_MINUTES = 90  # claims further apart than this belong to different episodes


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
    """The dispute found in an imported group's messages, masked and numbered ``#1`` … in order
    (the store's ids are long and mean nothing to a reader)."""
    found = find([m for m in messages if (m.get("text") or "").strip()])[:limit]
    return [Line(f"#{n}", m["ts"], defuse(masker.mask(m["sender"])), defuse(masker.mask(m["text"])))
            for n, m in enumerate(found, start=1)]


def find(messages: list[dict]) -> list[dict]:
    """The messages of the one dispute in ``messages`` (``ts``, ``sender``, ``text``; oldest first).

    Each message scores by its money amounts (3) and claim words (1 each); messages scoring 2 or
    more are claims, and claims less than ``GAP_MINUTES`` apart form an episode. The episode with
    the highest score is the dispute; its parties are the (at most ``MAX_PARTIES``) people with the
    most claim score in it, and the dispute is everything those parties said between its first
    and last claim.
    """
    scores = [_score(m["text"]) for m in messages]
    claims = [n for n, score in enumerate(scores) if score >= 2]
    if not claims:
        return messages[:40]
    episodes: list[list[int]] = [[claims[0]]]
    for n in claims[1:]:
        if _minutes(messages[episodes[-1][-1]]["ts"], messages[n]["ts"]) <= GAP_MINUTES:
            episodes[-1].append(n)
        else:
            episodes.append([n])
    episode = max(episodes, key=lambda e: (sum(scores[n] for n in e), len(e)))
    weight: dict[str, int] = {}
    for n in range(episode[0], episode[-1] + 1):
        weight[messages[n]["sender"]] = weight.get(messages[n]["sender"], 0) + scores[n]
    ranked = sorted((who for who in weight if weight[who] >= 2), key=lambda who: -weight[who])[:MAX_PARTIES]
    return [m for m in messages[episode[0]: episode[-1] + 1] if m["sender"] in ranked]


def alias(lines: list[Line], masker: Masker) -> tuple[list[Line], dict[str, str]]:
    """``lines`` with each party's name (as sender and where mentioned) replaced by a code
    ([成员A] …, [Member A] in English), in order of appearance; the masker learns the codes, so an
    unmasked draft gets the names back. Returns the lines and ``{code: name}``."""
    codes: dict[str, str] = {}
    for line in lines:
        if line.sender not in codes:
            codes[line.sender] = masker.code(t("dispute.member", masker.language), _letter(len(codes)))
    for name, code in codes.items():
        masker.placeholders.setdefault(name, code)
    by_length = sorted(codes, key=len, reverse=True)

    def renamed(text: str) -> str:
        for name in by_length:
            if len(name) >= 2:
                text = text.replace(name, codes[name])
        return text

    out = [Line(line.ref, line.time, codes[line.sender], renamed(line.text)) for line in lines]
    return out, {code: name for name, code in codes.items()}


def _letter(n: int) -> str:
    return chr(ord("A") + n) if n < 26 else f"{n + 1}"


def _score(text: str) -> int:
    return 3 * len(_AMOUNT.findall(text)) + min(len(_CLAIM.findall(text)), 3)


def _minutes(earlier: str, later: str) -> float:
    """Minutes between two ``YYYY-MM-DD HH:MM`` stamps (0 when either cannot be read)."""
    try:
        return (datetime.fromisoformat(later[:16]) - datetime.fromisoformat(earlier[:16])).total_seconds() / 60
    except ValueError:
        return 0.0


def parties(lines: list[Line]) -> list[str]:
    seen: dict[str, int] = {}
    for line in lines:
        seen[line.sender] = seen.get(line.sender, 0) + 1
    return sorted(seen, key=lambda name: -seen[name])


def amounts(lines: list[Line]) -> list[str]:
    return list(dict.fromkeys(a for line in lines for a in _AMOUNT.findall(line.text)))
