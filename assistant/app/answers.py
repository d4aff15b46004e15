"""Answering one chat question: route it, then stream the playbook answer, the analytics insight,
a draft, or a day's digest as one :class:`~assistant.jobs.AnswerStream`.

The use case takes its collaborators as small callables (the jobs, the drafting stream, the
digests, the group names), so it holds nothing of one request and runs with fakes in tests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Protocol

from ..errors import AssistantError, InputError
from ..i18n import t

if TYPE_CHECKING:
    from ..jobs import Answer, AnswerStream
    from ..jobs.draft import DraftRequest, DraftStream
    from ..jobs.router import Route
    from .digests import Digests

MAX_QUESTION_CHARS = 4_000


class Job(Protocol):
    def stream(self, question: str, history: Sequence[tuple[str, str]] = ()) -> AnswerStream: ...


class Insight(Protocol):
    def stream(self, question: str, route: Route, history: Sequence[tuple[str, str]] = ()) -> AnswerStream: ...


class Answers:
    """Routes a question and streams its answer."""

    def __init__(self, playbook: Callable[[], Job], insight: Callable[[], Insight],
                 draft: Callable[[DraftRequest], DraftStream], digests: Callable[[], Digests],
                 group_names: Callable[[], list[str]], language: str = "zh") -> None:
        self.playbook, self.insight, self.draft, self.digests = playbook, insight, draft, digests
        self.group_names = group_names
        self.language = language  # of a drafted answer's compliance notes

    def route(self, question: str) -> Route:
        """Which part of the assistant a question needs (playbooks or the groups' numbers)."""
        from ..jobs.router import route

        try:
            names = self.group_names()  # from the catalog file: a playbook question opens no database
        except AssistantError:
            names = []  # nothing imported yet: every question is a playbook question
        return route(question, names)

    def stream(self, question: str, history: Sequence[tuple[str, str]] = ()) -> AnswerStream:
        """Start answering; iterate the result for text, then read its ``answer``."""
        from ..jobs.router import DIGEST, DRAFT, PLAYBOOK

        question = checked(question, self.language)
        chosen = self.route(question)
        if chosen.kind == DRAFT:
            return self._draft_answer(question, chosen)
        if chosen.kind == DIGEST:
            return self._digest_answer(question, chosen)
        if chosen.kind != PLAYBOOK:
            return self.insight().stream(question, chosen, history)
        return self.playbook().stream(question, history)

    def ask(self, question: str, history: Sequence[tuple[str, str]] = ()) -> Answer:
        """Answer ``question`` completely (the CLI's path)."""
        stream = self.stream(question, history)
        for _ in stream:
            pass
        assert stream.answer is not None
        return stream.answer

    def _draft_answer(self, question: str, chosen: Route) -> AnswerStream:
        """A drafting job asked for in the chat, shown as a chat answer with its warnings."""
        from ..jobs import Answer, AnswerStream
        from ..jobs.draft import DraftRequest

        drafting = self.draft(DraftRequest(chosen.job or "", chosen.text, dict(chosen.fields), chosen.group))

        def notes() -> str:
            assert drafting.draft is not None
            return "".join(t("answers.compliance_note", self.language, category=p.category, term=p.term, suggestion=p.suggestion)
                           for p in drafting.draft.problems)

        heading = t("answers.compliance", self.language)

        def pieces() -> Iterator[str]:
            yield from drafting
            if notes():
                yield f"\n\n**{heading}**{notes()}"

        def finish() -> Answer:
            made = drafting.draft
            assert made is not None
            out.sources = made.sources
            text = made.text + (f"\n\n**{heading}**{notes()}" if notes() else "")
            return Answer(question, text, made.sources, made.mode, made.prompt_tokens, made.completion_tokens,
                          notice=made.notice, route=f"draft:{made.job}")

        out = AnswerStream([], pieces(), finish)
        return out

    def _digest_answer(self, question: str, chosen: Route) -> AnswerStream:
        """"昨天群里发生了什么？": the digest of that day, its quotes as evidence."""
        from ..briefing.exports import markdown as digest_markdown
        from ..jobs import OFFLINE, Answer, AnswerStream
        from ..jobs.router import DIGEST

        digests = self.digests()
        today = digests.now().date()
        day = dict(chosen.fields).get("day", "yesterday")
        on = {"today": today, "yesterday": today - timedelta(days=1),
              "before_yesterday": today - timedelta(days=2)}.get(day) or named_day(day, today, self.language)
        result = digests.digest(chosen.group, on=on)
        if not any(g.volume.messages for g in result.groups) and day == "yesterday":
            result = digests.digest(chosen.group)  # the latest day with messages, with a notice
        text = digest_markdown(result)
        narrative = result.narrative
        answer = Answer(question, text, [], narrative.mode if narrative else OFFLINE,
                        notice=narrative.notice if narrative else None, route=DIGEST)
        answer.evidence = [q.to_dict() for q in result.quotes()]
        answer.tools = ["digest"]
        return AnswerStream([], [text], lambda: answer)


def named_day(day: str, today: date, language: str = "zh") -> date:
    """``2026-11-25``, or ``--11-25`` (a month and day: this year's, last year's if still to come)."""
    if not day.startswith("--"):
        return date.fromisoformat(day)
    month, number = int(day[2:4]), int(day[5:7])
    try:
        named = date(today.year, month, number)
        return named if named <= today else date(today.year - 1, month, number)
    except ValueError:
        raise InputError(t("answers.error.no_day", language, month=month, day=number)) from None


def checked(question: str, language: str = "zh") -> str:
    """The question, stripped; an empty or oversized one is refused with how to fix it."""
    question = question.strip()
    if not question:
        raise InputError(t("answers.error.empty", language))
    if len(question) > MAX_QUESTION_CHARS:
        raise InputError(t("answers.error.too_long", language, n=len(question), limit=MAX_QUESTION_CHARS))
    return question
