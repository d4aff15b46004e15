"""Metrics plus churn explanation over 1,000,000 messages in 20 groups.

Run from the repository root:  .venv/bin/python -m benchmarks.analytics_speed [--messages N] [--json]

Builds a history file directly in SQL (20 groups × 500 members, ten weeks, steady joins and
exits, chatter with some questions, admin answers and orders), then times what the dashboard and
the CLI do after an import: ``metrics`` for the latest week of every group plus all groups, and
``churn`` for all groups. Target: ≤ 5 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import duckdb

from assistant.analytics import Analytics
from assistant.history import migrations

from .measure import Figure, peak_rss_mb, run_benchmark, say

GROUPS, MEMBERS, WEEKS = 20, 500, 10
START = "2026-01-05 00:00:00+08"

BUILD = """
INSERT INTO groups SELECT g, '群' || g, 'wecom', NULL, NULL, 'Asia/Shanghai', now() FROM range(1, $groups + 1) t(g);
INSERT INTO membership_spans
SELECT g, 'm' || m, NULL,
       CASE WHEN m < 400 THEN NULL ELSE TIMESTAMPTZ '{start}' + to_seconds((m - 400) * 60 * 60 * 16) END,
       CASE WHEN m < 400 THEN 'snapshot' ELSE 'join' END,
       CASE WHEN m % 11 = 0 THEN TIMESTAMPTZ '{start}' + to_seconds((m * 104729 + g * 7919) % (70 * 86400)) END,
       CASE WHEN m % 11 = 0 THEN TIMESTAMPTZ '{start}' + to_seconds((m * 104729 + g * 7919) % (70 * 86400)) END,
       CASE WHEN m % 11 = 0 THEN 'leave' END, CASE WHEN m % 11 = 0 THEN false END
FROM range(1, $groups + 1) t(g), range(0, $members) u(m);
INSERT INTO member_roles SELECT g, 'm1', 'admin', NULL FROM range(1, $groups + 1) t(g);
INSERT INTO messages
SELECT 1 + (i % $groups), 'k' || i, 'k' || i,
       TIMESTAMPTZ '{start}' + to_seconds((i * 7919) % (70 * 86400)),
       'm' || ((i * 31) % 400), 'm' || ((i * 31) % 400), 1.0, false, 'text',
       CASE WHEN i % 50 = 0 THEN '请问今天几点截单？' WHEN i % 97 = 0 THEN '新品上新：脐橙39元一箱包邮'
            WHEN i % 997 = 0 AND (i * 7919) % (70 * 86400) > 63 * 86400 THEN '兼职日赚300，加我vx: abc12345'
            ELSE '今天的橙子很甜' END,
       NULL, NULL, 1
FROM range($messages) t(i);
INSERT INTO orders (group_id, order_key, order_no, buyer_id, buyer_name, buyer_phone, buyer_confidence, paid_at,
                    items, amount, refund, status, status_raw, import_id)
SELECT 1 + (i % $groups), 'o' || i, 'o' || i, 'm' || (i % 400), NULL, NULL, 1.0,
       TIMESTAMPTZ '{start}' + to_seconds((i * 104729) % (70 * 86400)), '橙子', 39.0, 0.0, 'paid', '已支付', 1
FROM range($messages // 50) t(i);
"""


def build(path: Path, messages: int) -> None:
    con = duckdb.connect(str(path))
    con.execute("SET TimeZone = 'UTC'")
    migrations.apply(con)
    values = {"groups": GROUPS, "members": MEMBERS, "messages": messages}
    for statement in filter(str.strip, BUILD.format(start=START).split(";")):
        con.execute(statement, {k: v for k, v in values.items() if f"${k}" in statement})
    con.close()


def measure(args: argparse.Namespace) -> list[Figure]:
    name = f"Metrics + churn ({args.messages:,} msgs, {GROUPS} groups)"
    path = Path(tempfile.mkdtemp()) / "history.duckdb"
    started = time.perf_counter()
    build(path, args.messages)
    say(f"built {args.messages:,} messages in {GROUPS} groups in {time.perf_counter() - started:.1f} s")
    analytics = Analytics(path)
    t0 = time.perf_counter()
    period = analytics.latest_week()
    reports = analytics.metrics(period)
    t1 = time.perf_counter()
    report = analytics.churn(period)
    t2 = time.perf_counter()
    say(f"period {period.label}: {len(reports)} metric reports, churn with {report.exits} exits, {len(report.drivers)} drivers")
    return [
        Figure(name, "metrics + churn explanation", t2 - t0, "s", at_most=5.0,
               note=f"metrics {t1 - t0:.2f} s ({len(reports)} reports) + churn {t2 - t1:.2f} s"),
        Figure(name, "peak memory (RSS)", peak_rss_mb(), "MB"),
    ]


def main() -> None:
    run_benchmark(__doc__.splitlines()[0], lambda p: p.add_argument("--messages", type=int, default=1_000_000), measure)


if __name__ == "__main__":
    main()
