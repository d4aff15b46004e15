"""The weekly report on demand: one group or all, the latest complete ISO week or a chosen one.

:func:`weekly_report` is what the :class:`~assistant.Assistant` exposes: figures from the
analytics façade (``assemble``), next week's actions by rule from the playbooks (``actions``),
a summary paragraph from ``prompts/weekly_report.yaml`` written offline or by the chat model
(``narrative``), and :func:`export` to Markdown, HTML, XLSX or DOCX (``exports``). Nothing here
imports streamlit; the reports page and the ``report`` CLI are thin skins over these functions.
"""

from __future__ import annotations

from ..analytics import Analytics
from ..config import Settings
from ..conversations.topics import KnowledgeSearch
from ..llm import ChatClient
from ..prompts import load_prompt
from .actions import plan
from .assemble import assemble, choose_week
from .exports import FORMATS, Format, export, format_for
from .model import Action, Kpi, Narrative, WeeklyReport
from .narrative import write_summary


def weekly_report(analytics: Analytics, chat: ChatClient | None, settings: Settings, group: str | None = None,
                  week: str | None = None, search: KnowledgeSearch | None = None) -> WeeklyReport:
    """The weekly report of ``group`` (every group when ``None``) for ISO ``week`` (default: the
    latest complete week), with its action list and summary paragraph; ``search`` (the knowledge
    base's) checks the week's recurring questions against the playbooks and FAQs."""
    report = assemble(analytics, choose_week(analytics, group, week), group, search)
    report.actions = plan(report)
    report.summary = write_summary(report, load_prompt(settings.prompts_dir, "weekly_report"), chat)
    return report


__all__ = ["FORMATS", "Action", "Format", "Kpi", "Narrative", "WeeklyReport", "export", "format_for", "weekly_report"]
