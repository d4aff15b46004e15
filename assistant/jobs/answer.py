"""The question-answering job: retrieve, budget, then stream from the LLM or compose offline.

Both paths render the same prompt file (``prompts/answer.yaml``) with the same gathered values;
the offline path is also the fallback when the endpoint fails. A reply that breaks off half-way
is never kept as the answer: the answer becomes the offline composition with a notice.

Retrieval is honest and aware of the conversation: a short or referring follow-up is searched
together with the previous question (``retrieval/followup.py``), and when the relevance floor
says nothing relevant was found (``retrieval/relevance.py``), the answer says so and cites
nothing — offline it suggests topics and an upload; the LLM gets no passages and, as its system
prompt says, states that the playbooks do not cover the question. The offline answer is written
to be read: a lead-in of the key sentences (about 400 characters at most) and at most three cited
passages, which the pages show collapsed under the sources and never again in the text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Protocol

from ..i18n import t
from ..llm import ContextBudget, TokenCounter
from ..llm.model import OFFLINE, ChatModel, Response, respond
from ..safety.fence import defuse
from ..prompts import PromptFile
from ..retrieval import Passage
from ..retrieval.followup import search_query
from ..retrieval.hybrid import Retrieved
from ..retrieval.synonyms import expand_query
from .highlights import key_sentences


def previous_question(history: Sequence[tuple[str, str]]) -> str:
    """The last question the user asked in ``history`` (``(role, text)`` pairs), if any."""
    return next((text for role, text in reversed(history) if role == "user"), "")

PASSAGES_PER_ANSWER = 3
LEAD_IN_CHARS = 400  # the offline answer's key sentences, at most


class Retrieve(Protocol):
    """The knowledge search an answer asks: ``focus`` is a follow-up's own words."""

    def __call__(self, query: str, k: int, *, focus: str = "") -> Retrieved: ...


Search = Callable[[str, int], list[Passage]]  # the plain ranked search other jobs use


@dataclass
class Answer:
    """A finished turn: the text shown to the user and everything needed to trust it."""

    question: str
    text: str
    sources: list[Passage]
    mode: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    tokens_estimated: bool = False
    notice: str | None = None
    route: str = "playbook"
    evidence: list[dict] = field(default_factory=list)
    tools: list[str] = field(default_factory=list)
    facts: list[dict] = field(default_factory=list)
    found: bool = True  # False: nothing relevant was found, and the answer says so
    followup_of: str = ""  # the previous question that was searched together with this one

    def to_dict(self) -> dict[str, object]:
        """The ``--json`` shape of the CLI."""
        return {
            "found": self.found,
            "followup_of": self.followup_of or None,
            "route": self.route,
            "evidence": self.evidence,
            "tools": self.tools,
            "answer": self.text,
            "sources": [p.as_source() for p in self.sources],
            "mode": self.mode,
            "tokens": {
                "prompt": self.prompt_tokens,
                "completion": self.completion_tokens,
                "estimated": self.tokens_estimated,
            },
            "notice": self.notice,
        }


@dataclass
class AnswerStream:
    """Iterate for the answer's text pieces; ``answer`` is set once iteration has finished
    (by ``finish``, from the response just streamed)."""

    sources: list[Passage]
    pieces: Iterable[str]
    finish: Callable[[], Answer] | None = None
    answer: Answer | None = field(default=None)
    found: bool = True
    followup_of: str = ""
    query: str = ""  # what was searched (the question, or the previous one and the question)

    def __iter__(self) -> Iterator[str]:
        yield from self.pieces
        if self.finish is not None:
            self.answer = self.finish()


class AnswerJob:
    """Answers questions from the playbooks with a chat model (or the offline stand-in)."""

    def __init__(
        self,
        prompt: PromptFile,
        search: Retrieve,
        chat: ChatModel,
        counter: TokenCounter,
        budget: ContextBudget,
        language: str = "zh",
    ) -> None:
        self.prompt = prompt
        self.search = search
        self.chat = chat
        self.counter = counter
        self.budget = budget
        self.language = language

    @property
    def mode(self) -> str:
        return self.chat.model_name

    def stream(self, question: str, history: Sequence[tuple[str, str]] = ()) -> AnswerStream:
        query = search_query(question, previous_question(history))
        retrieved = self.search(query.text, PASSAGES_PER_ANSWER, focus=query.focus)
        passages = retrieved.passages if retrieved.found else []
        messages = cache(lambda: self._messages(question, list(history), passages))
        response = respond(self.chat, messages, lambda: self.compose_offline(question, passages, query.text),
                           t("chat.offline_notice", self.language))

        def finish() -> Answer:
            answer = self._answer(question, passages, messages, response)
            answer.found, answer.followup_of = retrieved.found, query.previous
            return answer

        return AnswerStream(passages, response, finish, found=retrieved.found, followup_of=query.previous,
                            query=query.text)

    def _answer(self, question: str, passages: list[Passage], messages: Callable[[], list[tuple[str, str]]],
                response: Response) -> Answer:
        if response.offline:
            return Answer(question, response.text(), passages, OFFLINE, notice=response.notice)
        usage = response.usage()
        return Answer(
            question,
            response.text(),
            passages,
            response.mode,
            prompt_tokens=usage.prompt_tokens or self.counter.count_messages(messages()),
            completion_tokens=usage.completion_tokens or self.counter.count(response.text()),
            tokens_estimated=usage.prompt_tokens is None or usage.completion_tokens is None,
        )

    def _values(
        self,
        question: str,
        passages: list[Passage],
        bodies: list[str] | None = None,
        key_points: list[dict[str, object]] | None = None,
    ) -> dict[str, object]:
        bodies = bodies if bodies is not None else [p.body for p in passages]
        return {
            "question": defuse(question),
            "passages": [
                {"n": n, "source": p.source, "title": p.title, "body": defuse(body)}
                for n, (p, body) in enumerate(zip(passages, bodies, strict=False), start=1)
            ],
            "key_points": key_points or [],
            "language": self.language,
        }

    def compose_offline(self, question: str, passages: list[Passage], searched: str = "") -> str:
        """The offline answer: the prompt file's offline template over the same values — a lead-in
        of key sentences (the passages themselves are shown collapsed, with the sources)."""
        points = key_sentences(expand_query(searched or question), passages, budget=LEAD_IN_CHARS)
        values = self._values(question, passages, key_points=points)
        return self.prompt.render("offline", **values)

    def _messages(
        self, question: str, history: list[tuple[str, str]], passages: list[Passage]
    ) -> list[tuple[str, str]]:
        system = self.prompt.render("system", **self._values(question, []))
        bare_user = self.prompt.render("user", **self._values(question, []))
        fitted = self.budget.fit(
            self.counter, [("system", system), ("user", bare_user)], [p.body for p in passages], history
        )
        kept = passages[: len(fitted.passages)]
        user = self.prompt.render("user", **self._values(question, kept, fitted.passages))
        return [("system", system), *fitted.history, ("user", user)]
