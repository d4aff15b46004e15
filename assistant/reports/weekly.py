"""The weekly report of a group and week, assembled: figures, next week's actions, the summary."""

from __future__ import annotations

from ..analytics import Analytics
from ..config import Settings
from ..conversations.topics import KnowledgeSearch
from ..llm import ChatModel
from ..prompts import load_prompt
from .actions import plan
from .assemble import assemble, choose_week
from .model import WeeklyReport
from .narrative import write_summary


def weekly_report(analytics: Analytics, chat: ChatModel, settings: Settings, group: str | None = None,
                  week: str | None = None, search: KnowledgeSearch | None = None) -> WeeklyReport:
    """The weekly report of ``group`` (every group when ``None``) for ISO ``week`` (default: the
    latest complete week), with its action list and summary paragraph; ``search`` (the knowledge
    base's) checks the week's recurring questions against the playbooks and FAQs."""
    report = assemble(analytics, choose_week(analytics, group, week), group, search)
    report.language = settings.language
    report.actions = plan(report)
    report.summary = write_summary(report, load_prompt(settings.prompts_dir, "weekly_report"), chat)
    return report
