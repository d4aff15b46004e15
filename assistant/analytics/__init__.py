"""Analytics: community metrics, segments, risk flags and the churn explainer, from the history store.

Every number the assistant states comes from here, computed by SQL over the DuckDB history file
or by the pure rules beside it, and each result carries the query or table behind it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import public

if TYPE_CHECKING:
    from .workspace import Analytics

__getattr__, __all__ = public(__name__, {
    "Analytics": ".workspace",
})
