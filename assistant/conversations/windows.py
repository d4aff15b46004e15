"""Conversation windows: a group's messages cut into the threads people actually had.

A single chat line ("几点到？") means nothing on its own, and a whole day is too many topics at
once, so retrieval works on windows: runs of messages with no long silence, kept together when a
later message replies to or @-mentions someone in an open window, and cut at a size cap so one
busy evening does not become one giant passage. Chatter (收到, +1, 哈哈, stickers and images)
carries no content and would only match everything, so it never enters a window; system events
live in ``group_events`` and are not messages at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from ..analytics.chatlog import Message

GAP = timedelta(minutes=30)  # a silence this long ends a thread
LINK_SPAN = timedelta(hours=6)  # a reply or @ this late still joins the thread it answers
MAX_MESSAGES = 30
MAX_CHARS = 1_500
OPEN_WINDOWS = 8  # threads a new message may still join (interleaved conversations)

_PLACEHOLDER = re.compile(r"^(?:\[[^\]]{1,8}\]\s*)+$")  # [图片] [表情] [动画表情] …
_NOISE = re.compile(r"^[\s\W_\d]*$")  # punctuation, emoji, digits only ("+1", "👍", "。。。")
CHATTER = frozenset(
    "收到 好的 好 好滴 好嘞 嗯 嗯嗯 哦 哦哦 ok okk 可以 行 对 是的 谢谢 多谢 感谢 谢谢团长 谢谢客服 谢谢群主 团长辛苦了 辛苦了 "
    "哈 哈哈 哈哈哈 哈哈哈哈 呵呵 嘿嘿 赞 棒 厉害 6 66 666 1 +1 加1 加一 早 早安 早上好 晚安 晚上好 大家好 大家好！ 在 在的 "
    "表情 图片 学到了 👍 🙏 已下单 我要 我要两份 同上 同问 路过 冒泡 顶".split()
)


def is_chatter(text: str | None) -> bool:
    """Is this a message with no content worth retrieving (收到, +1, 哈哈, a sticker)?"""
    flat = (text or "").strip().lower()
    core = flat.rstrip("。！!~～.，, ")
    return not core or core in CHATTER or bool(_PLACEHOLDER.match(flat) or _NOISE.match(flat))


@dataclass(eq=False)
class Window:
    """One thread of one group: its messages, oldest first."""

    group: str
    tz: str
    messages: list[Message] = field(default_factory=list)
    chars: int = 0

    @property
    def start(self) -> datetime:
        return self.messages[0].sent_at

    @property
    def end(self) -> datetime:
        return self.messages[-1].sent_at

    @property
    def full(self) -> bool:
        return len(self.messages) >= MAX_MESSAGES or self.chars >= MAX_CHARS

    @property
    def participants(self) -> list[str]:
        return list(dict.fromkeys(sender_of(m) for m in self.messages))

    @property
    def message_ids(self) -> list[str]:
        return [m.key for m in self.messages]

    def add(self, message: Message) -> None:
        self.messages.append(message)
        self.chars += len(message.text or "")

    def lines(self) -> list[str]:
        return [line(m, self.tz) for m in self.messages]

    @property
    def text(self) -> str:
        return "\n".join(self.lines())


def sender_of(message: Message) -> str:
    return message.sender_name or message.sender_id or "?"


def local_time(moment: datetime, tz: str) -> str:
    return moment.astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M")


def line(message: Message, tz: str) -> str:
    """``2026-03-02 10:05 张三：能开发票吗？`` (the shape :func:`parse_line` reads back)."""
    text = " ".join((message.text or "").split())
    return f"{local_time(message.sent_at, tz)} {sender_of(message)}：{text}"


def parse_line(text: str) -> tuple[str, str, str]:
    """``(ts, sender, text)`` of a line written by :func:`line`."""
    ts, rest = text[:16], text[17:]
    sender, _, said = rest.partition("：")
    return ts, sender, said


def split(messages: Iterable[Message]) -> Iterator[Window]:
    """Cut one group's messages (oldest first) into windows; chatter is left out."""
    open_windows: list[Window] = []
    by_key: dict[str, Window] = {}
    for message in messages:
        if is_chatter(message.text):
            continue
        finished = [w for w in open_windows if message.sent_at - w.end > LINK_SPAN]
        yield from finished
        open_windows = [w for w in open_windows if w not in finished]
        window = _target(message, open_windows, by_key)
        if window is None:
            window = Window(message.group, message.tz)
            open_windows.append(window)
            if len(open_windows) > OPEN_WINDOWS:
                yield open_windows.pop(0)
        window.add(message)
        by_key[message.key] = window
        if len(by_key) > 10 * MAX_MESSAGES * OPEN_WINDOWS:
            by_key = {k: w for k, w in by_key.items() if w in open_windows}
    yield from open_windows


def _target(message: Message, windows: list[Window], by_key: dict[str, Window]) -> Window | None:
    """The open window ``message`` continues: the one it replies to, one whose member it @-s,
    or the latest one if it follows within :data:`GAP`; ``None`` to start a new one."""
    linked = by_key.get(message.reply_to or "")
    if linked is None and message.mentions:
        named = set(message.mentions)
        linked = next((w for w in reversed(windows) if named & set(w.participants)), None)
    if linked is not None and linked in windows and not linked.full:
        return linked
    latest = max(windows, key=lambda w: w.end) if windows else None
    if latest is not None and not latest.full and message.sent_at - latest.end <= GAP:
        return latest
    return None
