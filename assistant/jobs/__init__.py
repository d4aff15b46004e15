"""Jobs: each gathers its context, renders its prompt file, and answers by LLM or offline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import public

if TYPE_CHECKING:
    from .answer import OFFLINE, Answer, AnswerJob, AnswerStream

__getattr__, __all__ = public(__name__, {
    "OFFLINE": ".answer",
    "Answer": ".answer",
    "AnswerJob": ".answer",
    "AnswerStream": ".answer",
})
