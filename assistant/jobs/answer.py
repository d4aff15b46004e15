"""The question-answering job: retrieve, budget, then stream from the LLM or compose offline.

Both paths render the same prompt file (``prompts/answer.yaml``) with the same gathered values;
the offline path is also the fallback when the endpoint fails. A reply that breaks off half-way
is never kept as the answer: the answer becomes the offline composition with a notice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from ..errors import LLMError
from ..llm import ChatClient, ChatResult, ContextBudget, TokenCounter
from ..safety.fence import defuse
from ..prompts import PromptFile
from ..retrieval import Passage
from .highlights import key_sentences

OFFLINE = "offline"
PASSAGES_PER_ANSWER = 4

Search = Callable[[str, int], list[Passage]]


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

    def to_dict(self) -> dict[str, object]:
        """The ``--json`` shape of the CLI."""
        return {
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
    """Iterate for the answer's text pieces; ``answer`` is set once iteration has finished."""

    sources: list[Passage]
    _pieces: Iterator[str]
    answer: Answer | None = field(default=None)

    def __iter__(self) -> Iterator[str]:
        yield from self._pieces


class AnswerJob:
    """Answers questions from the playbooks with an optional chat model."""

    def __init__(
        self,
        prompt: PromptFile,
        search: Search,
        chat: ChatClient | None,
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
        return self.chat.model_name if self.chat else OFFLINE

    def stream(self, question: str, history: Sequence[tuple[str, str]] = ()) -> AnswerStream:
        passages = self.search(question, PASSAGES_PER_ANSWER)
        stream = AnswerStream(sources=passages, _pieces=iter(()))
        stream._pieces = self._run(question, list(history), passages, stream)
        return stream

    def _run(
        self, question: str, history: list[tuple[str, str]], passages: list[Passage], out: AnswerStream
    ) -> Iterator[str]:
        if self.chat is None:
            text = self.compose_offline(question, passages)
            out.answer = Answer(question, text, passages, OFFLINE)
            yield text
            return
        messages = self._messages(question, history, passages)
        result = ChatResult()
        try:
            yield from self.chat.stream(messages, result)
        except LLMError as exc:
            notice = f"⚠️ 模型暂时不可用，已改用离线模式回答。原因：{exc}"
            text = f"{notice}\n\n{self.compose_offline(question, passages)}"
            out.answer = Answer(question, text, passages, OFFLINE, notice=notice)
            yield ("\n\n---\n\n" if result.text else "") + text
            return
        out.answer = self._llm_answer(question, passages, messages, result)

    def _llm_answer(
        self, question: str, passages: list[Passage], messages: list[tuple[str, str]], result: ChatResult
    ) -> Answer:
        estimated = result.prompt_tokens is None or result.completion_tokens is None
        return Answer(
            question,
            result.text,
            passages,
            self.mode,
            prompt_tokens=result.prompt_tokens or self.counter.count_messages(messages),
            completion_tokens=result.completion_tokens or self.counter.count(result.text),
            tokens_estimated=estimated,
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

    def compose_offline(self, question: str, passages: list[Passage]) -> str:
        """The offline answer: the prompt file's offline template over the same values."""
        values = self._values(question, passages, key_points=key_sentences(question, passages))
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
