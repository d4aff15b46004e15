"""The history tool: a question about what was said in the groups, answered with cited messages.

Like the analytics tools (``jobs/tools.py``) it returns a :class:`ToolResult`: data for the model,
and a section for people (title, lines, evidence with message id, time, sender and text). Every
count comes from the store (``source.logs``), never from how many windows a search returned;
retrieval is used only to *find* conversations. Nothing here writes anything.
"""

from __future__ import annotations

from ..analytics.chatlog import Message
from ..analytics.evidence import message_evidence
from ..analytics.periods import Period
from ..i18n import t
from ..jobs.results import ToolResult
from ..retrieval.synonyms import chat_terms
from ..retrieval.tokenizer import tokenize
from . import messages_file as source
from .questions import COUNT, MEMBER, NAME, SEARCH, HistoryQuestion, classify, mentions_speech, names_time
from .service import Conversations
from .topics import COMPLAINTS, QUESTIONS, wanted
from .windows import is_chatter, sender_of

__all__ = ["NAME", "history_tool", "routed"]

WEEKS = 4
SHOWN = 8


def history_tool(conv: Conversations, question: str, group: str | None = None, period: Period | None = None,
                 weeks: int = WEEKS, language: str = "zh") -> ToolResult:
    """Answer a history question from the window index and the store (titles and lines in ``language``)."""
    asked = classify(question, _members(conv, group) if mentions_speech(question) else frozenset())
    runners = {SEARCH: _search, COUNT: _count, MEMBER: _member}
    return runners.get(asked.kind, _topics)(conv, asked, group, period, weeks, language)


def routed(conv: Conversations, analytics, question: str, group: str | None = None,  # noqa: ANN001
           week: str | None = None, back: int = 0, language: str = "zh") -> ToolResult:
    """:func:`history_tool` for a chat route: a week is applied only when the question names one
    (上周, 上上周, 2026-W07); ``analytics`` (an ``Analytics``) says which week is the latest."""
    period = None
    if week or names_time(question):
        period = analytics.period(week=week, group=group)
        for _ in range(back):
            period = period.previous()
    return history_tool(conv, question, group, period, language=language)


def _members(conv: Conversations, group: str | None) -> frozenset[str]:
    logs = source.logs(conv.db_path, group, language=conv.language)
    return frozenset(sender_of(m) for log in logs for m in log.messages)


def _cite(m: Message) -> dict[str, str]:
    return message_evidence(m).to_dict()


def _search(conv: Conversations, asked: HistoryQuestion, group: str | None, period: Period | None,
            weeks: int, language: str) -> ToolResult:
    since, until = (period.first, period.last) if period else (None, None)
    wanted_words = chat_terms(asked.subject)  # an English subject is looked for in the members' words too
    hits = conv.search(wanted_words, k=5, group=group, since=since, until=until)
    span = t("tool.history.span", language, week=period.label) if period else ""
    lines = [t("tool.history.window", language, group=h.group, start=h.start, end=h.end[-5:], n=len(h.message_ids),
               people=t("tool.names", language).join(h.participants[:6])) for h in hits]
    lines = lines or [t("tool.history.none", language, subject=asked.subject, span=span)]
    cited = [e for h in hits for e in h.evidence(wanted_words, limit=2)]
    data = {"subject": asked.subject, "period": period.label if period else None,
            "conversations": [h.to_dict() for h in hits]}
    return ToolResult(NAME, data, t("tool.history.search_title", language, subject=asked.subject, span=span), lines, cited)


def _count(conv: Conversations, asked: HistoryQuestion, group: str | None, period: Period | None,
           weeks: int, language: str) -> ToolResult:
    words = [w for w in tokenize(chat_terms(asked.subject)) if not w.startswith("~") and len(w) > 1] or [asked.subject]
    found = [m for log in source.logs(conv.db_path, group, weeks, conv.language) for m in log.messages
             if not m.from_admin and not is_chatter(m.text) and any(w in (m.text or "") for w in words)]
    questions = [m for m in found if wanted(m, QUESTIONS)]
    people = len({m.sender_id or sender_of(m) for m in questions})
    lines = [t("tool.history.count", language, weeks=weeks, people=people, subject=asked.subject, n=len(questions),
               mentions=len(found), mentioners=len({m.sender_id or sender_of(m) for m in found}))]
    data = {"subject": asked.subject, "weeks": weeks, "askers": people, "questions": len(questions),
            "mentions": len(found)}
    return ToolResult(NAME, data, t("tool.history.count_title", language, subject=asked.subject), lines,
                      [_cite(m) for m in (questions or found)[:SHOWN]])


def _member(conv: Conversations, asked: HistoryQuestion, group: str | None, period: Period | None,
            weeks: int, language: str) -> ToolResult:
    said = [m for log in source.logs(conv.db_path, group, language=conv.language) for m in log.messages
            if sender_of(m) == asked.subject and not is_chatter(m.text)]
    said.sort(key=lambda m: m.sent_at)
    recent = said[-SHOWN:]
    last = _cite(recent[-1])["ts"] if recent else ""
    lines = [t("tool.history.member", language, member=asked.subject, n=len(said), last=last, recent=len(recent))
             if said else t("tool.history.member_none", language, member=asked.subject)]
    data = {"member": asked.subject, "messages": len(said), "last": last}
    return ToolResult(NAME, data, t("tool.history.member_title", language, member=asked.subject), lines,
                      [_cite(m) for m in recent])


def _topics(conv: Conversations, asked: HistoryQuestion, group: str | None, period: Period | None,
            weeks: int, language: str) -> ToolResult:
    kind = COMPLAINTS if asked.complaints else QUESTIONS
    found = conv.topics(group, weeks, kind)[:5]
    noun = "complaints" if asked.complaints else "questions"
    lines = [_topic_line(n, topic, language) for n, topic in enumerate(found, start=1)]
    lines = lines or [t(f"tool.history.no_{noun}", language, weeks=weeks)]
    cited = [e for topic in found for e in topic.evidence(limit=2)]
    data = {"kind": kind, "weeks": weeks, "topics": [topic.to_dict() for topic in found]}
    return ToolResult(NAME, data, t(f"tool.history.{noun}_title", language, weeks=weeks), lines, cited)


def _topic_line(n: int, topic, language: str) -> str:  # noqa: ANN001 - a Topic
    playbook = (t("tool.history.playbook", language, title=topic.playbook.title) if topic.playbook
                else t("tool.history.no_playbook", language))
    answered = (t("tool.history.answered", language, n=topic.answered) if topic.answered
                else t("tool.history.unanswered", language))
    return t("tool.history.topic", language, n=n, group=topic.group, topic=topic.label, count=topic.count,
             askers=topic.askers, question=topic.question, answered=answered, playbook=playbook)
