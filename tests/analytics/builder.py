"""A tiny history database written row by row, for analytics tests with hand-computed answers."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import duckdb

from assistant.history import migrations

TZ = ZoneInfo("Asia/Shanghai")
_keys = itertools.count()


def at(day: str, hour: int = 12, minute: int = 0) -> datetime:
    """A local Shanghai time on ``day`` (YYYY-MM-DD)."""
    return datetime.fromisoformat(day).replace(hour=hour, minute=minute, tzinfo=TZ)


class HistoryBuilder:
    def __init__(self, path) -> None:  # noqa: ANN001
        self.con = duckdb.connect(str(path))
        self.con.execute("SET TimeZone = 'UTC'")
        migrations.apply(self.con)

    def group(self, name: str, platform: str = "wecom", group_id: int = 1) -> int:
        self.con.execute("INSERT INTO groups VALUES (?, ?, ?, NULL, NULL, 'Asia/Shanghai', now())", [group_id, name, platform])
        return group_id

    def members_before(self, group: int, count: int, prefix: str = "m") -> list[str]:
        ids = [f"{prefix}{i}" for i in range(count)]
        for member in ids:
            self.span(group, member, None, "snapshot")
        return ids

    def span(self, group: int, member: str, started: datetime | None, source: str = "join",
             ended: datetime | None = None, end_kind: str | None = None, inferred: bool = False, via: str | None = None,
             inviter: str | None = None, campaign: str | None = None) -> None:
        self.con.execute("INSERT INTO membership_spans VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         [group, member, None, started, source, ended, ended, end_kind, inferred if ended else None])
        if started is not None and source == "join":
            self.event(group, member, started, "join", via=via, actor=inviter, campaign=campaign)
        if ended is not None and not inferred:
            self.event(group, member, ended, end_kind or "leave")

    def event(self, group: int, member: str, when: datetime, kind: str, via: str | None = None,
              actor: str | None = None, campaign: str | None = None) -> None:
        self.con.execute(
            "INSERT INTO member_events VALUES (?, ?, ?, NULL, ?, ?, ?, 1.0, NULL, ?, ?, ?, 'platform_event', false, 1)",
            [group, f"e{next(_keys)}", when, kind, member, member, actor, via, campaign])

    def message(self, group: int, sender: str, when: datetime, text: str = "大家好呀今天", kind: str = "text",
                is_self: bool = False) -> str:
        key = f"k{next(_keys)}"
        self.con.execute("INSERT INTO messages VALUES (?, ?, ?, ?, ?, ?, 1.0, ?, ?, ?, NULL, NULL, 1)",
                         [group, key, key, when, sender, sender, is_self, kind, text])
        return key

    def role(self, group: int, member: str, role: str = "admin") -> None:
        self.con.execute("INSERT INTO member_roles VALUES (?, ?, ?, NULL)", [group, member, role])

    def order(self, group: int, buyer: str, when: datetime, amount: float, refund: float = 0.0,
              status: str = "paid") -> None:
        key = f"o{next(_keys)}"
        self.con.execute("INSERT INTO orders (group_id, order_key, order_no, buyer_id, buyer_name, buyer_phone, "
                         "buyer_confidence, paid_at, items, amount, refund, status, status_raw, import_id) "
                         "VALUES (?, ?, ?, ?, ?, NULL, 1.0, ?, '商品', ?, ?, ?, ?, 1)",
                         [group, key, key, buyer, buyer, when, amount, refund, status, status])

    def snapshot(self, group: int, when: datetime) -> None:
        self.con.execute("INSERT INTO snapshots VALUES (?, ?, 'member_list', 1)", [group, when])


def days(start: str, count: int) -> list[str]:
    first = datetime.fromisoformat(start)
    return [(first + timedelta(days=i)).date().isoformat() for i in range(count)]


class BulkMessages:
    """Collects messages and writes them in one statement (row-by-row inserts are slow in DuckDB)."""

    def __init__(self, builder: HistoryBuilder) -> None:
        self.builder = builder
        self.rows: list[dict] = []

    def add(self, group: int, sender: str, when: datetime, text: str, name: str | None = None,
            reply_to: str | None = None) -> str:
        key = f"k{next(_keys)}"
        self.rows.append({"group_id": group, "msg_key": key, "platform_msg_id": key, "sent_at": when,
                          "sender_id": sender, "sender_name": name or sender, "sender_confidence": 1.0,
                          "is_self": False, "kind": "text", "text": text, "reply_to": reply_to,
                          "mentions": None, "import_id": 1})
        return key

    def flush(self) -> None:
        import pandas as pd

        if self.rows:
            frame = pd.DataFrame(self.rows)  # noqa: F841 - read by the SQL below
            self.builder.con.execute("INSERT INTO messages SELECT * FROM frame")
            self.rows.clear()
