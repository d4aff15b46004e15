"""Member segments: lifecycle stage and value tier, as lists an operator can act on.

Lifecycle follows ``knowledge/06-member-layering.md``: 新用户 (in the group 7 days or less),
活跃 (spoke in the last 30 days), 核心 (more than 90 days in the group and still active), 沉默
(nothing in the last 30 days). 流失预警 marks active members who have gone quiet for 3+ days after
being regular (3 or more messages in the 14 days before). Value tiers count orders in the last
30 days: 高价值 3+, 成长 2, 普通 1, 沉睡 none and silent for 30 days.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import duckdb

from ..i18n import label, t
from ..safety.cells import csv_text
from .groups import Group, data_end, select_groups
from .population import instant, load_spans

NEW, ACTIVE, CORE, SILENT = "新用户", "活跃", "核心", "沉默"
HIGH, GROWTH, REGULAR, DORMANT, NONE = "高价值", "成长", "普通", "沉睡", "未购买"
STAGES = (NEW, ACTIVE, CORE, SILENT)
TIERS = (HIGH, GROWTH, REGULAR, NONE, DORMANT)

ACTIVITY_SQL = """
SELECT sender_id, epoch_us(max(sent_at)),
       count(*) FILTER (WHERE sent_at >= $d30),
       count(*) FILTER (WHERE sent_at >= $d17 AND sent_at < $d3)
FROM messages WHERE group_id = $g AND sender_id IS NOT NULL GROUP BY sender_id
"""
ORDERS_SQL = """
SELECT buyer_id, count(*) FROM orders
WHERE group_id = $g AND paid_at >= $d30 AND coalesce(status, '') <> 'cancelled' GROUP BY buyer_id
"""


@dataclass(frozen=True)
class MemberSegment:
    group: str
    member_id: str
    name: str
    stage: str
    tier: str
    churn_risk: bool
    days_in_group: int | None
    last_message: str | None
    messages_30d: int
    orders_30d: int


def segment(con: duckdb.DuckDBPyConnection, group: str | None = None) -> list[MemberSegment]:
    """Every current member of the selected groups with stage, tier and churn-risk flag."""
    rows: list[MemberSegment] = []
    for g in select_groups(con, group):
        as_of = data_end(con, g.id)
        if as_of is not None:
            rows += _group_segments(con, g, as_of)
    return rows


def summary(rows: list[MemberSegment]) -> dict[str, dict[str, int]]:
    """Counts per stage, per tier and of churn risks."""
    return {
        "stage": {s: sum(r.stage == s for r in rows) for s in STAGES},
        "tier": {t: sum(r.tier == t for r in rows) for t in TIERS},
        "churn_risk": {"流失预警": sum(r.churn_risk for r in rows)},
    }


CSV_COLUMNS = ("group", "member_id", "name", "stage", "tier", "churn_risk", "days", "last_message", "messages_30d",
               "orders_30d")


def to_csv(rows: list[MemberSegment], language: str = "zh") -> str:
    """CSV (UTF-8 with BOM, for Excel) with spreadsheet formulas neutralised; headers, stages and
    tiers in ``language``."""
    header = [t(f"segments.csv.{column}", language) for column in CSV_COLUMNS]
    yes = t("segments.csv.yes", language)
    return csv_text([header, *([r.group, r.member_id, r.name, label("stage", r.stage, language),
                                label("stage", r.tier, language), yes if r.churn_risk else "", r.days_in_group,
                                r.last_message, r.messages_30d, r.orders_30d] for r in rows)])


def _group_segments(con: duckdb.DuckDBPyConnection, g: Group, as_of: datetime) -> list[MemberSegment]:
    params = {"g": g.id, "d30": as_of - timedelta(days=30), "d17": as_of - timedelta(days=17), "d3": as_of - timedelta(days=3)}
    activity = {m: (instant(last), n30, prior) for m, last, n30, prior in con.execute(ACTIVITY_SQL, params).fetchall()}
    orders = Counter(dict(con.execute(ORDERS_SQL, {"g": g.id, "d30": params["d30"]}).fetchall()))
    names = dict(con.execute("SELECT member_id, display_name FROM members WHERE group_id = ?", [g.id]).fetchall())
    rows = []
    for span in load_spans(con, g.id):
        if not span.member_at(as_of):
            continue
        last, n30, prior = activity.get(span.member_id, (None, 0, 0))
        days = (as_of - span.started_at).days if span.joined and span.started_at else None
        stage = _stage(days, n30)
        risk = stage != NEW and prior >= 3 and last is not None and as_of - last >= timedelta(days=3)
        count = orders.get(span.member_id, 0)
        rows.append(MemberSegment(
            g.name, span.member_id, names.get(span.member_id) or span.member_id, stage, _tier(count, n30), risk, days,
            last.astimezone(ZoneInfo(g.tz)).strftime("%Y-%m-%d") if last else None, n30, count))
    return rows


def _stage(days: int | None, messages_30d: int) -> str:
    if days is not None and days <= 7:
        return NEW
    if messages_30d == 0:
        return SILENT
    return CORE if days is None or days > 90 else ACTIVE


def _tier(orders_30d: int, messages_30d: int) -> str:
    if orders_30d >= 3:
        return HIGH
    if orders_30d == 2:
        return GROWTH
    if orders_30d == 1:
        return REGULAR
    return DORMANT if messages_30d == 0 else NONE


def as_dicts(rows: list[MemberSegment]) -> list[dict]:
    return [asdict(r) for r in rows]
