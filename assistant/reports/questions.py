"""The week's member questions: which ones keep coming back, and which no admin answered.

A simple first version until topic mining arrives: a question is what
``analytics.risk_rules.is_question`` says it is, and two questions are "the same" when their text
is equal after normalisation (width, case, spaces and punctuation ignored). Unanswered means what
the ``unanswered_questions`` metric counts (no admin answer within 24 hours, judged only once the
24 hours are in the data), so the list and the KPI always agree.

The messages come from the analytics layer's own loader over its own connection; nothing here
writes SQL.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from ..analytics import Analytics, chatlog
from ..analytics.drivers.replies import ANSWER_WINDOW, answer_time
from ..analytics.evidence import evidence
from ..analytics.groups import data_end, select_groups
from ..analytics.periods import Period
from ..analytics.risk_rules import is_question
from .model import Question

TOP_QUESTIONS = 10
SHOWN_UNANSWERED = 20


@dataclass
class WeekQuestions:
    asked: Counter = field(default_factory=Counter)  # normalised text -> count
    wording: dict[str, str] = field(default_factory=dict)  # normalised text -> first wording seen
    groups: dict[str, set[str]] = field(default_factory=dict)
    unanswered: list[dict] = field(default_factory=list)
    unanswered_known: bool = False

    @property
    def total(self) -> int:
        return sum(self.asked.values())

    def top(self, limit: int = TOP_QUESTIONS) -> list[Question]:
        """Questions asked at least twice, most frequent first."""
        return [Question(self.wording[k], n, sorted(self.groups[k])) for k, n in self.asked.most_common(limit) if n >= 2]


def normalise(text: str) -> str:
    """Text with width, case, whitespace and punctuation folded away."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in folded if not ch.isspace() and unicodedata.category(ch)[0] not in "PS")


def week_questions(analytics: Analytics, period: Period, group: str | None) -> WeekQuestions:
    """Questions members asked in ``period`` in the selected groups."""
    found = WeekQuestions()
    with analytics._con() as con:  # the façade has no message reader yet
        for g in select_groups(con, group):
            admins = chatlog.admins_of(con, g)
            start, end = period.start(g.tz), period.end(g.tz)
            messages = chatlog.load(con, g, start, end + ANSWER_WINDOW, admins, interesting_only=True)
            asked = [m for m in messages if start <= m.sent_at < end and not m.from_admin and is_question(m.text)]
            _count(found, g.name, asked)
            if admins:
                found.unanswered_known = True
                _hanging(found, messages, asked, data_end(con, g.id))
    found.unanswered.sort(key=lambda e: e["ts"])
    return found


def _count(found: WeekQuestions, group: str, asked: list[chatlog.Message]) -> None:
    for m in asked:
        key = normalise(m.text or "")
        if not key:
            continue
        found.asked[key] += 1
        found.wording.setdefault(key, " ".join((m.text or "").split()))
        found.groups.setdefault(key, set()).add(group)


def _hanging(found: WeekQuestions, messages: list[chatlog.Message], asked: list[chatlog.Message],
             observed_until: object) -> None:
    admin_messages = [m for m in messages if m.from_admin]
    times = [m.sent_at for m in admin_messages]
    for m in asked:
        seen_long_enough = observed_until is not None and m.sent_at + ANSWER_WINDOW <= observed_until
        if seen_long_enough and answer_time(m, admin_messages, times) is None:
            e = evidence(m.key, m.sent_at, m.sender_name or m.sender_id, m.text, m.tz)
            found.unanswered.append({"group": m.group, **e.to_dict()})
