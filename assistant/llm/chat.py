"""The chat seam: any OpenAI-compatible endpoint through ``langchain-openai``, streamed.

The openai client underneath retries 408/409/429/5xx and connection errors with exponential
backoff (honouring ``Retry-After``) up to ``ASSISTANT_LLM_MAX_RETRIES`` times, each attempt bounded
by ``ASSISTANT_LLM_TIMEOUT``; a server that stops answering is not asked again (``transport.py``).
Whatever still fails (including a stream cut before the server said it was finished, or a body
that is not the protocol) is raised as :class:`LLMError`, which the jobs answer with the offline
composer instead. ``openai`` and ``langchain_openai`` are imported when a client is made or fails:
offline, nothing here loads them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

from ..config import Settings
from ..errors import LLMError
from ..i18n import t
from .endpoint import endpoint_options
from .model import ChatResult, OfflineModel
from .privacy import PrivacyPolicy

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel


_ROLES = {"system": SystemMessage, "user": HumanMessage, "assistant": AIMessage}


def _failures() -> tuple[type[BaseException], ...]:
    """What a call to the endpoint raises when the endpoint or its protocol fails: the openai
    error family, transport errors, a streamed body that is not JSON. Nothing else: a ``KeyError``
    or ``TypeError`` is a bug of ours and must not turn into an offline answer.
    (Evaluated only when something is raised.)"""
    import httpx
    import httpx2
    import openai

    return (openai.OpenAIError, httpx.HTTPError, httpx2.HTTPError, json.JSONDecodeError)


class ChatClient:
    """Streams replies from one chat model and turns its failures into :class:`LLMError`.

    Outgoing messages pass the privacy policy (see :mod:`assistant.llm.privacy`); the mapping of
    one request's placeholders is kept in that request's :class:`ChatResult`, never on the client,
    which every browser session shares.
    """

    offline = False

    def __init__(self, model: BaseChatModel, model_name: str, privacy: PrivacyPolicy = PrivacyPolicy(False),
                 language: str = "zh") -> None:
        self.model = model
        self.model_name = model_name
        self.privacy = privacy
        self.language = language  # of the failure reasons, which the answer's notice quotes

    def _outgoing(self, messages: list[BaseMessage], result: ChatResult | None = None) -> list[BaseMessage]:
        outgoing, masker = self.privacy.messages(messages)
        if result is not None:
            result.masker = masker
        return outgoing

    def stream(self, messages: list[tuple[str, str]], result: ChatResult) -> Iterator[str]:
        """Yield text pieces of the reply to ``(role, content)`` messages, filling ``result``."""
        yield from self.stream_messages([_to_message(m) for m in messages], result)

    def stream_messages(
        self, messages: list[BaseMessage], result: ChatResult, tools: list[dict] | None = None
    ) -> Iterator[str]:
        """Like :meth:`stream`, for LangChain messages; with ``tools`` the model may ask for them
        (``result.reply.tool_calls``) instead of, or besides, writing text."""
        model = self.model.bind_tools(tools) if tools else self.model
        whole = None
        try:
            for chunk in model.stream(self._outgoing(messages, result)):
                whole = chunk if whole is None else whole + chunk
                piece = chunk.content if isinstance(chunk.content, str) else ""
                if piece:
                    result.text += piece
                    yield piece
                _record_metadata(chunk, result)
        except _failures() as exc:
            raise LLMError(_describe(exc, self.model_name, self.language)) from exc
        if whole is not None:
            result.reply = AIMessage(content=result.text, tool_calls=getattr(whole, "tool_calls", []) or [])
        if not result.finished:
            raise LLMError(t("llm.error.cut", self.language, model=self.model_name))

    def call_tools(self, messages: list[BaseMessage], tools: list[dict]) -> AIMessage:
        """One non-streamed turn in which the model may ask for ``tools`` (OpenAI function specs)."""
        try:
            reply = self.model.bind_tools(tools).invoke(self._outgoing(messages))
        except _failures() as exc:
            raise LLMError(_describe(exc, self.model_name, self.language)) from exc
        assert isinstance(reply, AIMessage)
        return reply


def make_chat_client(settings: Settings) -> ChatClient | OfflineModel:
    """A client for the configured endpoint, or the :class:`OfflineModel` stand-in."""

    if not settings.llm_enabled:
        return OfflineModel()
    from langchain_openai import ChatOpenAI

    model = ChatOpenAI(
        model=settings.chat_model,
        **endpoint_options(settings),
        max_tokens=settings.max_output_tokens,
        stream_usage=True,
        temperature=0.3,
    )
    return ChatClient(model, settings.chat_model, PrivacyPolicy.from_settings(settings), settings.language)


def _to_message(message: tuple[str, str]) -> BaseMessage:
    role, content = message
    return _ROLES[role](content=content)


def _record_metadata(chunk: BaseMessage, result: ChatResult) -> None:
    if chunk.response_metadata.get("finish_reason"):
        result.finished = True
    usage = getattr(chunk, "usage_metadata", None)
    if usage:
        result.prompt_tokens = usage.get("input_tokens")
        result.completion_tokens = usage.get("output_tokens")


def _describe(exc: Exception, model_name: str, language: str) -> str:
    import httpx
    import httpx2
    import openai

    kinds = (((openai.APITimeoutError, httpx.TimeoutException, httpx2.TimeoutException), "timeout"),
             (openai.RateLimitError, "rate_limited"), (openai.AuthenticationError, "key"), (openai.NotFoundError, "no_model"),
             (openai.APIStatusError, "status"),
             ((openai.APIConnectionError, httpx.HTTPError, httpx2.HTTPError), "unreachable"))
    kind = next((kind for family, kind in kinds if isinstance(exc, family)), "protocol")
    return t(f"llm.error.{kind}", language, model=model_name, status=getattr(exc, "status_code", ""),
             kind=type(exc).__name__)
