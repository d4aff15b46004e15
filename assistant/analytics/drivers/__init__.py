"""Candidate causes of a rise in exits, each tested against the baseline weeks.

Stable ids: ``spam_ads``, ``message_overload``, ``low_quality_influx``, ``unresolved_complaints``,
``admin_unresponsive``, ``promo_fatigue``, ``scam_incident``.
"""

from __future__ import annotations

from dataclasses import replace

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
    drivers = _silence_lead([d for d in found if isinstance(d, Driver) and d.score >= bar])
    return sorted(drivers, key=lambda d: d.score, reverse=True), [d for d in found if isinstance(d, NotJudged)]


def _silence_lead(drivers: list[Driver]) -> list[Driver]:
    """When both answer-based drivers qualify, the one with the stronger evidence of its own leads.

    Silent admins leave *every* question hanging; ignored complaints are complaints left while
    ordinary questions still get answered. So compare how far the share of unanswered ordinary
    questions rose over its baseline (``admin_unresponsive``) with how much more often complaints
    were left than ordinary questions this period (``unresolved_complaints``). Both stay named; the
    weaker one is ranked just below the other (their scores often both saturate at 1.0).
    """
    by_id = {d.id: d for d in drivers}
    silent, ignored = by_id.get("admin_unresponsive"), by_id.get("unresolved_complaints")
    if silent is None or ignored is None or ignored.numbers.get("unanswered_complaint_share") is None:
        return drivers
    questions_rise = silent.numbers["unanswered_share"] - silent.numbers["baseline_unanswered_share"]
    complaints_excess = ignored.numbers["unanswered_complaint_share"] - silent.numbers["unanswered_share"]
    lead, other = (silent, ignored) if questions_rise > complaints_excess else (ignored, silent)
    if other.score < lead.score:
        return drivers
    lowered = replace(other, score=round(max(lead.score - 0.001, 0.0), 3))
    return [lowered if d is other else d for d in drivers]


__all__ = ["DRIVER_IDS", "ChurnContext", "Driver", "Exit", "NotJudged", "test_all"]
