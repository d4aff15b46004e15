"""Composing a group's digest from its day log: every section counted or picked by rule.

Topics are the period's conversation threads (``conversations.windows``: replies, @ and silences
decide what belongs together; chatter is left out), named by their rarest key words and merged
when they share a name; each keeps the message that opened it and the one that says most of its
key words, as quotes. Questions and complaints are judged answered by the rule the metrics use
(an admin reply, an @ of the asker, or an admin message within two hours); "open" needs the
24 hours to be in the data, otherwise the item is "waiting". @admin / 待办 are member messages that
name an admin or ask for one. Risks are the spam and scam flags of ``analytics.risks``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ..analytics import chatlog
from ..analytics.daylog import DayLog
from ..analytics.drivers.replies import ANSWER_WINDOW, answer_time
from ..analytics.evidence import message_evidence
from ..analytics.risk_rules import COMPLAINT, SCAM, SPAM, is_question, matches
from ..analytics.risks import message_flags
from ..conversations.labels import label as topic_label
from ..conversations.topics import GENERIC
from ..conversations.windows import Window, is_chatter, local_time, sender_of, split
from ..retrieval.tokenizer import tokenize
from .digest import GroupDigest, Item, Membership, Orders, Quote, Topic, Volume

TOP_TOPICS = 5
EXCERPT = 40  # lines of a topic's conversation the model may read
MAX_ITEMS = 20  # per section and group; the counts stay exact
ASKS_ADMIN = re.compile(
    r"@\s*(?:群主|管理员|团长|客服|admin)|(?:群主|管理员|团长|客服)\s*(?:在吗|在不在|在么|呢[?？]|帮(?:我|忙)|麻烦|看(?:一?下|看)|"
    r"处理一?下|回(?:复|一下)|私(?:聊|信)我|[,，]?\s*请)|(?:找|叫|请|麻烦)(?:一下)?(?:群主|管理员|团长|客服)|待办|记一下|提醒我",
    re.I,
)


@dataclass
class _Thread:
    window: Window
    terms: Counter = field(default_factory=Counter)


def group_digest(log: DayLog, member: str | None = None) -> GroupDigest:
    """The digest of one group's log; with ``member`` only what that member said or did."""
    messages = log.in_period()
    mine = _member_filter(member)
    digest = GroupDigest(log.group.name, log.group.platform, log.group.tz, _volume(log, messages, mine),
                         _membership(log, member), admins_known=bool(log.admins), member=member)
    admin_messages = [m for m in log.messages if m.from_admin]
    times = [m.sent_at for m in admin_messages]
    status = lambda m: _status(m, admin_messages, times, log)  # noqa: E731
    asked = [m for m in messages if not m.from_admin and is_question(m.text) and mine(m)]
    complaints = [m for m in messages if not m.from_admin and mine(m) and _complains(m)]
    digest.questions = len(asked)
    digest.complaints = _items(complaints, status)
    complained = {m.key for m in complaints}
    hanging = [i for i in _items([m for m in asked if m.key not in complained], status, len(asked))
               if i.status != "answered"]
    digest.open_questions, digest.unanswered = len(hanging), hanging[:MAX_ITEMS]
    digest.todos = _items([m for m in messages if mine(m) and _asks_admin(m, log)], status)
    digest.risks = _risks(log, [m for m in messages if mine(m)])
    digest.topics = topics(messages, mine if member else None)
    digest.orders = _orders(log, member)
    return digest


def _member_filter(member: str | None):  # noqa: ANN202 - a predicate over messages
    if not member:
        return lambda m: True
    wanted = member.strip()
    return lambda m: wanted in {m.sender_name, m.sender_id}


def _volume(log: DayLog, messages: list[chatlog.Message], mine) -> Volume:  # noqa: ANN001
    chosen = [m for m in messages if mine(m)]
    volume = Volume(len(chosen), len({m.sender_id or m.sender_name for m in chosen}))
    per_day, speakers, days = log.baseline()
    if days and len(chosen) == len(messages):  # a member's usual is not the group's
        volume.usual_messages = round(per_day * log.period.days, 1)
        volume.usual_speakers = round(speakers, 1) if log.period.days == 1 else None
        volume.baseline_days = days
    return volume


def _membership(log: DayLog, member: str | None) -> Membership:
    joined = [(m, via) for m, via in log.joined if not member or member in {m, log.names.get(m)}]
    exited = [(m, kind) for m, kind in log.exited if not member or member in {m, log.names.get(m)}]
    return Membership(
        joins=len(joined), by_via=dict(Counter(via or "unknown" for _, via in joined)),
        exits=len(exited) if log.exits_visible or exited else None, by_type=dict(Counter(k for _, k in exited)),
        joined_names=[log.names.get(m, m) for m, _ in joined[:10]],
        exited_names=[log.names.get(m, m) for m, _ in exited[:10]],
    )


def _complains(m: chatlog.Message) -> bool:
    return any(rule.kind == COMPLAINT for rule in matches(m.text))


def _asks_admin(m: chatlog.Message, log: DayLog) -> bool:
    if m.from_admin or not m.text:
        return False
    names = {n for names in log.admin_names.values() for n in names if n}
    if names & set(m.mentions) or any(f"@{n}" in m.text for n in names):
        return True
    return bool(ASKS_ADMIN.search(m.text))


def _status(m: chatlog.Message, admins: list[chatlog.Message], times: list, log: DayLog) -> tuple[str, str | None]:
    if not log.admins:
        return "waiting", None
    when = answer_time(m, admins, times)
    if when is not None:
        return "answered", local_time(when, m.tz)
    if log.observed_until is not None and m.sent_at + ANSWER_WINDOW <= log.observed_until:
        return "open", None
    return "waiting", None


def _items(messages: list[chatlog.Message], status, limit: int = MAX_ITEMS) -> list[Item]:  # noqa: ANN001
    items = []
    for m in messages[:limit]:
        state, at = status(m)
        items.append(Item(quote(m), state, answered_at=at))
    return items


def quote(m: chatlog.Message) -> Quote:
    e = message_evidence(m)
    return Quote(e.message_id, m.group, e.ts, e.sender, e.text)


def _risks(log: DayLog, messages: list[chatlog.Message]) -> list[Item]:
    found = []
    for m in messages:
        flags = sorted(message_flags(m, log.admin_names), key=lambda f: f[0] != SCAM)  # a scam outweighs an ad
        for kind, rule in flags:
            if kind in (SPAM, SCAM):
                found.append(Item(quote(m), "open", reason=f"{kind}:{rule}"))
                break
    return found[:MAX_ITEMS]


def _orders(log: DayLog, member: str | None) -> Orders:
    o = log.orders
    posts = [p for p in log.solitaire if not member or p.sender == member]
    tz = log.group.tz
    solitaire = [Quote(p.key, log.group.name, local_time(p.sent_at, tz), p.sender,
                       " ".join(p.text.split())[:80]) for p in posts[:MAX_ITEMS]]  # "": a post of the list alone
    if member:  # order rows are not matched to a chat member here: only their 接龙 posts
        return Orders(False, solitaire=solitaire)
    return Orders(o.known, o.count, o.buyers, round(o.amount, 2), round(o.refunds, 2), solitaire)


def topics(messages: list[chatlog.Message], member=None, limit: int = TOP_TOPICS) -> list[Topic]:  # noqa: ANN001
    """The period's conversations, biggest first, named and merged by their key words."""
    threads = [_Thread(w) for w in split(messages) if len(w.messages) >= 2]
    if member is not None:
        threads = [t for t in threads if any(member(m) for m in t.window.messages)]
    for thread in threads:
        thread.terms = Counter(t for m in thread.window.messages for t in _terms(m.text or ""))
    idf = _idf([t.terms for t in threads])
    merged: dict[str, list[_Thread]] = {}
    for thread in threads:
        ranked = sorted(thread.terms, key=lambda t: (-thread.terms[t] * idf.get(t, 0.0), t))
        wordings = Counter(" ".join((m.text or "").split()) for m in thread.window.messages)
        merged.setdefault(topic_label(ranked[:8], wordings), []).append(thread)
    found = [_topic(name, group, idf, member) for name, group in merged.items()]
    return sorted(found, key=lambda t: (-t.messages * t.participants, t.start))[:limit]


@lru_cache(maxsize=50_000)
def _terms(text: str) -> tuple[str, ...]:
    """A message's topic words (the same text is segmented once: chats repeat themselves)."""
    return tuple(t for t in tokenize(text) if t not in GENERIC and len(t.lstrip("~")) > 1 and not _numeric(t))


def _numeric(term: str) -> bool:
    """Numbers (prices, phone numbers, times) never name a topic."""
    return not re.sub(r"[\d.:：,，~]", "", term)


def _idf(documents: list[Counter]) -> dict[str, float]:
    frequency = Counter(term for counts in documents for term in counts)
    return {term: math.log(1 + len(documents) / df) for term, df in frequency.items()}


def _topic(name: str, threads: list[_Thread], idf: dict[str, float], member) -> Topic:  # noqa: ANN001
    messages = sorted((m for t in threads for m in t.window.messages), key=lambda m: m.sent_at)
    biggest = max(threads, key=lambda t: len(t.window.messages)).window
    opener = biggest.messages[0]
    words = Counter({t: c * idf.get(t, 0.0) for th in threads for t, c in th.terms.items()})
    key_words = [w for w, _ in words.most_common(5)]
    candidates = [m for m in biggest.messages if not is_chatter(m.text) and (member is None or member(m))]
    central = max(candidates, key=lambda m: (len(set(_terms(m.text or "")) & set(key_words)), -len(m.text or "")),
                  default=opener)
    if member is not None and not member(opener):
        opener = central
    quotes = [quote(opener)] + ([quote(central)] if central.key != opener.key else [])
    tz = opener.tz
    return Topic(name, len(messages), len({sender_of(m) for m in messages}),
                 local_time(messages[0].sent_at, tz)[11:], local_time(messages[-1].sent_at, tz)[11:],
                 quotes, [f"{sender_of(m)}：{' '.join((m.text or '').split())[:200]}" for m in messages
                          if not is_chatter(m.text)][:EXCERPT])
