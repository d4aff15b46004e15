"""Which member messages an admin answered, and which were left hanging."""

from __future__ import annotations

import bisect
from datetime import datetime, timedelta

from ..chatlog import Message
from ..risk_rules import COMPLAINT, is_question, matches

IMPLICIT_ANSWER = timedelta(hours=2)
ANSWER_WINDOW = timedelta(hours=24)


def needs_answer(message: Message) -> bool:
    return not message.from_admin and (is_question(message.text) or any(r.kind == COMPLAINT for r in matches(message.text)))


def answer_time(message: Message, admin_messages: list[Message], times: list[datetime]) -> datetime | None:
    """When an admin answered ``message``: soon after, or later by replying to or @-ing its sender."""
    for index in range(bisect.bisect_right(times, message.sent_at), len(times)):
        reply = admin_messages[index]
        gap = reply.sent_at - message.sent_at
        if gap > ANSWER_WINDOW:
            break
        named = message.sender_name and message.sender_name in reply.mentions
        if gap <= IMPLICIT_ANSWER or reply.reply_to == message.key or named:
            return reply.sent_at
    return None


def unanswered(messages: list[Message], observed_until: datetime) -> list[Message]:
    """Questions and complaints with no admin answer within 24 hours (fully observed ones only)."""
    by_group: dict[str, list[Message]] = {}
    for m in messages:
        by_group.setdefault(m.group, []).append(m)
    hanging = []
    for group_messages in by_group.values():
        admins = [m for m in group_messages if m.from_admin]
        if not admins:
            continue  # who the admins are is unknown: nothing can be said
        times = [m.sent_at for m in admins]
        for m in group_messages:
            if needs_answer(m) and m.sent_at + ANSWER_WINDOW <= observed_until and answer_time(m, admins, times) is None:
                hanging.append(m)
    return hanging


def response_minutes(messages: list[Message], asked_from: datetime | None = None, asked_until: datetime | None = None,
                     observed_until: datetime | None = None) -> tuple[list[float], int]:
    """Minutes to each answered question asked in ``[asked_from, asked_until)``, and how many went
    unanswered (counted only once their 24 hours are observed, i.e. end before ``observed_until``)."""
    minutes, missed = [], 0
    by_group: dict[str, list[Message]] = {}
    for m in messages:
        by_group.setdefault(m.group, []).append(m)
    for group_messages in by_group.values():
        admins = [m for m in group_messages if m.from_admin]
        times = [m.sent_at for m in admins]
        for m in group_messages:
            if m.from_admin or not is_question(m.text) or not _within(m.sent_at, asked_from, asked_until):
                continue
            answered = answer_time(m, admins, times)
            if answered is not None:
                minutes.append((answered - m.sent_at).total_seconds() / 60)
            elif observed_until is None or m.sent_at + ANSWER_WINDOW <= observed_until:
                missed += 1
    return minutes, missed


def _within(moment: datetime, start: datetime | None, end: datetime | None) -> bool:
    return (start is None or moment >= start) and (end is None or moment < end)
