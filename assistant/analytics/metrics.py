"""The community metrics of a period, each with the previous period, the delta and a health status.

Definitions (the same as ``knowledge/05-metrics.md``):

* 退群率 ``exit_rate`` = exits ÷ members at period start (health judged per week);
* 活跃度 ``activity_rate`` = speakers that day ÷ members that day, averaged over the period's days;
* 转化率 ``conversion_rate`` = orders ÷ members at start, ``buyer_rate`` = buyers ÷ members at start
  (orders exported from 快团团 and the like, and the lines of 接龙 lists, see ``history/solitaire_orders.py``);
* 新人激活 ``activation_rate`` = joiners who spoke within 7 days ÷ joiners whose 7th day fell in the period;
* 留存 ``retention_7d`` / ``retention_30d`` = of the joiners whose day 7 (30) fell in the period, those
  still in the group then (so the latest week reports on the cohorts that can already be judged);
* 首次响应 ``first_response_minutes`` = median minutes from a member's question to the next admin message.

A metric the data cannot support is reported as such, with the reason, and no value.
"""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass, field

import duckdb

from . import content
from ..i18n import t
from ..i18n.labels import ALL_GROUPS, label, relabel
from .groups import select_groups
from .health import INFO, UNSUPPORTED, message_volume_status, status_of
from .periods import Period
from .population import load_spans
from .window import Window, measure

KEYS = ("members_start", "members_end", "joins", "exits", "exit_rate", "net_growth", "activity_rate", "messages_per_day",
        "conversion_rate", "buyer_rate", "gmv", "refund_rate", "activation_rate", "retention_7d", "retention_30d",
        "first_response_minutes", "unanswered_questions", "content_mix", "reach_rate")
RATES = {"exit_rate", "activity_rate", "conversion_rate", "buyer_rate", "refund_rate", "activation_rate",
         "retention_7d", "retention_30d"}


@dataclass(frozen=True)
class Metric:
    key: str
    value: float | None
    previous: float | None
    status: str
    note: str = ""
    breakdown: dict = field(default_factory=dict)
    language: str = "zh"  # of the label and the note; not part of :meth:`to_dict`

    @property
    def label(self) -> str:
        return label("metric", self.key, self.language)

    @property
    def delta(self) -> float | None:
        return None if self.value is None or self.previous is None else self.value - self.previous

    def to_dict(self) -> dict:
        fields = {k: v for k, v in asdict(self).items() if k != "language"}
        if self.key == "content_mix" and self.language != "zh":  # its kinds are keyed by their Chinese labels
            fields["breakdown_label"] = {kind: relabel("content", kind, self.language) for kind in self.breakdown}
        return {**fields, "label": self.label, "delta": self.delta, "unit": "ratio" if self.key in RATES else "number"}


@dataclass(frozen=True)
class MetricsReport:
    """The metrics of one group (or of all groups together) for one period."""

    group: str
    period: Period
    previous: Period
    metrics: list[Metric]

    def get(self, key: str) -> Metric:
        return next(m for m in self.metrics if m.key == key)

    def to_dict(self) -> dict:
        return {"group": self.group, "period": self.period.label, "previous_period": self.previous.label,
                "metrics": {m.key: m.to_dict() for m in self.metrics}}


def compute(con: duckdb.DuckDBPyConnection, period: Period, group: str | None = None,
            language: str = "zh") -> list[MetricsReport]:
    """Reports for each selected group, plus one for all groups together when there are several
    (labels and notes in ``language``)."""
    groups = select_groups(con, group)
    current, previous = {}, {}
    for g in groups:
        spans = load_spans(con, g.id)
        current[g.name] = measure(con, g, period, spans)
        previous[g.name] = measure(con, g, period.previous(), spans)
    reports = [report(g.name, period, current[g.name], previous[g.name], language) for g in groups]
    if len(groups) > 1:
        reports.append(report(ALL_GROUPS, period, sum(current.values(), Window()), sum(previous.values(), Window()),
                              language))
    return reports


def report(name: str, period: Period, now: Window, before: Window, language: str = "zh") -> MetricsReport:
    return MetricsReport(name, period, period.previous(), [_metric(key, period, now, before, language) for key in KEYS])


def _metric(key: str, period: Period, now: Window, before: Window, language: str) -> Metric:
    value, previous = _value(key, now), _value(key, before)
    missing = _missing(key, now)
    if missing:
        return Metric(key, None, None, UNSUPPORTED, t(f"metric.note.{missing}", language), language=language)
    return Metric(key, value, previous, _status(key, value, period, now), _note(key, now, language), _breakdown(key, now),
                  language)


def _missing(key: str, now: Window) -> str:
    """Why the data cannot support the metric (a note key), or ``""``."""
    if key == "reach_rate":
        return "reach"
    if key in ("exit_rate", "exits") and not now.exits_visible:
        return "exits_unseen"
    if key in ("conversion_rate", "buyer_rate", "gmv", "refund_rate") and not now.orders_known:
        return "no_orders"
    if key in ("first_response_minutes", "unanswered_questions") and not now.admins_known:
        return "no_admins"
    return ""


def _value(key: str, w: Window) -> float | None:
    def ratio(a: float, b: float) -> float | None:
        return a / b if b else None

    values = {
        "members_start": w.members_start, "members_end": w.members_end,
        "joins": sum(w.joins.values()), "exits": sum(w.exits.values()),
        "exit_rate": ratio(sum(w.exits.values()), w.members_start),
        "net_growth": w.members_end - w.members_start,
        "activity_rate": ratio(w.speaker_days, w.day_count),
        "messages_per_day": ratio(w.messages, w.days),
        "conversion_rate": ratio(w.orders, w.members_start), "buyer_rate": ratio(w.buyers, w.members_start),
        "gmv": w.gmv, "refund_rate": ratio(w.refunds, w.gmv),
        "activation_rate": ratio(w.activated, w.activation_eligible),
        "retention_7d": ratio(w.retained[7], w.retention_eligible[7]),
        "retention_30d": ratio(w.retained[30], w.retention_eligible[30]),
        "first_response_minutes": statistics.median(w.response_minutes) if w.response_minutes else None,
        "unanswered_questions": w.unanswered, "content_mix": None, "reach_rate": None,
    }
    return values[key]


def _status(key: str, value: float | None, period: Period, w: Window) -> str:
    if key == "exit_rate" and value is not None:
        return status_of(key, value * 7 / period.days)  # thresholds are weekly
    if key == "messages_per_day":
        return message_volume_status(value, w.members_end)
    if key == "content_mix":
        return INFO
    return status_of(key, value)


def _note(key: str, w: Window, language: str) -> str:
    if key == "exits" and w.exits.get("inferred"):
        return t("metric.note.inferred_exits", language)
    if key in ("conversion_rate", "buyer_rate", "gmv") and w.solitaire_orders:
        return _solitaire_note(key, w, language)
    if key == "content_mix":
        return t("metric.note.mix_admins" if w.content_basis == "admins" else "metric.note.mix_all", language)
    if key == "activation_rate":
        return t("metric.note.cohort", language, days=7)
    if key.startswith("retention_"):
        return t("metric.note.cohort", language, days=key[10:-1])
    return ""


def _solitaire_note(key: str, w: Window, language: str) -> str:
    share = (t("metric.note.solitaire_all", language) if w.solitaire_orders == w.orders
             else t("metric.note.solitaire_some", language, n=w.solitaire_orders, total=w.orders))
    note = t("metric.note.solitaire", language, share=share)
    return note + (t("metric.note.solitaire_gmv", language) if key == "gmv" else "")


def _breakdown(key: str, w: Window) -> dict:
    if key == "joins":
        return dict(w.joins)
    if key == "exits":
        return dict(w.exits)
    if key == "content_mix":
        total = sum(w.content_mix.values()) or 1
        return {content.LABELS[k]: round(v / total, 4) for k, v in w.content_mix.most_common()}
    if key == "unanswered_questions":
        return {"questions": w.questions, "answered": w.answered}
    return {}
