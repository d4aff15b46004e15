"""Group history: every export a community manager can get, in one canonical store.

    >>> from assistant.history import History
    >>> history = History(settings.history_db)
    >>> reports = history.import_files(["幸福里团购1群_utf8.csv"], tz="Asia/Shanghai")
    >>> history.stats("幸福里团购1群").groups[0].exits

See :mod:`assistant.history.migrations` for the schema the analytics query.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import names, public

if TYPE_CHECKING:
    from .errors import HistoryError
    from .facade import History
    from .report import ImportReport
    from .stats import GroupStats, GroupSummary, HistoryStats

__getattr__, __all__ = public(__name__, {
    **names(".errors", "HistoryError"),
    **names(".facade", "History"),
    **names(".report", "ImportReport"),
    **names(".stats", "GroupStats", "GroupSummary", "HistoryStats"),
})
