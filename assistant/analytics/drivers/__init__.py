"""Candidate causes of a rise in exits, each tested against the baseline weeks.

Stable ids: ``spam_ads``, ``message_overload``, ``low_quality_influx``, ``unresolved_complaints``,
``admin_unresponsive``, ``promo_fatigue``, ``scam_incident``.
"""

from __future__ import annotations

import duckdb

from .activity_signals import admin_unresponsive, message_overload
from .base import QUIET_SCORE, REPORT_SCORE, ChurnContext, Driver, Exit, NotJudged
from .cohort import low_quality_influx
from .text_signals import promo_fatigue, scam_incident, spam_ads, unresolved_complaints

DRIVER_IDS = ("spam_ads", "message_overload", "low_quality_influx", "unresolved_complaints",
              "admin_unresponsive", "promo_fatigue", "scam_incident")


def test_all(ctx: ChurnContext, significant: bool,
             con: duckdb.DuckDBPyConnection) -> tuple[list[Driver], list[NotJudged]]:
    """The drivers that stand out, strongest first (empty when nothing does), and those that could
    not be judged, with the reason (never skipped silently)."""
    found = [
        spam_ads(ctx, significant), message_overload(ctx, significant), low_quality_influx(ctx, significant, con),
        unresolved_complaints(ctx, significant), admin_unresponsive(ctx, significant),
        promo_fatigue(ctx, significant), scam_incident(ctx, significant),
    ]
    # Without an unusual rise a driver is named only when the exits clearly followed it (score 0.8:
    # an unusual signal *and* at least half the exits after it); a rise lowers the bar to 0.5.
    bar = REPORT_SCORE if significant else QUIET_SCORE
    drivers = [d for d in found if isinstance(d, Driver) and d.score >= bar]
    return sorted(drivers, key=lambda d: d.score, reverse=True), [d for d in found if isinstance(d, NotJudged)]


__all__ = ["DRIVER_IDS", "ChurnContext", "Driver", "Exit", "NotJudged", "test_all"]
