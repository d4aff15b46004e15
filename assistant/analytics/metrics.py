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
from ..i18n.labels import ALL_GROUPS
from .groups import select_groups
from .health import INFO, UNSUPPORTED, message_volume_status, status_of
from .periods import Period
from .population import load_spans
from .window import Window, measure

LABELS = {
    "members_start": "期初人数", "members_end": "期末人数", "joins": "入群", "exits": "退群", "exit_rate": "退群率",
    "net_growth": "净增长", "activity_rate": "活跃度", "messages_per_day": "日均消息", "conversion_rate": "转化率",
    "buyer_rate": "购买人数占比", "gmv": "成交额(GMV)", "refund_rate": "退款率", "activation_rate": "新人激活率",
    "retention_7d": "7日留存", "retention_30d": "30日留存", "first_response_minutes": "首次响应(分钟)",
    "unanswered_questions": "未回复提问", "content_mix": "内容构成", "reach_rate": "消息触达率",
}
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

    @property
    def label(self) -> str:
        return LABELS[self.key]

    @property
    def delta(self) -> float | None:
        return None if self.value is None or self.previous is None else self.value - self.previous

    def to_dict(self) -> dict:
        return {**asdict(self), "label": self.label, "delta": self.delta, "unit": "ratio" if self.key in RATES else "number"}


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


def compute(con: duckdb.DuckDBPyConnection, period: Period, group: str | None = None) -> list[MetricsReport]:
    """Reports for each selected group, plus one for all groups together when there are several."""
    groups = select_groups(con, group)
    current, previous = {}, {}
    for g in groups:
        spans = load_spans(con, g.id)
        current[g.name] = measure(con, g, period, spans)
        previous[g.name] = measure(con, g, period.previous(), spans)
    reports = [report(g.name, period, current[g.name], previous[g.name]) for g in groups]
    if len(groups) > 1:
        reports.append(report(ALL_GROUPS, period, sum(current.values(), Window()), sum(previous.values(), Window())))
    return reports


def report(name: str, period: Period, now: Window, before: Window) -> MetricsReport:
    return MetricsReport(name, period, period.previous(), [_metric(key, period, now, before) for key in LABELS])


def _metric(key: str, period: Period, now: Window, before: Window) -> Metric:
    value, previous = _value(key, now), _value(key, before)
    if key == "reach_rate":
        return Metric(key, None, None, UNSUPPORTED, "聊天记录导出不含阅读和屏蔽数据，无法计算消息触达率。")
    if key in ("exit_rate", "exits") and not now.exits_visible:
        return Metric(key, None, None, UNSUPPORTED, "该平台不记录主动退群；请定期导入成员名单快照（至少两次）以推算退群。")
    if key in ("conversion_rate", "buyer_rate", "gmv", "refund_rate") and not now.orders_known:
        return Metric(key, None, None, UNSUPPORTED, "没有订单数据（快团团等导出，或群里的接龙），无法计算转化与成交。")
    if key in ("first_response_minutes", "unanswered_questions") and not now.admins_known:
        return Metric(key, None, None, UNSUPPORTED, "不知道谁是群主或管理员：导入含角色的成员名单，或由群主账号导出聊天记录。")
    return Metric(key, value, previous, _status(key, value, period, now), _note(key, now), _breakdown(key, now))


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


def _note(key: str, w: Window) -> str:
    if key == "exits" and w.exits.get("inferred"):
        return "部分退群由成员快照对比推断，时间只确定在两次快照之间。"
    if key in ("conversion_rate", "buyer_rate", "gmv") and w.solitaire_orders:
        return _solitaire_note(key, w)
    if key == "content_mix":
        return "按管理员发布的消息统计。" if w.content_basis == "admins" else "未识别出管理员，按全部消息统计。"
    if key == "activation_rate":
        return "统计入群满 7 天落在本期的新人。"
    if key.startswith("retention_"):
        return f"统计入群满 {key[10:-1]} 天落在本期的新人。"
    return ""


def _solitaire_note(key: str, w: Window) -> str:
    share = "全部" if w.solitaire_orders == w.orders else f"{w.solitaire_orders} / {w.orders} 笔"
    note = f"订单{share}读自群接龙（每行一单，未见付款）。"
    return note + ("接龙未标单价的行不计金额。" if key == "gmv" else "")


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


