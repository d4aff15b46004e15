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
from ..jobs.results import ToolResult
from ..retrieval.tokenizer import tokenize
from . import messages_file as source
from .questions import COUNT, MEMBER, NAME, SEARCH, HistoryQuestion, classify, names_time
from .service import Conversations
from .topics import COMPLAINTS, QUESTIONS, wanted
from .windows import is_chatter, sender_of

__all__ = ["NAME", "history_tool", "routed"]

WEEKS = 4
SHOWN = 8


def history_tool(conv: Conversations, question: str, group: str | None = None, period: Period | None = None,
                 weeks: int = WEEKS) -> ToolResult:
    """Answer a history question from the window index and the store."""
    asked = classify(question, _members(conv, group) if "说" in question or "聊" in question else frozenset())
    runners = {SEARCH: _search, COUNT: _count, MEMBER: _member}
    return runners.get(asked.kind, _topics)(conv, asked, group, period, weeks)


def routed(conv: Conversations, analytics, question: str, group: str | None = None,  # noqa: ANN001
           week: str | None = None, back: int = 0) -> ToolResult:
    """:func:`history_tool` for a chat route: a week is applied only when the question names one
    (上周, 上上周, 2026-W07); ``analytics`` (an ``Analytics``) says which week is the latest."""
    period = None
    if week or names_time(question):
        period = analytics.period(week=week, group=group)
        for _ in range(back):
            period = period.previous()
    return history_tool(conv, question, group, period)


def _members(conv: Conversations, group: str | None) -> frozenset[str]:
    return frozenset(sender_of(m) for log in source.logs(conv.db_path, group) for m in log.messages)


def _cite(m: Message) -> dict[str, str]:
    return message_evidence(m).to_dict()


def _search(conv: Conversations, asked: HistoryQuestion, group: str | None, period: Period | None,
            weeks: int) -> ToolResult:
    since, until = (period.first, period.last) if period else (None, None)
    hits = conv.search(asked.subject, k=5, group=group, since=since, until=until)
    span = f"（{period.label}）" if period else ""
    lines = [f"{h.group} {h.start}～{h.end[-5:]}，{len(h.message_ids)} 条消息，参与：{'、'.join(h.participants[:6])}"
             for h in hits] or [f"没有找到与「{asked.subject}」相关的群聊对话{span}。"]
    cited = [e for h in hits for e in h.evidence(asked.subject, limit=2)]
    data = {"subject": asked.subject, "period": period.label if period else None,
            "conversations": [h.to_dict() for h in hits]}
    return ToolResult(NAME, data, f"群聊记录中关于「{asked.subject}」的对话{span}", lines, cited)


def _count(conv: Conversations, asked: HistoryQuestion, group: str | None, period: Period | None,
           weeks: int) -> ToolResult:
    words = [w for w in tokenize(asked.subject) if not w.startswith("~") and len(w) > 1] or [asked.subject]
    found = [m for log in source.logs(conv.db_path, group, weeks) for m in log.messages
             if not m.from_admin and not is_chatter(m.text) and any(w in (m.text or "") for w in words)]
    questions = [m for m in found if wanted(m, QUESTIONS)]
    people = len({m.sender_id or sender_of(m) for m in questions})
    lines = [f"近 {weeks} 周有 {people} 位成员问过「{asked.subject}」，共 {len(questions)} 条提问；"
             f"提到它的成员消息共 {len(found)} 条（{len({m.sender_id or sender_of(m) for m in found})} 人）。"]
    data = {"subject": asked.subject, "weeks": weeks, "askers": people, "questions": len(questions),
            "mentions": len(found)}
    return ToolResult(NAME, data, f"「{asked.subject}」被问过多少次（来自消息记录）", lines,
                      [_cite(m) for m in (questions or found)[:SHOWN]])


def _member(conv: Conversations, asked: HistoryQuestion, group: str | None, period: Period | None,
            weeks: int) -> ToolResult:
    said = [m for log in source.logs(conv.db_path, group) for m in log.messages
            if sender_of(m) == asked.subject and not is_chatter(m.text)]
    said.sort(key=lambda m: m.sent_at)
    recent = said[-SHOWN:]
    last = _cite(recent[-1])["ts"] if recent else ""
    lines = [f"{asked.subject} 共有 {len(said)} 条有内容的发言（不含“收到”“+1”之类），最近一条在 {last}；"
             f"最近 {len(recent)} 条见证据。" if said else f"没有找到 {asked.subject} 的发言。"]
    data = {"member": asked.subject, "messages": len(said), "last": last}
    return ToolResult(NAME, data, f"{asked.subject} 最近说了什么", lines, [_cite(m) for m in recent])


def _topics(conv: Conversations, asked: HistoryQuestion, group: str | None, period: Period | None,
            weeks: int) -> ToolResult:
    kind = COMPLAINTS if asked.complaints else QUESTIONS
    found = conv.topics(group, weeks, kind)[:5]
    noun = "抱怨" if asked.complaints else "提问"
    lines = [_topic_line(n, t) for n, t in enumerate(found, start=1)] or [f"近 {weeks} 周没有反复出现的{noun}。"]
    cited = [e for t in found for e in t.evidence(limit=2)]
    data = {"kind": kind, "weeks": weeks, "topics": [t.to_dict() for t in found]}
    return ToolResult(NAME, data, f"近 {weeks} 周{noun}最多的话题", lines, cited)


def _topic_line(n: int, topic) -> str:  # noqa: ANN001 - a Topic
    playbook = f"手册已有答案（{topic.playbook.title}）" if topic.playbook else "手册还没有答案"
    answered = f"管理员在群里回答了 {topic.answered} 次" if topic.answered else "管理员没有在群里回答"
    return (f"{n}. {topic.group}「{topic.label}」{topic.count} 次（{topic.askers} 人），例如“{topic.question}”；"
            f"{answered}；{playbook}。")
