"""Jobs: each gathers its context, renders its prompt file, and answers by LLM or offline."""

from .answer import OFFLINE, Answer, AnswerJob, AnswerStream

__all__ = ["OFFLINE", "Answer", "AnswerJob", "AnswerStream"]
