"""Chat conversations as use cases: list, open, rename, delete, ask within one, regenerate, rate.

The front ends pass the account on every call (the Streamlit app shares one :class:`Chats` among
all browser sessions, so nothing of a request is kept here). An account sees and changes only its
own conversations; ``owner=None`` is the CLI on the machine itself, which may open any.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from ..chats import ChatStore, Conversation, Turn
from ..chats.texts import chat_text
from ..errors import InputError
from ..jobs import Answer, AnswerStream
from ..safety.cells import csv_text
from ..safety.markup import to_plain

TITLE_CHARS = 40
LOCAL = "local"  # the owner without accounts (the app's viewer on this machine, and the CLI)
RATINGS = ("up", "down")


class Asker(Protocol):
    def stream(self, question: str, history: Sequence[tuple[str, str]] = ()) -> AnswerStream: ...


@dataclass
class Reply:
    """A streamed answer inside a conversation: iterate for text; when iteration ends (finished or
    stopped), the answer is saved and ``turn`` is set. :meth:`stop` saves what has arrived so far
    (the page calls it when Streamlit interrupts the run)."""

    chats: Chats
    conv_id: str
    stream: AnswerStream
    text: str = ""
    turn: Turn | None = None

    def __iter__(self) -> Iterator[str]:
        for piece in self.stream:
            self.text += piece
            yield piece
        answer = self.stream.answer
        assert answer is not None
        self.turn = self.chats.save_answer(self.conv_id, answer)

    def stop(self) -> Turn | None:
        """Keep the part shown so far as a stopped answer (nothing, if nothing arrived or done)."""
        if self.turn is None and self.text.strip():
            self.turn = self.chats.save_partial(self.conv_id, self.text)
        return self.turn


class Chats:
    """The saved conversations of one workspace."""

    def __init__(self, store: ChatStore, asker: Asker, language: str = "zh") -> None:
        self.store = store
        self.asker = asker
        self.language = language

    def list(self, owner: str | None, search: str = "") -> list[Conversation]:
        return self.store.listing(owner, search)

    def start(self, owner: str, title: str = "") -> Conversation:
        return self.store.create(owner, _title(title))

    def open(self, owner: str | None, conv_id: str) -> Conversation:
        conv = self.store.find(conv_id.strip(), owner)
        if conv is None:
            raise InputError(chat_text("error.not_found", self.language, id=conv_id))
        return conv

    def rename(self, owner: str | None, conv_id: str, title: str) -> None:
        self.open(owner, conv_id)
        if not title.strip():
            raise InputError(chat_text("error.empty_title", self.language))
        self.store.rename(conv_id, _title(title))

    def delete(self, owner: str | None, conv_id: str) -> None:
        self.open(owner, conv_id)
        self.store.delete(conv_id)

    def ask(self, owner: str | None, conv_id: str | None, question: str) -> Reply:
        """Save ``question`` in the conversation (a new one when ``conv_id`` is ``None``) and start
        its answer, given the turns before. A question the assistant refuses saves nothing."""
        conv = self.open(owner, conv_id) if conv_id else None
        stream = self.asker.stream(question, _history(conv.turns) if conv else [])
        if conv is None:
            conv = self.start(owner or LOCAL)
        self.store.add_turn(conv.conv_id, "user", question.strip())
        if not conv.title:
            self.store.rename(conv.conv_id, _title(question))
        return Reply(self, conv.conv_id, stream)

    def regenerate(self, owner: str | None, conv_id: str) -> Reply:
        """Answer the last question again, replacing the answer given to it."""
        conv = self.open(owner, conv_id)
        turns = list(conv.turns)
        while turns and turns[-1].role == "assistant":
            self.store.delete_turn(turns.pop().turn_id)
        if not turns:
            raise InputError(chat_text("error.nothing_to_regenerate", self.language))
        question = turns[-1].content
        return Reply(self, conv_id, self.asker.stream(question, _history(turns[:-1])))

    def save_answer(self, conv_id: str, answer: Answer) -> Turn:
        meta = {"mode": answer.mode, "route": answer.route, "tools": answer.tools, "evidence": answer.evidence,
                "sources": [{**p.as_source(), "body": p.body} for p in answer.sources], "notice": answer.notice,
                "found": answer.found, "followup_of": answer.followup_of,
                "tokens": {"prompt": answer.prompt_tokens, "completion": answer.completion_tokens}}
        turn_id = self.store.add_turn(conv_id, "assistant", answer.text, meta)
        return Turn(turn_id, "assistant", answer.text, meta)

    def save_partial(self, conv_id: str, text: str) -> Turn:
        turn_id = self.store.add_turn(conv_id, "assistant", text, {}, stopped=True)
        return Turn(turn_id, "assistant", text, {}, stopped=True)

    def rate(self, owner: str | None, turn_id: int, rating: str | None, note: str = "") -> None:
        """👍 (``up``) or 👎 (``down``) on an answer, with an optional note; ``None`` takes it back."""
        if rating is not None and rating not in RATINGS:
            raise InputError(chat_text("error.rating", self.language))
        found = self.store.turn_owner(turn_id)
        if found is None or (owner is not None and found[1] != owner):
            raise InputError(chat_text("error.not_found", self.language, id=str(turn_id)))
        self.store.rate(turn_id, owner or found[1], rating, note.strip())

    def ratings(self, owner: str | None) -> list[dict]:
        """The rated answers (``owner=None``: everyone's), oldest first."""
        return self.store.ratings(owner)

    def ratings_csv(self, owner: str | None) -> str:
        """The rated answers as CSV (Excel-ready, every cell safe from formula injection);
        ``owner=None``: everyone's (admins and the CLI)."""
        lang = self.language
        header = [chat_text(f"csv.{name}", lang) for name in
                  ("at", "account", "conversation", "title", "question", "answer", "rating", "note", "sources")]
        rows = [[r["at"], r["owner"], r["conv_id"], r["title"], r["question"] or "", to_plain(r["answer"]),
                 chat_text(f"rating.{r['rating']}", lang), r["note"], _sources(r["meta"])]
                for r in self.store.ratings(owner)]
        return csv_text([header, *rows])


def _sources(meta: str) -> str:
    sources = json.loads(meta or "{}").get("sources") or []
    return "；".join(f"{s.get('source', '')} › {s.get('title', '')}" for s in sources)


def _history(turns: Sequence[Turn]) -> list[tuple[str, str]]:
    return [(t.role, t.content) for t in turns if t.content.strip()]


def _title(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= TITLE_CHARS else line[: TITLE_CHARS - 1] + "…"
