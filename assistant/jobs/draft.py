"""Writing a draft: gather the job's context, render its prompt, stream from the LLM or compose
offline, then check the result for compliance before anyone pastes it into a group.

Regenerating takes the previous draft and the manager's feedback: the model revises; offline,
the template is re-run with the adjusted options and the feedback is noted, not pretended to.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..analytics import Analytics
from ..errors import InputError
from ..i18n import label, t
from ..llm import TokenCounter
from ..llm.model import OFFLINE, ChatModel, Response, respond
from ..safety.fence import defuse
from ..safety.markup import to_plain
from ..safety.pii import Masker
from ..prompts import load_prompt
from ..retrieval import Passage
from ..retrieval.loaders.decoding import decode_text
from .compliance import Problem, check
from .draft_specs import JOBS, DraftContext, JobSpec, adjust, rules_of

MAX_INPUT_CHARS = 20_000
_MAX_INPUT_BYTES = 4 * MAX_INPUT_CHARS  # GB18030/UTF-16 need at most 4 bytes a character


def read_input(path: Path, language: str = "zh") -> str:
    """The text of a file given as a draft's input, decoded the way documents are (UTF-8, GBK,
    UTF-16, with or without BOM); binary or oversized files are refused with a message."""
    try:
        with path.open("rb") as handle:
            data = handle.read(_MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise InputError(t("drafts.error.unreadable", language, path=path, error=exc.strerror)) from exc
    if len(data) > _MAX_INPUT_BYTES:
        raise InputError(t("drafts.error.input_too_big", language, name=path.name, limit=MAX_INPUT_CHARS))
    return decode_text(data, path.name, language)[0]


@dataclass
class DraftRequest:
    job: str
    text: str = ""
    fields: dict[str, str] = field(default_factory=dict)
    group: str | None = None
    feedback: str = ""
    previous: str = ""
    unmask: bool = False  # put masked personal data back into the final draft (the user asked for it)


@dataclass
class Draft:
    job: str
    label: str
    text: str
    mode: str
    sources: list[Passage]
    problems: list[Problem]
    context: dict
    notice: str | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0

    def to_dict(self) -> dict:
        return {
            "job": self.job, "draft": self.text, "mode": self.mode, "notice": self.notice,
            "warnings": [p.to_dict() for p in self.problems],
            "sources": [p.as_source() for p in self.sources],
            "context": {k: v for k, v in self.context.items() if k in ("reading", "parties", "amounts", "aliases", "limit", "group")},
            "tokens": {"prompt": self.prompt_tokens, "completion": self.completion_tokens},
        }

    def blocks(self) -> list[tuple[str, str]]:
        """What the copy buttons copy, as plain text: each reply variant of a complaint reply on its
        own (one is sent, not three), otherwise the whole draft. ``(title, text)`` pairs."""
        if self.job == "complaint":
            variants = _variants(self.text)
            if len(variants) >= 2:
                return variants
        return [(self.label, to_plain(self.text))]


_VARIANT = re.compile(r"^\s*(?:#{1,4}\s*)?\**\s*(?:回复)?(?:版本|Version|Reply)\s*[一二三四五1-5][^\n]*$", re.I | re.M)
_SECTION = re.compile(r"^\s*(?:#{1,4}\s|\*\*[^*\n]+\*\*\s*$|⚠️)", re.M)


def _variants(text: str) -> list[tuple[str, str]]:
    """The reply variants of a complaint reply: each heading's text up to the next heading."""
    heads = list(_VARIANT.finditer(text))
    out = []
    for n, head in enumerate(heads):
        end = heads[n + 1].start() if n + 1 < len(heads) else len(text)
        body = text[head.end():end]
        stop = _SECTION.search(body)
        body = body[: stop.start()] if stop else body
        if body.strip():
            out.append((to_plain(head.group(0)).strip(), to_plain(body)))
    return out


@dataclass
class DraftStream:
    """Iterate for the draft's pieces; ``draft`` is set once iteration has finished."""

    pieces: Iterable[str]
    finish: Callable[[], Draft] | None = None
    draft: Draft | None = None

    def __iter__(self) -> Iterator[str]:
        yield from self.pieces
        if self.finish is not None:
            self.draft = self.finish()


class DraftWriter:
    """Runs the drafting jobs with the collaborators the façade gives it. It holds nothing of one
    request: the masking maps travel with the request's :class:`Response` (every browser session
    shares the writer)."""

    def __init__(self, prompts_dir: Path, search: Callable[..., list[Passage]], analytics: Callable[[], Analytics | None],
                 chat: ChatModel, counter: TokenCounter, language: str = "zh") -> None:
        self.prompts_dir = prompts_dir
        self.search = search
        self.analytics = analytics
        self.chat = chat
        self.counter = counter
        self.language = language

    def stream(self, request: DraftRequest) -> DraftStream:
        spec = _spec(request.job, self.language)
        if spec.needs_text and not request.text.strip():
            raise InputError(t("drafts.error.needs_text", self.language, job=spec.label, text=spec.text_label)
                             if self.language == "zh" else
                             t("drafts.error.needs_text", self.language, job=label("job", spec.name, self.language),
                               text=label("draft_field", f"{spec.name}.text", self.language)))
        if len(request.text) > MAX_INPUT_CHARS:
            raise InputError(t("drafts.error.too_long", self.language, n=len(request.text), limit=MAX_INPUT_CHARS))
        fields = spec.complete(request.fields, self.language)
        adjusted = adjust(spec, fields, request.feedback) if self.chat.offline and request.previous else {}
        fields |= adjusted
        ctx = DraftContext(self.search, self.analytics(), request.group, Masker(language=self.language), self.language)
        passages, context = spec.gather(request.text, fields, ctx)
        values = {"request": defuse(request.text.strip()), "fields": fields,
                  "passages": [_passage(n, p) for n, p in enumerate(passages, 1)], "context": context,
                  "feedback": defuse(request.feedback.strip()), "previous": defuse(request.previous.strip()),
                  "language": self.language}
        prompt = load_prompt(self.prompts_dir, spec.prompt)
        messages = cache(lambda: [("system", prompt.render("system", **values)), ("user", prompt.render("user", **values))])
        response = respond(self.chat, messages, lambda: prompt.render("offline", **values),
                           t("drafts.offline_notice", self.language))
        made = _Made(spec, passages, fields, values, ctx.masker if request.unmask else None,
                     _offline_notice(spec, request, adjusted, self.language))
        return DraftStream(response, lambda: self._finish(made, response, messages))

    def _finish(self, made: _Made, response: Response, messages: Callable[[], list[tuple[str, str]]]) -> Draft:
        if response.offline:
            notice = "\n\n".join(n for n in (response.notice, made.offline_notice) if n) or None
            return made.draft(response.offline_text, OFFLINE, notice)
        draft = made.draft(response.text(), response.mode, None, response.masker)
        usage = response.usage()
        draft.prompt_tokens = usage.prompt_tokens or self.counter.count_messages(messages())
        draft.completion_tokens = usage.completion_tokens or self.counter.count(response.text())
        return draft


@dataclass
class _Made:
    """What one request gathered, to make its :class:`Draft` once the text is written."""

    spec: JobSpec
    passages: list[Passage]
    fields: dict
    values: dict
    unmasker: Masker | None  # the context's map, when the user asked for values put back
    offline_notice: str | None

    def draft(self, text: str, mode: str, notice: str | None, sent: Masker | None = None) -> Draft:
        if self.unmasker is not None:
            for masker in (sent, self.unmasker):
                text = masker.unmask(text) if masker is not None else text
        return Draft(self.spec.name, self.spec.label, text.strip(), mode, self.passages,
                     check(text, rules_of(self.fields), self.values["language"]), self.values["context"], notice)


def _offline_notice(spec: JobSpec, request: DraftRequest, adjusted: dict[str, str], language: str) -> str | None:
    """What an offline draft could not do with the request: shown beside the draft, never in it
    (and the feedback's own words never end up in the text someone pastes into a group)."""
    notes = []
    if request.previous:
        if adjusted:
            changes = t("tool.names", language).join(_change(spec, name, value, language) for name, value in adjusted.items())
            notes.append(t("drafts.offline.adjusted", language, changes=changes))
        else:
            notes.append(t("drafts.offline.feedback", language))
    if spec.name == "rules" and request.text.strip():
        notes.append(t("drafts.offline.rules_extra", language))
    return "\n\n".join(notes) or None


def _change(spec: JobSpec, name: str, value: str, language: str) -> str:
    """``语气→活泼``: a field and its new option as the drafts page names them (the specs are Chinese)."""
    if language == "zh":
        return f"{next(f.label for f in spec.fields if f.name == name)}→{value}"
    return f"{label('draft_field', f'{spec.name}.{name}', language)}→{label(name, value, language)}"


def _spec(name: str, language: str = "zh") -> JobSpec:
    if name not in JOBS:
        raise InputError(t("drafts.error.no_job", language, name=name, jobs=t("tool.names", language).join(JOBS)))
    return JOBS[name]


def _passage(n: int, p: Passage) -> dict:
    return {"n": n, "source": p.source, "title": p.title, "body": defuse(p.body)}
