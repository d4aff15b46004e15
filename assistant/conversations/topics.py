"""Recurring member questions (and complaints), clustered into topics, checked against the playbook.

The same question comes in many wordings (能开发票吗 / 发票怎么开 / 报销要发票), so questions are
grouped by the overlap of their jieba words and character bigrams, weighted by how rare each is
(IDF), with a greedy leader clustering: cheap, deterministic, and good enough for the tens to
thousands of distinct questions a group asks in a few weeks. Identical texts are counted once
before clustering, so "自提点在哪里？" asked 244 times costs one comparison.

For each topic the report says how often it was asked, by how many members, week by week; whether
an admin answered in the group (``drivers.replies.answer_of``: a reply, an @ of the asker or an
admin message on the same topic soon after — the rule the metrics and the churn explainer use), with
the answer most often given; and whether the knowledge base already answers it. A topic with an
answer in the group but none in the playbook is what should become an FAQ entry.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from ..analytics.chatlog import Message
from ..analytics.drivers.replies import answer_of
from ..analytics.evidence import message_evidence
from ..analytics.periods import week_of
from ..errors import InputError
from ..i18n import t as tr  # ``t`` names a term below
from ..analytics.risk_rules import COMPLAINT, is_question, matches
from ..retrieval import Passage
from ..retrieval.tokenizer import tokenize
from ..safety.cells import csv_text
from .labels import label
from .windows import is_chatter, sender_of

QUESTIONS, COMPLAINTS = "questions", "complaints"
SIMILARITY = 0.25
# Words every question has; they say nothing about its topic.
GENERIC = frozenset("请问 问下 问问 大家 时间 ~时间 用的 的话 还有 有没有 可不可以 能不能 是不是 时候 什么时候 几点 吗 呀 呢 啊 今天 明天 一般 "
                    "~请问 ~问一 ~一下 ~什么 ~么时 ~时候 ~可以 ~以吗 ~能不 ~不能 ~有没 ~没有 ~是不 ~不是 ~大家".split())
COVERED_SCORE = 0.24  # fused score of a passage ranked first by both search sides (1/6 + 0.5/6)


@dataclass
class Asked:
    """One member message in a topic."""

    message: Message
    answered_by: Message | None = None


@dataclass
class Topic:
    """A family of member questions (or complaints) about one thing."""

    label: str
    terms: list[str]
    group: str = ""
    asked: list[Asked] = field(default_factory=list)
    playbook: Passage | None = None

    @property
    def count(self) -> int:
        return len(self.asked)

    @property
    def askers(self) -> int:
        return len({a.message.sender_id or sender_of(a.message) for a in self.asked})

    @property
    def answered(self) -> int:
        return sum(1 for a in self.asked if a.answered_by is not None)

    @property
    def question(self) -> str:
        """The most common wording."""
        return _wordings(self)[0]

    @property
    def answer(self) -> str | None:
        """The admin answer given most often in the group, if any."""
        given = Counter((a.answered_by.text or "").strip() for a in self.asked if self._answers(a))
        return given.most_common(1)[0][0] if given else None

    def _answers(self, asked: Asked) -> bool:
        """Is the admin's message that counted as the answer one (a reply, or on the topic)?
        Any admin line soon after a question counts for the response metrics; only these make an FAQ."""
        reply = asked.answered_by
        if reply is None or is_chatter(reply.text) or (reply.text or "").strip() in _wordings(self):
            return False  # an admin account repeating the question is not an answer
        return reply.reply_to == asked.message.key or any(term in (reply.text or "") for term in self.terms)

    @property
    def covered(self) -> bool:
        return self.playbook is not None

    def weekly(self) -> dict[str, int]:
        weeks = Counter(week_of(a.message.sent_at.astimezone(ZoneInfo(a.message.tz)).date()).label for a in self.asked)
        return dict(sorted(weeks.items()))

    def evidence(self, limit: int = 5) -> list[dict[str, str]]:
        return [message_evidence(a.message).to_dict()
                for a in self.asked[:limit]]

    def to_dict(self) -> dict:
        passage = self.playbook
        return {"group": self.group, "label": self.label, "question": self.question, "count": self.count, "askers": self.askers,
                "answered": self.answered, "answer": self.answer, "weekly": self.weekly(), "covered": self.covered,
                "playbook": passage.as_source() if passage else None, "evidence": self.evidence()}


def wanted(message: Message, kind: str) -> bool:
    """Is ``message`` a member question (or complaint) worth clustering?"""
    if message.from_admin or is_chatter(message.text):
        return False
    if kind == COMPLAINTS:
        return any(rule.kind == COMPLAINT for rule in matches(message.text))
    return is_question(message.text)


def mine(messages: Iterable[Message], kind: str = QUESTIONS, min_count: int = 2) -> list[Topic]:
    """Topics among one group's messages (oldest first), most asked first."""
    everything = list(messages)
    admins = [m for m in everything if m.from_admin]
    times = [m.sent_at for m in admins]
    by_text: dict[str, list[Message]] = {}
    for m in everything:
        if wanted(m, kind):
            by_text.setdefault(" ".join((m.text or "").split()), []).append(m)
    topics = _cluster(by_text)
    for topic in topics:
        for asked in topic.asked:
            asked.answered_by = _answer(asked.message, admins, times)
        topic.asked.sort(key=lambda a: a.message.sent_at)
        topic.group = topic.asked[0].message.group
    return sorted((t for t in topics if t.count >= min_count), key=lambda t: (-t.count, t.label))


def _answer(message: Message, admins: list[Message], times: list) -> Message | None:  # noqa: ANN001
    return answer_of(message, admins, times)


def _cluster(by_text: dict[str, list[Message]]) -> list[Topic]:
    # A single character ("点", "用") is shared by unrelated questions; alone it must not join them.
    terms = {text: Counter(t for t in tokenize(text) if t not in GENERIC and len(t) > 1) for text in by_text}
    idf = _idf(terms.values())
    vectors = {text: _weights(counts, idf) for text, counts in terms.items()}
    leaders: list[tuple[dict[str, float], Topic]] = []
    for text in sorted(by_text, key=lambda t: (-len(by_text[t]), t)):
        vector = vectors[text]
        best = max(leaders, key=lambda pair: _cosine(vector, pair[0]), default=None)
        if best is None or _cosine(vector, best[0]) < SIMILARITY:
            best = (dict(vector), Topic("", []))
            leaders.append(best)
        else:
            for term, weight in vector.items():
                best[0][term] = best[0].get(term, 0.0) + weight
        best[1].asked += [Asked(m) for m in by_text[text]]
    for centroid, topic in leaders:
        own = Counter()
        wordings = Counter({text: len(by_text[text]) for text in
                            dict.fromkeys(" ".join((a.message.text or "").split()) for a in topic.asked)})
        for text in wordings:
            own.update({t: wordings[text] * (1 + centroid.get(t, 0.0)) for t in terms[text]})
        topic.terms = _top(dict(own))
        topic.label = label(sorted(own, key=lambda t: (-own[t], t))[:8], wordings)
    return [topic for _, topic in leaders]


def _idf(documents: Iterable[Counter]) -> dict[str, float]:
    docs = list(documents)
    frequency = Counter(term for counts in docs for term in counts)
    # A word only one question uses cannot group it with another; left in, it only dilutes.
    return {term: math.log(1 + len(docs) / df) for term, df in frequency.items() if df > 1}


def _weights(counts: Counter, idf: dict[str, float]) -> dict[str, float]:
    return {term: tf * idf[term] for term, tf in counts.items() if term in idf}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    norm = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    return dot / norm if norm else 0.0


def _top(vector: dict[str, float], n: int = 3) -> list[str]:
    words = [t for t in vector if not t.startswith("~") and len(t) > 1] or [t.lstrip("~") for t in vector]
    return sorted(words, key=lambda t: (-vector.get(t, vector.get("~" + t, 0.0)), t))[:n]


KnowledgeSearch = Callable[[str, int, Collection[str] | None], list[Passage]]


def check_playbook(topics: Iterable[Topic], search: KnowledgeSearch, wordings: int = 3) -> None:
    """Mark each topic with the knowledge-base passage that answers it, if one does.

    The topic is searched with its commonest wordings and its key words. A passage counts only
    when it ranks first on both search sides *and* names two of the topic's key words *and* at
    least two of those searches agree on it: search returns *something* for nearly any question,
    and a section that merely mentions 草莓 while teaching complaint replies is not the answer
    to "草莓甜吗".
    """
    for topic in topics:
        queries = [*_wordings(topic)[:wordings], " ".join(topic.terms)]
        found = [p for q in queries for p in search(q, 1, None)[:1] if _answers(p, topic)]
        agreed = Counter(p.id for p in found)
        topic.playbook = max((p for p in found if agreed[p.id] >= 2), key=lambda p: p.score, default=None)


def _wordings(topic: Topic) -> list[str]:
    return [text for text, _ in Counter((a.message.text or "").strip() for a in topic.asked).most_common()]


def _answers(passage: Passage, topic: Topic) -> bool:
    # Two of the topic's key words (one, for a one-word topic) must be in the passage or its
    # search words: a 接龙 section that says 配送 once does not answer "周末配送吗".
    text = f"{passage.title}\n{passage.body}\n{passage.hints}"
    named = sum(1 for t in topic.terms[:3] if t in text)
    return "bm25" in passage.found_by and passage.score >= COVERED_SCORE and named >= min(2, len(topic.terms))


def faq_name(topic: Topic) -> str:
    return re.sub(r"[\\/\x00-\x1f]", "-", f"FAQ-{topic.group}-{topic.label}") + ".csv"


def faq_csv(topic: Topic, language: str = "zh") -> bytes:
    """A one-row FAQ sheet (问题, 答案, 相似问题: the column names the knowledge base reads, in any
    language) for an answered topic; an unanswered one is refused in ``language``."""
    if not topic.answer:
        raise InputError(tr("topics.error.unanswered", language, topic=topic.label))
    similar = "；".join(dict.fromkeys((a.message.text or "").strip() for a in topic.asked if a.message.text))
    return csv_text([["问题", "答案", "相似问题"], [topic.question, topic.answer, similar]]).encode("utf-8")
