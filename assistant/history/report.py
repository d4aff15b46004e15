"""The import report: what a file held, what it added, and what was assumed or skipped.

The same object feeds the CLI (text or ``--json``), the page and the import log, so the three never
disagree about what happened to a file.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ..i18n import label, t
from .options import DEFAULT_TZ

@dataclass
class ImportReport:
    file: str
    status: str = "ok"  # ok | failed | duplicate
    format: str | None = None
    format_label: str | None = None
    groups: list[str] = field(default_factory=list)
    tz: str = DEFAULT_TZ
    encoding: str | None = None
    first: str | None = None
    last: str | None = None
    messages_by_kind: dict[str, int] = field(default_factory=dict)
    messages_added: int = 0
    member_events: dict[str, int] = field(default_factory=dict)  # stated in the file, by kind
    member_events_added: int = 0
    inferred_exits: int = 0  # exits the group's snapshots now imply (whole group)
    inferred_joins: int = 0
    group_events: dict[str, int] = field(default_factory=dict)  # by kind, in the file
    group_events_added: int = 0
    snapshots: int = 0
    snapshot_members: int = 0
    orders: int = 0
    orders_added: int = 0
    orders_updated: int = 0
    solitaire_orders: int = 0  # orders read from the touched groups' 接龙 lists (derived, whole group)
    solitaire_in_exports: int = 0  # 接龙 lines an exported order (快团团 …) already stands for
    daily_stats: int = 0
    names: dict[str, int] = field(default_factory=dict)
    skipped: int = 0
    skipped_reasons: dict[str, int] = field(default_factory=dict)
    skipped_examples: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.status != "failed"

    @property
    def messages(self) -> int:
        return sum(self.messages_by_kind.values())

    def to_dict(self, language: str = "zh") -> dict[str, Any]:
        """The report's fields; in English the format's label is English (the importers name it in Chinese)."""
        found = {**asdict(self), "messages": self.messages}
        if language != "zh" and self.format:
            found["format_label"] = label("format", self.format, language)
        return found

    def lines(self, language: str = "zh") -> list[str]:
        """The report as short lines in ``language``, for the terminal and the page (the file's own
        words — group names, an importer's error and warnings — as they are)."""
        head = f"{self.file}: {label('import_status', self.status, language)}"
        if self.format_label:
            head += f" · {self.format_label if language == 'zh' else label('format', self.format, language)}"
        if self.status == "failed":
            return [head, t("import.reason", language, error=self.error)]
        out = [head]
        if self.groups:
            out.append(t("import.groups", language, groups=t("tool.names", language).join(self.groups), tz=self.tz,
                         encoding=self.encoding or "-"))
        if self.first:
            out.append(t("import.range", language, first=self.first, last=self.last))
        out += self._counts(language)
        out += [t("import.warning", language, warning=w) for w in self.warnings]
        if self.skipped:
            reasons = t("tool.parts", language).join(t("import.skip_reason", language, reason=r, n=n)
                                                     for r, n in self.skipped_reasons.items())
            out.append(t("import.skipped", language, n=self.skipped, reasons=reasons))
            out += [f"    {example}" for example in self.skipped_examples]
        return out

    def _counts(self, language: str) -> list[str]:
        def listed(kind: str, counts: dict[str, int]) -> str:
            return t("tool.list", language).join(f"{label(kind, k, language)} {n}" for k, n in counts.items())

        out = []
        if self.messages:
            out.append(t("import.messages", language, n=self.messages, added=self.messages_added,
                         kinds=listed("msg_kind", self.messages_by_kind)))
        if self.member_events:
            out.append(t("import.member_events", language, events=listed("member_event", self.member_events),
                         added=self.member_events_added))
        if self.group_events:
            out.append(t("import.group_events", language, events=listed("group_event", self.group_events),
                         added=self.group_events_added))
        if self.snapshots:
            out.append(t("import.snapshots", language, n=self.snapshots, members=self.snapshot_members))
        if self.inferred_exits or self.inferred_joins:
            out.append(t("import.inferred", language, exits=self.inferred_exits, joins=self.inferred_joins))
        if self.orders:
            out.append(t("import.orders", language, n=self.orders, added=self.orders_added, updated=self.orders_updated))
        if self.solitaire_orders or self.solitaire_in_exports:
            extra = t("import.solitaire_extra", language, n=self.solitaire_in_exports) if self.solitaire_in_exports else ""
            out.append(t("import.solitaire", language, n=self.solitaire_orders, extra=extra))
        if self.daily_stats:
            out.append(t("import.daily_stats", language, n=self.daily_stats))
        if self.names.get("matched") or self.names.get("ambiguous"):
            out.append(t("import.names", language, matched=self.names.get("matched", 0),
                         ambiguous=self.names.get("ambiguous", 0)))
        return out
