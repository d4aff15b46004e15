"""In-process stand-ins for tests: a chat model and an embedder that need no server.

Like pydantic-ai's ``TestModel`` (or httpx's ``MockTransport``), :class:`FakeChatModel` speaks the
model seam (:class:`~assistant.llm.ChatModel`) directly: it replies from a queue, records what it
was sent, and fails on demand with an :class:`~assistant.errors.LLMError`. Pass it to
``Assistant(settings, chat=FakeChatModel(...))``. Unit tests that only need "some model" use it;
the loopback OpenAI-compatible server stays for the tests of the seam itself (retries, timeouts,
streaming, masking on the wire). :class:`FakeEmbedder` is the hash embedding at a small size:
deterministic, instant, in-process.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from langchain_core.messages import AIMessage, BaseMessage

from .errors import LLMError
from .llm.model import ChatResult
from .llm.offline_embedding import OfflineHashEmbeddings

__all__ = ["FakeChatModel", "FakeEmbedder"]

_ROLES = {"system": "system", "human": "user", "ai": "assistant", "tool": "tool"}


class FakeChatModel:
    """Replies with the queued texts in order (then ``default``); a queued exception is raised.

    ``requests`` holds every request's messages as ``(role, content)`` pairs.
    """

    offline = False

    def __init__(self, *replies: str | LLMError, model_name: str = "fake-model", default: str = "好的。",
                 usage: tuple[int | None, int | None] = (None, None)) -> None:
        self.model_name = model_name
        self.replies: deque[str | LLMError] = deque(replies)
        self.default = default
        self.usage = usage
        self.requests: list[list[tuple[str, str]]] = []

    def enqueue(self, *replies: str | LLMError) -> FakeChatModel:
        self.replies.extend(replies)
        return self

    def stream(self, messages: list[tuple[str, str]], result: ChatResult) -> Iterator[str]:
        self.requests.append(list(messages))
        reply = self.replies.popleft() if self.replies else self.default
        if isinstance(reply, LLMError):
            raise reply
        for start in range(0, len(reply), 8):  # a few pieces, as a stream arrives
            piece = reply[start:start + 8]
            result.text += piece
            yield piece
        result.finished = True
        result.prompt_tokens, result.completion_tokens = self.usage
        result.reply = AIMessage(content=result.text)

    def stream_messages(
        self, messages: list[BaseMessage], result: ChatResult, tools: list[dict] | None = None
    ) -> Iterator[str]:
        return self.stream([_pair(m) for m in messages], result)

    def call_tools(self, messages: list[BaseMessage], tools: list[dict]) -> AIMessage:
        """Never asks for a tool: the job then hands the model the routed figures as data."""
        result = ChatResult()
        for _ in self.stream_messages(messages, result):
            pass
        return AIMessage(content=result.text)


class FakeEmbedder(OfflineHashEmbeddings):
    """The hash embedding at 64 dimensions: the same text, the same vector, no model."""

    label = "fake test embedding"

    def __init__(self, dimensions: int = 64) -> None:
        super().__init__(dimensions)


def _pair(message: BaseMessage) -> tuple[str, str]:
    content = message.content if isinstance(message.content, str) else str(message.content)
    return _ROLES.get(message.type, message.type), content
