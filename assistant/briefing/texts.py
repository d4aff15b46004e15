"""Number formats of the briefing; its words live in the one catalogue, ``assistant.i18n``.

``tr`` is kept as the briefing's name for :func:`assistant.i18n.t`.
"""

from __future__ import annotations

from ..i18n import t as tr

__all__ = ["number", "percent", "tr"]


def number(value: float, language: str = "zh") -> str:
    """A count or an average as an operator reads it: 1,234 / 12.5."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def percent(change: float | None) -> str:
    return "" if change is None else f"{change:+.0%}"
