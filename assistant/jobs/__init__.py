"""Jobs: each gathers its context, renders its prompt file, and answers by LLM or offline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import names, public

if TYPE_CHECKING:
    from .answer import OFFLINE, Answer, AnswerJob, AnswerStream

__getattr__, __all__ = public(__name__, {
    **names(".answer", "OFFLINE", "Answer", "AnswerJob", "AnswerStream"),
})
