"""The week's member questions: the topics that keep coming back, and the questions no admin answered.

Topics come from the conversations' topic mining (``conversations.topics.mine``): different
wordings of one question ("能开发票吗" / "发票怎么开") count as one topic. They are mined over the
four weeks ending with the report's week, so each topic has its count this week and over the four
weeks (is it new, or has it been coming back?), whether admins answered it in the group, and, when
a knowledge search is given, the playbook or FAQ passage that already answers it. A topic with no
such passage is a gap in the FAQ.

Unanswered means what the ``unanswered_questions`` metric counts (no admin answer within 24 hours,
judged only once the 24 hours are in the data), so the list and the KPI always agree. The messages
come from the analytics layer's own loader over its own connection; nothing here writes SQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..analytics import Analytics, chatlog
from ..analytics.drivers.replies import ANSWER_WINDOW, answer_time
from ..analytics.evidence import message_evidence
from ..analytics.groups import data_end, select_groups
from ..analytics.periods import Period
from ..analytics.risk_rules import is_question
from ..conversations.topics import QUESTIONS, KnowledgeSearch, Topic, check_playbook, mine
from .model import Question

TOP_QUESTIONS = 10
TREND_WEEKS = 4  # the span a topic's "coming back" is judged over, ending with the report's week


@dataclass
class WeekQuestions:
    total: int = 0  # member questions asked in the week
    topics: list[Question] = field(default_factory=list)
    unanswered: list[dict] = field(default_factory=list)
    unanswered_known: bool = False

    def top(self, limit: int = TOP_QUESTIONS) -> list[Question]:
        """Topics asked at least twice this week, or again this week after earlier weeks; most asked first."""
        recurring = [q for q in self.topics if q.count >= 2 or (q.count and q.recent >= 3)]
        return sorted(recurring, key=lambda q: (-q.count, -q.recent, q.label))[:limit]


def week_questions(analytics: Analytics, period: Period, group: str | None,
                   search: KnowledgeSearch | None = None) -> WeekQuestions:
    """Questions members asked in ``period`` in the selected groups, clustered into topics."""
    found = WeekQuestions()
    mined: list[tuple[Topic, datetime, datetime]] = []
    with analytics._con() as con:  # the façade has no message reader yet
        for g in select_groups(con, group):
            admins = chatlog.admins_of(con, g)
            start, end = period.start(g.tz), period.end(g.tz)
            first = start - timedelta(weeks=TREND_WEEKS - 1)
            messages = chatlog.load(con, g, first, end + ANSWER_WINDOW, admins, interesting_only=True)
            asked = [m for m in messages if start <= m.sent_at < end and not m.from_admin and is_question(m.text)]
            found.total += len(asked)
            # Questions after the week only served to find answers; they are not this report's.
            topics = mine((m for m in messages if m.from_admin or m.sent_at < end), QUESTIONS, min_count=2)
            mined += [(t, start, end) for t in topics]
            if admins:
                found.unanswered_known = True
                _hanging(found, messages, asked, data_end(con, g.id))
    week_topics = [(t, start, end) for t, start, end in mined if any(start <= a.message.sent_at for a in t.asked)]
    if search is not None:
        check_playbook([t for t, _, _ in week_topics], search)
    found.topics = [_summary(t, start, end) for t, start, end in week_topics]
    found.unanswered.sort(key=lambda e: e["ts"])
    return found


def _summary(topic: Topic, start: datetime, end: datetime) -> Question:
    this_week = [a for a in topic.asked if start <= a.message.sent_at < end]
    source = f"{topic.playbook.source} › {topic.playbook.title}" if topic.playbook else ""
    return Question(topic.question, len(this_week), [topic.group], topic.label,
                    askers=len({a.message.sender_id or a.message.sender_name for a in this_week}),
                    recent=topic.count, answered=sum(1 for a in this_week if a.answered_by is not None),
                    answer=topic.answer or "", playbook=source)


def _hanging(found: WeekQuestions, messages: list[chatlog.Message], asked: list[chatlog.Message],
             observed_until: object) -> None:
    admin_messages = [m for m in messages if m.from_admin]
    times = [m.sent_at for m in admin_messages]
    for m in asked:
        seen_long_enough = observed_until is not None and m.sent_at + ANSWER_WINDOW <= observed_until
        if seen_long_enough and answer_time(m, admin_messages, times) is None:
            e = message_evidence(m)
            found.unanswered.append({"group": m.group, **e.to_dict()})
