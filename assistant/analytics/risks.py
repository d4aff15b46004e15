"""Risk flags over the store, each pointing at the message that raised it.

Spam (links, QR-code and group invitations, private WeChat ids, 兼职 offers) and scam patterns
(代收款, private transfers, admin impersonation) from members; 广告法 absolute terms in the
group's *own* posts (what an admin publishes is what the regulator reads); sensitive words; and
complaints that no admin answered within 24 hours.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import timedelta

import duckdb

from ..i18n.labels import label
from . import chatlog
from .drivers.replies import unanswered
from .evidence import message_evidence
from .groups import data_end, select_groups
from .risk_rules import AD_LAW, COMPLAINT, SCAM, SPAM, matches

LABELS = {SPAM: "广告/拉群", SCAM: "诈骗风险", AD_LAW: "广告法用语", "sensitive": "敏感词", "unanswered_complaint": "未回应投诉"}


@dataclass(frozen=True)
class Flag:
    kind: str
    rule: str
    group: str
    message_id: str
    ts: str
    sender: str
    text: str
    language: str = "zh"  # of the label; not part of :meth:`to_dict`

    @property
    def label(self) -> str:
        return LABELS.get(self.kind, self.kind) if self.language == "zh" else label("risk", self.kind, self.language)

    def to_dict(self) -> dict:
        found = {**{k: v for k, v in asdict(self).items() if k != "language"}, "label": self.label}
        if self.language != "zh":  # the rule's name is a Chinese key: scripts compare it
            found["rule_label"] = label("risk_rule", self.rule, self.language)
        return found


def flags(con: duckdb.DuckDBPyConnection, group: str | None = None, days: int = 28, language: str = "zh") -> list[Flag]:
    """Flags raised in the last ``days`` days of each selected group's data, newest first (labelled in ``language``)."""
    found: list[Flag] = []
    for g in select_groups(con, group):
        end = data_end(con, g.id)
        if end is None:
            continue
        admins = chatlog.admins_of(con, g)
        names = chatlog.admin_names(con, g, admins)
        messages = chatlog.load(con, g, end - timedelta(days=days), end + timedelta(seconds=1), admins)
        for m in messages:
            found += [_flag(kind, rule, m, language) for kind, rule in _kinds(m, names)]
        found += [_flag("unanswered_complaint", "24 小时无人回应", m, language) for m in unanswered(messages, end)
                  if any(r.kind == COMPLAINT for r in matches(m.text))]
    return sorted(found, key=lambda f: f.ts, reverse=True)


def message_flags(m: chatlog.Message, admin_names: dict[str, set[str]]) -> list[tuple[str, str]]:
    """``(kind, rule label)`` of every flag one loaded message raises (the digest's risks section)."""
    return _kinds(m, admin_names)


def _kinds(m: chatlog.Message, admin_names: dict[str, set[str]]) -> list[tuple[str, str]]:
    kinds = []
    for rule in matches(m.text):
        if rule.kind in (SPAM, SCAM, "sensitive") and not m.from_admin:
            kinds.append((rule.kind, rule.label))
        elif rule.kind == AD_LAW and m.from_admin:
            kinds.append((rule.kind, rule.label))
    name = (m.sender_name or "").strip()
    impersonating = name and not m.from_admin and any(a in name for names in admin_names.values() for a in names if a)
    if impersonating:
        kinds.append((SCAM, "冒用管理员昵称"))
    return list(dict.fromkeys(kinds))


def _flag(kind: str, rule: str, m: chatlog.Message, language: str = "zh") -> Flag:
    e = message_evidence(m)
    return Flag(kind, rule, m.group, e.message_id, e.ts, e.sender, e.text, language)
