"""A batch: everything one file says, as canonical records, plus what could not be used.

Importers fill it; the store merges it inside the file's transaction. Bulk readers (the
million-row MemoTrace CSV) may also stage rows with SQL through ``con``; the store treats those
rows exactly like appended records.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import duckdb

from ..i18n import t
from .records import (
    Contact,
    DailyStat,
    GroupEvent,
    GroupRef,
    MemberEvent,
    Message,
    Name,
    Order,
    Role,
    SnapshotMember,
)

MAX_EXAMPLES = 5


@dataclass
class Batch:
    platform: str
    con: duckdb.DuckDBPyConnection | None = None
    groups: dict[str, GroupRef] = field(default_factory=dict)
    messages: list[Message] = field(default_factory=list)
    member_events: list[MemberEvent] = field(default_factory=list)
    group_events: list[GroupEvent] = field(default_factory=list)
    names: list[Name] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    snapshot_members: list[SnapshotMember] = field(default_factory=list)
    orders: list[Order] = field(default_factory=list)
    daily_stats: list[DailyStat] = field(default_factory=list)
    snapshot_source: str | None = None
    skipped: Counter[str] = field(default_factory=Counter)
    skipped_examples: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    language: str = "zh"  # of the skip reasons and warnings the importers write into it

    def group(self, grp: str = "", **ref: str | None) -> str:
        """Declare the chat ``grp`` (chat_id, name, kind); returns ``grp`` for records."""
        known = self.groups.get(grp)
        if known is None:
            self.groups[grp] = GroupRef(platform=self.platform, **ref)
        else:
            for key, value in ref.items():
                if value and not getattr(known, key):
                    setattr(known, key, value)
        return grp

    def skip(self, where: int | str, reason: str, count: int = 1) -> None:
        """Record ``count`` unusable rows; the first few are shown to the user with their line."""
        self.skipped[reason] += count
        if len(self.skipped_examples) < MAX_EXAMPLES:
            self.skipped_examples.append(t("import.skip.example", self.language, where=where, reason=reason)
                                         if isinstance(where, int) else f"{where}: {reason}")

    def warn(self, text: str) -> None:
        if text not in self.warnings:
            self.warnings.append(text)
