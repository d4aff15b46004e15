"""The conversation around a cited message: what people saw just before and after it.

An answer cites single messages ("水果团购群 · 03-02 10:05 · 张三：能开发票吗？"); whether that was a real question,
a joke or already answered only shows in its surroundings. This reads the neighbours straight
from the history store (chatter included, since that is what members saw), so it works for every
citation: history search, churn evidence, risk flags and topic examples. A citation arrives as
a message id (from ``--json``) or as people read it, group and local minute (``reference.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..analytics import chatlog
from ..analytics.chatlog import Message
from ..analytics.groups import select_groups
from ..errors import InputError
from ..i18n import t
from .messages_file import connect
from .reference import locate
from .windows import local_time, sender_of

SPAN = 8  # messages shown either side of the cited one
MAX_SPAN = 100


@dataclass(frozen=True)
class Context:
    """A cited message of one group with its neighbours, oldest first."""

    group: str
    message_id: str
    messages: list[Message]
    others: int = 0  # found by group and minute: further messages of that minute (not in :meth:`to_dict`)

    def lines(self) -> list[dict]:
        """Each message as ``{message_id, ts, sender, text, cited, admin}`` for pages and JSON."""
        return [{"message_id": m.key, "ts": local_time(m.sent_at, m.tz), "sender": sender_of(m),
                 "text": m.text if m.text is not None else "（非文字消息）", "cited": m.key == self.message_id,
                 "admin": m.from_admin} for m in self.messages]

    def to_dict(self) -> dict:
        return {"group": self.group, "message_id": self.message_id, "messages": self.lines()}


def around(db_path: Path, message_id: str, group: str | None = None, before: int = SPAN, after: int = SPAN,
           language: str = "zh") -> Context:
    """The conversation around ``message_id`` (in ``group``, or wherever the id is found); errors in ``language``."""
    key = (message_id or "").strip()
    if not key:
        raise InputError(t("context.error.no_id", language))
    _check_span(before, after, language)
    with connect(db_path, language) as con:
        groups = select_groups(con, group, language)
        if group is None:
            owner = chatlog.group_of(con, key)
            groups = [g for g in groups if g.id == owner]
        for g in groups:
            messages = chatlog.around(con, g, key, before, after, chatlog.admins_of(con, g))
            if messages:
                return Context(g.name, key, messages)
    where = t("context.error.in_group", language, group=group) if group else t("context.error.anywhere", language)
    raise InputError(t("context.error.not_found", language, where=where, id=key))


def at_minute(db_path: Path, group: str | None, at: str, sender: str | None = None, before: int = SPAN,
              after: int = SPAN, language: str = "zh") -> Context:
    """The conversation around the message of ``group`` sent at the local minute ``at`` (by ``sender``):
    the reference plain output prints instead of an id. Several in that minute: the first, with a count."""
    if not (group or "").strip():
        raise InputError(t("context.error.no_group", language, at=at))
    _check_span(before, after, language)
    with connect(db_path, language) as con:
        chosen = select_groups(con, group, language)[0]
        key, others = locate(con, chosen, at, (sender or "").strip() or None, language)
        messages = chatlog.around(con, chosen, key, before, after, chatlog.admins_of(con, chosen))
    return Context(chosen.name, key, messages, others)


def _check_span(before: int, after: int, language: str) -> None:
    if not (0 <= before <= MAX_SPAN and 0 <= after <= MAX_SPAN):
        raise InputError(t("context.error.span", language, max=MAX_SPAN))
