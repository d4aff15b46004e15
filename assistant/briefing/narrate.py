"""The digest's summary: composed offline from the computed lines, or written by the chat model
from the same material, map-reducing when a busy day does not fit the window.

The model gets two kinds of fenced data: the figures (each line computed by ``compose``, already
formatted, so it has nothing to add up) and what people said in each topic (sender and text, no
timestamps). When all of it fits the context window it is one request. Otherwise each topic's
conversation is first summarised on its own (``prompts/digest_map.yaml``, one request per topic,
told to write no numbers), and the summary is written from those notes (the reduce step). Text
leaves through the chat client, which masks personal data under the privacy policy. A failing
endpoint falls back to the offline summary with a visible notice.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import LLMError
from ..i18n import colon
from ..llm import OFFLINE, ChatModel, ChatResult, TokenCounter
from ..prompts import PromptFile
from .digest import Digest, GroupDigest, Narrative
from .layout import group_line
from .texts import tr

PROMPT_OVERHEAD = 400  # tokens of instructions around the data


@dataclass
class Narrator:
    """Writes a digest's summary paragraph."""

    prompt: PromptFile
    map_prompt: PromptFile
    chat: ChatModel
    counter: TokenCounter
    window: int
    reserve_output: int

    def narrate(self, digest: Digest) -> Narrative:
        values = self.values(digest)
        offline = Narrative(self.prompt.render("offline", **(values | {"facts": attention(digest)})), OFFLINE)
        if self.chat.offline:
            return offline
        try:
            return self._model(digest, values)
        except LLMError as exc:
            offline.notice = f"⚠️ 模型暂时不可用，日报摘要已改用离线模式生成。原因：{exc}" if digest.language == "zh" \
                else f"⚠️ The model is unavailable; the summary was composed offline. Reason: {exc}"
            return offline

    def values(self, digest: Digest, notes: dict[tuple[str, str], list[str]] | None = None) -> dict:
        """The prompt's variables; ``notes`` replaces a topic's excerpt with its map summary."""
        topics = []
        for g in digest.groups:
            for t in g.topics:
                lines = (notes or {}).get((g.group, t.label)) or t.excerpt or [q.text for q in t.quotes]
                topics.append({"group": g.group, "label": t.label, "notes": lines})
            pending = [f"{i.quote.sender}：{i.quote.text}" for i in [*g.complaints, *g.todos, *g.unanswered]
                       if i.status != "answered"]
            if pending:
                topics.append({"group": g.group, "label": tr("digest.todos", digest.language), "notes": pending[:10]})
        return {"scope": digest.scope, "period": digest.period, "member": digest.member or "",
                "facts": facts(digest), "topics": topics, "language": digest.language}

    def _model(self, digest: Digest, values: dict) -> Narrative:
        calls = 0
        if not self._fits(values):
            notes = {}
            for g in digest.groups:
                for t in g.topics:
                    notes[(g.group, t.label)] = [self._map(g, t.label, t.excerpt, digest.language)]
                    calls += 1
            values = self.values(digest, notes)
            while not self._fits(values) and values["topics"]:
                values["topics"] = values["topics"][:-1]  # the least busy topics go first
        text = self._ask(self.prompt, values)
        if not text:
            raise LLMError(tr("digest.error.model_empty", digest.language, model=self.chat.model_name))
        return Narrative(text, self.chat.model_name, calls=calls + 1)

    def _fits(self, values: dict) -> bool:
        used = self.counter.count(self.prompt.render("user", **values)) + PROMPT_OVERHEAD
        return used <= self.window - self.reserve_output

    def _map(self, g: GroupDigest, label: str, lines: list[str], language: str) -> str:
        room = max(256, self.window - self.reserve_output - PROMPT_OVERHEAD)
        kept, used = [], 0
        for line in lines:
            used += self.counter.count(line) + 2
            if used > room:
                break
            kept.append(line)
        values = {"group": g.group, "label": label, "lines": kept or lines[:1], "language": language}
        return self._ask(self.map_prompt, values) or label

    def _ask(self, prompt: PromptFile, values: dict) -> str:
        result = ChatResult()
        messages = [("system", prompt.render("system", **values)), ("user", prompt.render("user", **values))]
        return "".join(self.chat.stream(messages, result)).strip()


def facts(digest: Digest) -> list[str]:
    """The figure lines: one per group, then what waits for an admin, all counted by code."""
    lang = digest.language
    lines = [f"{digest.period} · {digest.scope}"]
    for g in digest.groups:
        lines.append(group_line(g, lang))
        pending = {
            tr("digest.unanswered", lang): g.open_questions,
            tr("digest.complaints", lang): len(g.complaints),
            tr("digest.todos", lang): sum(1 for i in g.todos if i.status != "answered"),
            tr("digest.risks", lang): len(g.risks),
        }
        shown = "，".join(f"{k} {v}" for k, v in pending.items() if v) if lang == "zh" \
            else ", ".join(f"{k} {v}" for k, v in pending.items() if v)
        if shown:
            lines.append(f"{g.group}：{shown}" if lang == "zh" else f"{g.group}: {shown}")
        if g.orders.known and g.orders.count:
            lines.append(f"{g.group}{colon(lang)}" + tr("digest.orders_line", lang, count=g.orders.count, buyers=g.orders.buyers,
                                             amount=f"{g.orders.amount:,.2f}", refunds=f"{g.orders.refunds:,.2f}"))
    return lines


def attention(digest: Digest) -> list[str]:
    """The offline summary: the group's line when there is one group (several have the overview),
    then what waits for an admin."""
    lines = facts(digest)[1:]
    overview = {group_line(g, digest.language) for g in digest.groups}
    return [line for line in lines if len(digest.groups) == 1 or line not in overview]
