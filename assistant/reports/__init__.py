"""The weekly report on demand: one group or all, the latest complete ISO week or a chosen one.

:func:`weekly_report` is what the :class:`~assistant.Assistant` exposes (its prompt and language
given by the composition root, ``assistant.app.root``): figures from the
analytics façade (``assemble``), next week's actions by rule from the playbooks (``actions``),
a summary paragraph from ``prompts/weekly_report.yaml`` written offline or by the chat model
(``narrative``), and :func:`export` to Markdown, HTML, XLSX or DOCX (``exports``). Nothing here
imports streamlit; the reports page and the ``report`` CLI are thin skins over these functions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import public

if TYPE_CHECKING:
    from .exports import FORMATS, Format, export, format_for
    from .model import Action, Kpi, Narrative, WeeklyReport
    from .weekly import weekly_report

__getattr__, __all__ = public(__name__, {
    "FORMATS": ".exports", "Format": ".exports", "export": ".exports", "format_for": ".exports",
    "Action": ".model", "Kpi": ".model", "Narrative": ".model", "WeeklyReport": ".model",
    "weekly_report": ".weekly",
})  # fmt: skip
