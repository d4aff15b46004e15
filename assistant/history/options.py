"""What the user said about a file: which group, which time zone, when a snapshot was taken, and
whether a one-to-one chat may come in as a two-person group."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from ..i18n import t
from .clock import parse_time, zone
from .errors import InputError

DEFAULT_TZ = "Asia/Shanghai"


@dataclass(frozen=True)
class ImportOptions:
    group: str | None = None
    tz: ZoneInfo = field(default_factory=lambda: ZoneInfo(DEFAULT_TZ))
    at: datetime | None = None  # snapshot time of a member list, "now" for pasted text
    fmt: str = "auto"
    allow_private: bool = False  # import a 1:1 chat as a two-person group instead of refusing it

    @classmethod
    def build(
        cls,
        *,
        group: str | None,
        tz: str,
        at: datetime | str | None,
        fmt: str = "auto",
        allow_private: bool = False,
        language: str = "zh",
    ) -> ImportOptions:
        zone_info = zone(tz, language)
        return cls(
            group=(group or "").strip() or None, tz=zone_info, at=_moment(at, zone_info, language), fmt=fmt,
            allow_private=allow_private,
        )  # fmt: skip

    def key(self) -> str:
        """Identifies "the same import" in the log, together with the file's hash."""
        at = self.at.isoformat() if self.at else None
        facts: dict[str, object] = {"group": self.group, "tz": self.tz.key, "at": at}
        if self.allow_private:  # only when set, so earlier imports keep their key
            facts["allow_private"] = True
        return json.dumps(facts, ensure_ascii=False, sort_keys=True)


def _moment(at: datetime | str | None, tz: ZoneInfo, language: str) -> datetime | None:
    if at is None or isinstance(at, datetime):
        return at.replace(tzinfo=tz) if at is not None and at.tzinfo is None else at
    moment = parse_time(at, tz)
    if moment is None:
        raise InputError(t("import.error.time", language, at=at))
    return moment
