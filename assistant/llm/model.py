"""The model seam the jobs talk to: a ``ChatModel``, the ``OfflineModel`` stand-in, and the
``Response`` a reply becomes.

"No model configured" is not ``None`` but :class:`OfflineModel`, which speaks the same interface
(its ``offline`` flag tells :func:`respond` to compose instead of calling out). A reply is one
:class:`Response`: iterate it for the text pieces, then read ``text()``, ``usage()``, the mode that
wrote it, the fallback notice, and this request's masking map. Everything about one request lives
on its Response, never on the model object every browser session shares. The LLM-or-offline
fallback is written once, in :meth:`Response.__iter__`: an endpoint that fails (``LLMError``) is
answered with the job's offline composition and a visible notice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from ..errors import LLMError
from ..safety.pii import Masker

if TYPE_CHECKING:
    from langchain_core.messages import AIMessage, BaseMessage

OFFLINE = "offline"
SEPARATOR = "\n\n---\n\n"  # between a reply cut off half-way and the offline composition after it


@dataclass
class ChatResult:
    """Filled in while a reply streams: its text, whether it ended properly, and server usage."""

    text: str = ""
    finished: bool = False
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    reply: AIMessage | None = None  # the whole streamed message, tool calls included
    masker: Masker = field(default_factory=Masker)  # this request's placeholders, to put values back


class ChatModel(Protocol):
    """What a job needs from a chat model (:class:`~assistant.llm.chat.ChatClient`, the offline
    stand-in, or a test's fake)."""

    model_name: str
    offline: bool

    def stream(self, messages: list[tuple[str, str]], result: ChatResult) -> Iterator[str]: ...

    def stream_messages(
        self, messages: list[BaseMessage], result: ChatResult, tools: list[dict] | None = None
    ) -> Iterator[str]: ...

    def call_tools(self, messages: list[BaseMessage], tools: list[dict]) -> AIMessage: ...


class OfflineModel:
    """The model when none is configured: jobs compose from their prompt's offline template."""

    model_name = OFFLINE
    offline = True

    def stream(self, messages: list[tuple[str, str]], result: ChatResult) -> Iterator[str]:
        raise LLMError("离线模式：没有配置大模型 (offline: no chat model configured)")

    def stream_messages(
        self, messages: list[BaseMessage], result: ChatResult, tools: list[dict] | None = None
    ) -> Iterator[str]:
        return self.stream([], result)

    def call_tools(self, messages: list[BaseMessage], tools: list[dict]) -> AIMessage:
        raise LLMError("离线模式：没有配置大模型 (offline: no chat model configured)")


@dataclass(frozen=True)
class Usage:
    """Tokens the server reported for one reply (``None``: it did not say; offline: no call)."""

    prompt_tokens: int | None = None
    completion_tokens: int | None = None


Produce = Callable[["Response"], Iterator[str]]


class Response:
    """One reply, streamed: iterate for its pieces, then read the rest.

    ``produce(response)`` talks to the model and yields text; it fills ``response.result`` (a
    multi-round job may replace it with each round's). ``offline()`` composes the answer without a
    model; ``notice`` words the fallback, with ``{reason}`` for the endpoint's failure.
    """

    def __init__(self, model: ChatModel, produce: Produce, offline: Callable[[], str], notice: str) -> None:
        self.model = model
        self.result = ChatResult()
        self.mode = model.model_name
        self.notice: str | None = None
        self.offline_text = ""  # the offline composition alone (without the notice), when one was used
        self._produce, self._offline, self._notice = produce, offline, notice
        self._text = ""

    def __iter__(self) -> Iterator[str]:
        if self.model.offline:
            self.mode, self.offline_text = OFFLINE, self._offline()
            self._text = self.offline_text
            yield self._text
            return
        try:
            yield from self._produce(self)
        except LLMError as exc:
            self.mode, self.notice, self.offline_text = OFFLINE, self._notice.format(reason=exc), self._offline()
            self._text = f"{self.notice}\n\n{self.offline_text}"
            yield (SEPARATOR if self.result.text else "") + self._text
            return
        self._text = self.result.text

    @property
    def offline(self) -> bool:
        """Whether the offline composition answered (no model, or the model failed)."""
        return self.mode == OFFLINE

    def text(self) -> str:
        """The whole reply, once iterated (offline: the notice, if any, and the composition)."""
        return self._text

    def usage(self) -> Usage:
        return Usage(self.result.prompt_tokens, self.result.completion_tokens)

    @property
    def masker(self) -> Masker:
        """This request's placeholders for personal data, to put the values back (never shared)."""
        return self.result.masker


def respond(model: ChatModel, messages: Callable[[], list[tuple[str, str]]], offline: Callable[[], str],
            notice: str) -> Response:
    """The common case: one streamed request of ``messages()`` (built only when a model answers)."""
    return Response(model, lambda response: model.stream(messages(), response.result), offline, notice)
