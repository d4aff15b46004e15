"""Optional reranking of retrieved passages by an OpenAI-compatible model.

``ASSISTANT_RERANK_MODEL`` names either a rerank model served at ``<base>/rerank`` (the
Jina/Cohere-style API that vLLM, Xinference and DashScope-compatible gateways expose) or the word
``chat``, meaning: ask the chat model to score the candidates with ``prompts/rerank.yaml``.
Reranking is an improvement, never a dependency: any failure keeps the fused order. The query
and candidates pass the privacy policy before they leave, like every other text sent to a model.
Which reranker runs is decided where everything is wired (``assistant.app.root.reranker_for``).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable

import httpx

from ..errors import AssistantError, LLMError
from ..prompts import PromptFile
from .chat import ChatResult
from .model import ChatModel
from .privacy import PrivacyPolicy

log = logging.getLogger(__name__)
CHAT = "chat"
_SNIPPET = 600

# Passages are typed loosely here (title/body attributes) so that llm/ does not import retrieval/.
Reranker = Callable[[str, list], list]


class EndpointReranker:
    """Scores with a ``/rerank`` endpoint."""

    def __init__(self, base_url: str, api_key: str, model: str, timeout: float, privacy: PrivacyPolicy) -> None:
        self._url = (base_url or "https://api.openai.com/v1").rstrip("/") + "/rerank"
        self._headers = {"Authorization": f"Bearer {api_key}"}
        self._model = model
        self._timeout = timeout
        self._privacy = privacy

    def __call__(self, query: str, passages: list) -> list:
        documents = self._privacy.texts([_text(p) for p in passages])
        body = {"model": self._model, "query": self._privacy.text(query), "documents": documents, "top_n": len(passages)}
        try:
            response = httpx.post(self._url, json=body, headers=self._headers, timeout=self._timeout)
            response.raise_for_status()
            scores = _endpoint_scores(response.json())
        except (httpx.HTTPError, ValueError, LLMError) as exc:
            log.warning("rerank endpoint failed, keeping the fused order: %s", type(exc).__name__)
            return passages
        return _ordered(passages, [scores.get(i, float("-inf")) for i in range(len(passages))])


class ChatReranker:
    """Scores with the chat model and the rerank prompt."""

    def __init__(self, chat: ChatModel, prompt: PromptFile) -> None:
        self._chat = chat
        self._prompt = prompt

    def __call__(self, query: str, passages: list) -> list:
        values = {
            "question": query,
            "passages": [{"n": n, "title": p.title, "body": p.body[:_SNIPPET]} for n, p in enumerate(passages, 1)],
        }
        messages = [("system", self._prompt.render("system", **values)), ("user", self._prompt.render("user", **values))]
        try:
            reply = "".join(self._chat.stream(messages, ChatResult()))
            scores = _chat_scores(json.loads(_json_object(reply)))
        except (AssistantError, ValueError) as exc:
            log.warning("chat rerank failed, keeping the fused order: %s", type(exc).__name__)
            return passages
        if len(scores) != len(passages):
            return passages
        return _ordered(passages, scores)


def _endpoint_scores(payload: object) -> dict[int, float]:
    """``{"results": [{"index": 0, "relevance_score": 0.9}, …]}``; any other shape is a protocol error."""
    results = payload.get("results") if isinstance(payload, dict) else None
    if not isinstance(results, list) or not all(_scored(r) for r in results):
        raise LLMError("rerank endpoint replied without results[].index/relevance_score")
    return {int(r["index"]): float(r["relevance_score"]) for r in results}


def _scored(result: object) -> bool:
    return (isinstance(result, dict) and isinstance(result.get("index"), int)
            and isinstance(result.get("relevance_score"), int | float))


def _chat_scores(payload: object) -> list[float]:
    """``{"scores": [3, 1, …]}`` from the model; any other shape is a protocol error."""
    scores = payload.get("scores") if isinstance(payload, dict) else None
    if not isinstance(scores, list) or not all(isinstance(s, int | float | str) for s in scores):
        raise LLMError("the rerank reply has no list of numeric scores")
    return [float(s) for s in scores]


def _ordered(passages: list, scores: list[float]) -> list:
    # A stable sort keeps the fused order among equal scores.
    ranked = sorted(range(len(passages)), key=lambda i: -scores[i])
    return [passages[i] for i in ranked]


def _text(passage: object) -> str:
    return f"{getattr(passage, 'title', '')}\n{getattr(passage, 'body', '')}"[:_SNIPPET]


def _json_object(reply: str) -> str:
    match = re.search(r"\{.*\}", reply, re.S)
    if not match:
        raise ValueError("no JSON object in the reply")
    return match.group(0)
