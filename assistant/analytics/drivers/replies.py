"""What "answered" means, once for the whole product: a response to *that* question or complaint.

An admin message answers a member's question or complaint when it

* replies to (quotes) it, within 24 hours;
* @-mentions the asker, within 24 hours; or
* comes soon after (12 hours: an evening question is often answered the next morning) and shares
  the question's topic — at least one distinctive word (character bigram) of it — while not being a
  broadcast: sales pushes (秒杀, 限时, 特价, 拼团…), 接龙, notices and links go to everyone and answer
  nobody. A short plain answer that merely names a promotion's words (优惠券在结算页自动抵扣, 积分可以
  抵钱) is an answer: what makes a broadcast is how it is addressed, not its topic.

Only questions meant for the admins need an answer: a question to the other members (有人用过X吗,
你们几点睡, 大家觉得呢) or a bare "？" does not, nor does a question about the rules (不满意可以退吗)
count as a complaint.

Any admin message within two hours is *not* an answer: an admin who keeps posting daily notices
while ignoring questions is not answering them. The metrics (首次响应, 未回复提问), the churn
drivers, the risk flags, the digests, the weekly report's questions and the conversation topics
("N/M 次有管理员回应", "还没有管理员回答过") all call :func:`answer_of`, so they agree.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection
from functools import lru_cache
from datetime import datetime, timedelta

from ..chatlog import Message
from ..risk_rules import COMPLAINT, SCAM, is_question, matches

ANSWER_WINDOW = timedelta(hours=24)
TOPIC_WINDOW = timedelta(hours=12)
MAX_ANSWER_CHARS = 80  # a plain-text answer is short; a long post is a notice
_CJK_OR_WORD = re.compile(r"[\u4e00-\u9fff]+|[a-z0-9]{2,}", re.I)
_BROADCAST = re.compile(r"https?://|接龙|公告|通知|【|群规|本周安排|今日团购|上新|秒杀|限时|限量|特价|特惠|抢购|手慢无|先到先得|"
                        r"拼团|团购价|清仓|买一送一|免单|抽奖|全场|早上好|早安|晚安|继续团")
# Questions to the other members, not to the admins: experiences, opinions, small talk.
_PEER = re.compile(r"有人(用|买|吃|玩|试|去|看)过?|有没有人|大家(觉得|都|平时)|你们(都|觉得|看|玩|睡|几点睡)")
# A question about the rules (if it breaks, can I return it?) rather than a report of a problem.
_POLICY = re.compile(r"(可以|能不能|能|怎么|咋|如何)(退|换|赔)")
_REPORT = re.compile(r"我|收到|买的|还没|没收到|几天|投诉|到现在|一直|退款")
# Bigrams every question shares; they say nothing about which question it is.
_GENERIC = frozenset(
    "请问 问一 一下 什么 么时 时候 怎么 可以 以吗 能不 不能 有没 没有 是不 不是 大家 今天 明天 我们 你们 这个 那个 还是 "
    "一个 多少 少钱 几点 哪里 在哪 吗吗 了吗 好的 谢谢 收到 管理 理员 群主 有人 人吗 在吗 知道 下单 的话 现在 已经 为什 么还".split())


_NUDGE = re.compile(r"有人吗|在吗|没人回|没人管|没人理|客服呢|管理员呢|群主呢|怎么没人|还没人")


def is_nudge(text: str | None) -> bool:
    """A member asking whether anyone is there (有人吗, 管理员在吗): a sign of silence, not a complaint."""
    return bool(text) and bool(_NUDGE.search(text))  # type: ignore[arg-type]


def is_complaint(text: str | None) -> bool:
    """A complaint about the goods or the service; nudges alone (还没人回吗) are not one, nor is a
    scammer's lure that borrows the words (需要退款的加我好友)."""
    kinds = {rule.kind for rule in matches(_NUDGE.sub(" ", text or ""))}
    if COMPLAINT not in kinds or SCAM in kinds:
        return False
    return not (_POLICY.search(text or "") and not _REPORT.search(text or ""))


def is_peer_question(text: str | None) -> bool:
    """A question to the other members (有人用过X吗, 你们几点睡) or no question at all (a bare "？")."""
    return bool(_PEER.search(text or "")) or not _CJK_OR_WORD.search(text or "")


def needs_answer(message: Message) -> bool:
    if message.from_admin:
        return False
    kinds = {rule.kind for rule in matches(message.text)}
    if SCAM in kinds:
        return False
    if is_question(message.text) and not is_peer_question(message.text):
        return True
    return COMPLAINT in kinds and is_complaint(message.text)


@lru_cache(maxsize=65536)
def terms(text: str | None) -> frozenset[str]:
    """The distinctive words of a text: CJK character bigrams and latin words, generic ones removed."""
    found: set[str] = set()
    for run in _CJK_OR_WORD.findall(text or ""):
        if run.isascii():
            found.add(run.lower())
        else:
            found.update(run[i:i + 2] for i in range(len(run) - 1))
    return frozenset(found - _GENERIC)


def is_broadcast(message: Message) -> bool:
    """A post to everyone (promotion, product push, notice, 接龙, link), not an answer to anyone."""
    text = message.text or ""
    return len(text) > MAX_ANSWER_CHARS or bool(_BROADCAST.search(text))


def responds(message: Message, reply: Message) -> bool:
    """Does admin message ``reply`` (sent after ``message``) answer it?"""
    gap = reply.sent_at - message.sent_at
    if gap < timedelta(0) or gap > ANSWER_WINDOW or reply.sender_id == message.sender_id:
        return False
    if reply.reply_to is not None and reply.reply_to == message.key:
        return True
    if _mentions(reply, message.sender_name):
        return True
    return gap <= TOPIC_WINDOW and not is_broadcast(reply) and bool(terms(message.text) & terms(reply.text))


def answer_of(message: Message, admin_messages: list[Message], times: list[datetime]) -> Message | None:
    """The first admin message (``admin_messages`` oldest first, ``times`` their send times) that
    answers ``message``, or None."""
    for index in range(bisect.bisect_right(times, message.sent_at), len(times)):
        reply = admin_messages[index]
        if reply.sent_at - message.sent_at > ANSWER_WINDOW:
            break
        if responds(message, reply):
            return reply
    return None


def answer_time(message: Message, admin_messages: list[Message], times: list[datetime]) -> datetime | None:
    """When an admin answered ``message`` (see the module docstring), or None."""
    reply = answer_of(message, admin_messages, times)
    return None if reply is None else reply.sent_at


def unanswered(messages: list[Message], observed_until: datetime, known: Collection[str] = ()) -> list[Message]:
    """Questions and complaints with no admin answer within 24 hours (fully observed ones only).

    A group whose admins said nothing at all is skipped (its admins may be unknown) unless it is in
    ``known``, the groups whose admins are known: there, silence leaves every question hanging."""
    hanging = []
    for group, group_messages in _by_group(messages).items():
        admins = [m for m in group_messages if m.from_admin]
        if not admins and group not in known:
            continue  # who the admins are is unknown: the caller says so (see churn's not_judged)
        times = [m.sent_at for m in admins]
        for m in group_messages:
            if needs_answer(m) and m.sent_at + ANSWER_WINDOW <= observed_until and answer_of(m, admins, times) is None:
                hanging.append(m)
    return hanging


def response_minutes(messages: list[Message], asked_from: datetime | None = None, asked_until: datetime | None = None,
                     observed_until: datetime | None = None) -> tuple[list[float], int]:
    """Minutes to each answered question asked in ``[asked_from, asked_until)``, and how many went
    unanswered (counted only once their 24 hours are observed, i.e. end before ``observed_until``)."""
    minutes, missed = [], 0
    for group_messages in _by_group(messages).values():
        admins = [m for m in group_messages if m.from_admin]
        times = [m.sent_at for m in admins]
        for m in group_messages:
            if m.from_admin or not is_question(m.text) or is_peer_question(m.text) or not _within(m.sent_at, asked_from, asked_until):
                continue
            answered = answer_time(m, admins, times)
            if answered is not None:
                minutes.append((answered - m.sent_at).total_seconds() / 60)
            elif observed_until is None or m.sent_at + ANSWER_WINDOW <= observed_until:
                missed += 1
    return minutes, missed


def _mentions(reply: Message, name: str | None) -> bool:
    if not name:
        return False
    return name in reply.mentions or f"@{name}" in (reply.text or "")


def _by_group(messages: list[Message]) -> dict[str, list[Message]]:
    by_group: dict[str, list[Message]] = {}
    for m in messages:
        by_group.setdefault(m.group, []).append(m)
    return by_group


def _within(moment: datetime, start: datetime | None, end: datetime | None) -> bool:
    return (start is None or moment >= start) and (end is None or moment < end)
