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

from ..errors import LLMError
from ..safety.fence import defuse
from ..llm import ChatClient, ChatResult, TokenCounter
from ..prompts import PromptFile
from .answer import OFFLINE, Answer, AnswerStream, Search
from .router import CHURN, HISTORY, METRICS, RISKS, SEGMENTS, Route
from .tools import SPECS, ToolBox, ToolResult

MAX_TOOL_ROUNDS = 3
ROUTED_TOOL = {METRICS: "get_metrics", CHURN: "explain_churn", SEGMENTS: "get_segments", RISKS: "get_risks",
               HISTORY: "search_history"}
BACKGROUND = {METRICS: "群数据指标 健康阈值", CHURN: "退群率上升 排查原因", SEGMENTS: "成员分层 流失预警", RISKS: "诈骗 广告 风险",
              HISTORY: "客诉 常见问题 回复"}


class InsightJob:
    """Answers analytics questions with the tools of a :class:`ToolBox`."""

    def __init__(self, prompt: PromptFile, tools: ToolBox, search: Search, chat: ChatClient | None,
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
        stream = AnswerStream(sources=passages, _pieces=iter(()))
        stream._pieces = self._run(question, route, list(history), stream)
        return stream

    def _routed(self, route: Route, question: str = "") -> ToolResult:
        if route.kind == HISTORY:
            return self.tools.history(question=question, group=route.group, week=route.week, back=route.weeks_back)
        runner = {"get_metrics": self.tools.metrics, "explain_churn": self.tools.churn,
                  "get_segments": self.tools.segments, "get_risks": self.tools.risks}[ROUTED_TOOL[route.kind]]
        return runner(group=route.group, week=route.week, back=route.weeks_back)

    def _offline(self, question: str, results: list[ToolResult]) -> str:
        return self.prompt.render("offline", question=question, sections=[r.section() for r in results],
                                  language=self.language)

    def _run(self, question: str, route: Route, history: list[tuple[str, str]], out: AnswerStream) -> Iterator[str]:
        if self.chat is None:
            results = [self._routed(route, question)]
            text = self._offline(question, results)
            out.answer = _answer(question, text, out, OFFLINE, results, route)
            yield text
            return
        results: list[ToolResult] = []
        result = ChatResult()
        try:
            messages = self._first_round(question, route, history, results)
            for _ in range(MAX_TOOL_ROUNDS):
                result = ChatResult()
                yield from self.chat.stream_messages(messages, result, SPECS if results else None)
                if not (result.reply and result.reply.tool_calls):
                    break
                messages += [result.reply, *self._run_tools(result.reply, results)]
        except LLMError as exc:
            fallback = results or [self._routed(route, question)]
            notice = f"⚠️ 模型暂时不可用，已改用离线模式回答。原因：{exc}"
            text = f"{notice}\n\n{self._offline(question, fallback)}"
            out.answer = _answer(question, text, out, OFFLINE, fallback, route, notice)
            yield ("\n\n---\n\n" if result.text else "") + text
            return
        answer = _answer(question, result.text, out, self.chat.model_name, results, route)
        answer.prompt_tokens = result.prompt_tokens or self.counter.count("".join(r.as_json() for r in results))
        answer.completion_tokens = result.completion_tokens or self.counter.count(result.text)
        answer.tokens_estimated = result.prompt_tokens is None
        out.answer = answer

    def _first_round(self, question: str, route: Route, history: list[tuple[str, str]],
                     results: list[ToolResult]) -> list[BaseMessage]:
        """Let the model choose tools (not streamed: a tool-less guess must not reach the user)."""
        assert self.chat is not None
        system = self.prompt.render("system", question=question, sections=[], language=self.language)
        user = self.prompt.render("user", question=question, sections=[], language=self.language)
        messages: list[BaseMessage] = [SystemMessage(system), *_history(history), HumanMessage(user)]
        reply = self.chat.call_tools(messages, SPECS)
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


def _answer(question: str, text: str, out: AnswerStream, mode: str, results: list[ToolResult], route: Route,
            notice: str | None = None) -> Answer:
    evidence = [e for r in results for e in r.evidence]
    answer = Answer(question, text, out.sources, mode, notice=notice)
    answer.route = route.kind
    answer.evidence = evidence
    answer.tools = [r.name for r in results]
    answer.facts = [json.loads(r.as_json()) for r in results]
    return answer
