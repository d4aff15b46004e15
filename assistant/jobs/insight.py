"""Answering questions about the imported groups: numbers from the analytics, words from the model.

Offline, the routed tool runs directly and the prompt's offline template lays out its figures and
evidence. With an LLM, the model is offered the read-only tools and decides which to call; if it
answers without calling any, the routed tool's result is handed to it as data, so no figure in
the reply can come from the model's own arithmetic. A failing endpoint falls back to offline.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage, ToolMessage

from ..i18n import t
from ..llm import ChatResult, TokenCounter
from ..llm.model import ChatModel, Response
from ..prompts import PromptFile
from ..retrieval import Passage
from ..safety.fence import defuse
from .answer import Answer, AnswerStream, Search
from .router import CHURN, HISTORY, METRICS, RISKS, SEGMENTS, Route
from .tools import ToolBox, ToolResult, specs

MAX_TOOL_ROUNDS = 3
ROUTED_TOOL = {METRICS: "get_metrics", CHURN: "explain_churn", SEGMENTS: "get_segments", RISKS: "get_risks",
               HISTORY: "search_history"}
BACKGROUND = {METRICS: "群数据指标 健康阈值", CHURN: "退群率上升 排查原因", SEGMENTS: "成员分层 流失预警", RISKS: "诈骗 广告 风险",
              HISTORY: "客诉 常见问题 回复"}


class InsightJob:
    """Answers analytics questions with the tools of a :class:`ToolBox`."""

    def __init__(self, prompt: PromptFile, tools: ToolBox, search: Search, chat: ChatModel,
                 counter: TokenCounter, language: str = "zh") -> None:
        self.prompt = prompt
        self.tools = tools
        self.search = search
        self.chat = chat
        self.counter = counter
        self.language = language

    def stream(self, question: str, route: Route, history: Sequence[tuple[str, str]] = ()) -> AnswerStream:
        question = defuse(question)
        passages = self.search(BACKGROUND[route.kind], 2)
        results: list[ToolResult] = []  # what the tools returned in this request
        response = Response(
            self.chat, lambda response: self._rounds(question, route, list(history), results, response),
            lambda: self._offline(question, results or [self._routed(route, question)], results),
            t("chat.offline_notice", self.language),
        )
        return AnswerStream(passages, response, lambda: self._answer(question, route, passages, results, response))

    def _routed(self, route: Route, question: str = "") -> ToolResult:
        if route.kind == HISTORY:
            return self.tools.history(question=question, group=route.group, week=route.week, back=route.weeks_back)
        runner = {"get_metrics": self.tools.metrics, "explain_churn": self.tools.churn,
                  "get_segments": self.tools.segments, "get_risks": self.tools.risks}[ROUTED_TOOL[route.kind]]
        return runner(group=route.group, week=route.week, back=route.weeks_back)

    def _offline(self, question: str, fallback: list[ToolResult], results: list[ToolResult]) -> str:
        results[:] = fallback
        return self.prompt.render("offline", question=question, sections=[r.section() for r in fallback],
                                  language=self.language)

    def _rounds(self, question: str, route: Route, history: list[tuple[str, str]], results: list[ToolResult],
                response: Response) -> Iterator[str]:
        messages = self._first_round(question, route, history, results)
        for _ in range(MAX_TOOL_ROUNDS):
            response.result = ChatResult()
            yield from self.chat.stream_messages(messages, response.result, specs(self.language) if results else None)
            reply = response.result.reply
            if not (reply and reply.tool_calls):
                break
            messages += [reply, *self._run_tools(reply, results)]

    def _answer(self, question: str, route: Route, passages: list[Passage], results: list[ToolResult],
                response: Response) -> Answer:
        answer = _answer(question, response.text(), passages, response.mode, results, route, response.notice)
        if response.offline:
            return answer
        usage = response.usage()
        answer.prompt_tokens = usage.prompt_tokens or self.counter.count("".join(r.as_json() for r in results))
        answer.completion_tokens = usage.completion_tokens or self.counter.count(response.text())
        answer.tokens_estimated = usage.prompt_tokens is None
        return answer

    def _first_round(self, question: str, route: Route, history: list[tuple[str, str]],
                     results: list[ToolResult]) -> list[BaseMessage]:
        """Let the model choose tools (not streamed: a tool-less guess must not reach the user)."""
        system = self.prompt.render("system", question=question, sections=[], language=self.language)
        user = self.prompt.render("user", question=question, sections=[], language=self.language)
        messages: list[BaseMessage] = [SystemMessage(system), *_history(history), HumanMessage(user)]
        reply = self.chat.call_tools(messages, specs(self.language))
        if reply.tool_calls:
            return [*messages, reply, *self._run_tools(reply, results)]
        # The model answered without looking: give it the routed figures as data instead.
        results.append(self._routed(route, question))
        sections = [r.section() for r in results]
        messages[-1] = HumanMessage(self.prompt.render("user", question=question, sections=sections, language=self.language))
        return messages

    def _run_tools(self, reply: AIMessage, results: list[ToolResult]) -> list[ToolMessage]:
        answers = []
        for call in reply.tool_calls:
            found = self.tools.call(call["name"], dict(call.get("args") or {}))
            results.append(found)
            answers.append(ToolMessage(found.as_json(), tool_call_id=call["id"]))
        return answers


def _history(history: list[tuple[str, str]]) -> list[BaseMessage]:
    return [HumanMessage(c) if role == "user" else AIMessage(c) for role, c in history[-6:]]


def _answer(question: str, text: str, sources: list[Passage], mode: str, results: list[ToolResult], route: Route,
            notice: str | None = None) -> Answer:
    evidence = [e for r in results for e in r.evidence]
    answer = Answer(question, text, sources, mode, notice=notice)
    answer.route = route.kind
    answer.evidence = evidence
    answer.tools = [r.name for r in results]
    answer.facts = [json.loads(r.as_json()) for r in results]
    return answer
