"""Use case: keyword and intent alerts, checked on every import, and the queue operators work through.

After each import commits (and after each sync, which imports too), :meth:`Alerts.after_import`
reads the messages those imports added, runs every enabled rule on them and files one alert per
rule and message (a re-import of the same file adds nothing: alerts are unique per rule, group and
message). The queue has three states — 新 (new), 已处理 (handled), 忽略 (ignored) — and remembers who
moved an alert and when. Each alert carries its message id and group, which open the conversation.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from ..analytics.chatlog import Message
from ..analytics.evidence import message_evidence
from ..briefing.rules import Rule, RuleDraft, rule_from_row
from ..briefing.store import BriefingStore
from ..errors import InputError
from ..i18n import t

NEW, HANDLED, IGNORED = "new", "handled", "ignored"
STATUSES = {NEW: {"zh": "新", "en": "new"}, HANDLED: {"zh": "已处理", "en": "handled"},
            IGNORED: {"zh": "忽略", "en": "ignored"}}
WATERMARK = "alerts.checked_import"


class FreshMessages(Protocol):
    def fresh(self, after_import: int) -> tuple[list[Message], int]: ...


@dataclass(frozen=True)
class Alert:
    alert_id: int
    rule_id: int
    rule: str
    group: str
    message_id: str
    ts: str
    sender: str
    text: str
    matched: str
    status: str
    handled_by: str | None
    handled_at: str | None
    note: str | None

    def status_label(self, language: str = "zh") -> str:
        return STATUSES[self.status][language]

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class CheckReport:
    checked: int  # messages looked at
    filed: int  # new alerts
    by_rule: dict[str, int]


class Alerts:
    """Rules, checks and the queue, over the briefing store."""

    def __init__(self, store: BriefingStore, messages: FreshMessages,
                 now: Callable[[], datetime] = lambda: datetime.now(ZoneInfo("Asia/Shanghai")),
                 language: str = "zh") -> None:
        self.store = store
        self.messages = messages
        self.now = now
        self.language = language  # of the fix-it errors and of an unnamed rule's name

    # rules -----------------------------------------------------------------------------------
    def rules(self) -> list[Rule]:
        with self.store.connect() as con:
            return [rule_from_row(r) for r in con.execute("SELECT * FROM alert_rules ORDER BY rule_id")]

    def add_rule(self, draft: RuleDraft) -> Rule:
        d = draft.checked(self.language)
        with self.store.connect() as con:
            cursor = con.execute(
                "INSERT INTO alert_rules (name, kind, pattern, terms, groups, enabled, created_at) VALUES (?, ?, ?, ?, ?, 1, ?)",
                [d.name, d.kind, d.pattern, "\n".join(d.terms), json.dumps(d.groups, ensure_ascii=False), self._stamp()],
            )
            row = con.execute("SELECT * FROM alert_rules WHERE rule_id = ?", [cursor.lastrowid]).fetchone()
            first = con.execute("SELECT 1 FROM state WHERE key = ?", [WATERMARK]).fetchone() is None
        if first:  # rules watch what is imported from now on; `check(everything=True)` looks back
            _, newest = self.messages.fresh(10**12)
            self._mark(newest)
        return rule_from_row(row)

    def _mark(self, newest: int) -> None:
        with self.store.connect() as con:
            con.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", [WATERMARK, str(newest)])

    def remove_rule(self, rule_id: int) -> None:
        with self.store.connect() as con:
            if not con.execute("DELETE FROM alert_rules WHERE rule_id = ?", [rule_id]).rowcount:
                raise InputError(t("alerts.error.no_rule", self.language, id=rule_id))

    def enable_rule(self, rule_id: int, enabled: bool) -> None:
        with self.store.connect() as con:
            if not con.execute("UPDATE alert_rules SET enabled = ? WHERE rule_id = ?", [int(enabled), rule_id]).rowcount:
                raise InputError(t("alerts.error.no_rule", self.language, id=rule_id))

    # checks ----------------------------------------------------------------------------------
    def after_import(self, *_: object) -> CheckReport:
        """The import hook: check what the imports since the last check added."""
        return self.check()

    def check(self, everything: bool = False) -> CheckReport:
        """Run the enabled rules on newly imported messages (``everything``: on the whole history)."""
        with self.store.connect() as con:
            row = con.execute("SELECT value FROM state WHERE key = ?", [WATERMARK]).fetchone()
        after = 0 if everything or row is None else int(row[0])
        rules = [r for r in self.rules() if r.enabled]
        if not rules:  # nothing to look for: only remember how far the history goes
            _, newest = self.messages.fresh(10**12)
            self._mark(newest)
            return CheckReport(0, 0, {})
        messages, newest = self.messages.fresh(after)
        found = [(rule, m, hit) for m in messages for rule in rules if rule.applies_to(m.group) and (hit := rule.match(m))]
        filed = 0
        with self.store.connect() as con:
            for rule, m, hit in found:
                e = message_evidence(m)
                filed += con.execute(
                    "INSERT OR IGNORE INTO alerts (rule_id, rule_name, group_name, message_id, sent_at, sender, text, "
                    "matched, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [rule.rule_id, rule.name, m.group, m.key, e.ts, e.sender, " ".join((m.text or "").split())[:500],
                     hit, self._stamp()],
                ).rowcount
            con.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", [WATERMARK, str(max(newest, after))])
        return CheckReport(len(messages), filed, dict(Counter(rule.name for rule, _, _ in found)))

    # the queue -------------------------------------------------------------------------------
    def list(self, status: str | None = NEW, group: str | None = None, limit: int = 200) -> list[Alert]:
        if status is not None and status not in STATUSES:
            raise InputError(t("alerts.error.status", self.language, statuses=t("tool.names", self.language).join(STATUSES)))
        where, params = [], []
        if status:
            where.append("status = ?")
            params.append(status)
        if group:
            where.append("group_name = ?")
            params.append(group)
        sql = "SELECT * FROM alerts" + (" WHERE " + " AND ".join(where) if where else "")
        with self.store.connect() as con:
            rows = con.execute(sql + " ORDER BY sent_at DESC, alert_id DESC LIMIT ?", [*params, limit]).fetchall()
        return [_alert(r) for r in rows]

    def count_new(self) -> int:
        if not self.store.path.exists():
            return 0
        with self.store.connect() as con:
            return con.execute("SELECT count(*) FROM alerts WHERE status = 'new'").fetchone()[0]

    def ack(self, alert_ids: list[int], by: str, status: str = HANDLED, note: str | None = None) -> list[Alert]:
        """Mark alerts handled (or ignored, or new again), recording who and when."""
        if status not in STATUSES:
            raise InputError(t("alerts.error.status", self.language, statuses=t("tool.names", self.language).join(STATUSES)))
        by = (by or "").strip()
        if not by:
            raise InputError(t("alerts.error.by", self.language))
        when = None if status == NEW else self._stamp()
        with self.store.connect() as con:
            for alert_id in alert_ids:
                changed = con.execute(
                    "UPDATE alerts SET status = ?, handled_by = ?, handled_at = ?, note = coalesce(?, note) WHERE alert_id = ?",
                    [status, None if status == NEW else by, when, note, alert_id],
                ).rowcount
                if not changed:
                    raise InputError(t("alerts.error.no_alert", self.language, id=alert_id))
            rows = con.execute(f"SELECT * FROM alerts WHERE alert_id IN ({','.join('?' * len(alert_ids))})",
                               alert_ids).fetchall()
        return [_alert(r) for r in rows]

    def _stamp(self) -> str:
        return self.now().strftime("%Y-%m-%d %H:%M:%S")


def _alert(row) -> Alert:  # noqa: ANN001 - a sqlite3.Row
    return Alert(row["alert_id"], row["rule_id"], row["rule_name"], row["group_name"], row["message_id"],
                 row["sent_at"], row["sender"], row["text"], row["matched"], row["status"], row["handled_by"],
                 row["handled_at"], row["note"])
