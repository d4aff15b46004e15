"""The weekly report of a group and week, assembled: figures, next week's actions, the summary."""

from __future__ import annotations

from ..analytics import Analytics
from ..conversations.topics import KnowledgeSearch
from ..llm import ChatModel
from ..prompts import PromptFile
from .actions import plan
from .assemble import assemble, choose_week
from .model import WeeklyReport
from .narrative import write_summary


def weekly_report(analytics: Analytics, chat: ChatModel, prompt: PromptFile, language: str = "zh",
                  group: str | None = None, week: str | None = None,
                  search: KnowledgeSearch | None = None) -> WeeklyReport:
    """The weekly report of ``group`` (every group when ``None``) for ISO ``week`` (default: the
    latest complete week), with its action list and a summary paragraph written with ``prompt``
    (``prompts/weekly_report.yaml``); ``search`` (the knowledge base's) checks the week's recurring
    questions against the playbooks and FAQs. The composition root supplies all of them."""
    report = assemble(analytics, choose_week(analytics, group, week, language), group, search, language)
    report.language = language
    report.actions = plan(report)
    report.summary = write_summary(report, prompt, chat)
    return report
