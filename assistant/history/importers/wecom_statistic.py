"""WeCom ``externalcontact/groupchat/statistic`` (by owner) and ``statistic_group_by_day`` results.

Aggregates, not events: new members, member total, members who spoke, messages (docs/formats.md
§3.3). There is no exit count; for consecutive days it is estimated as
``new_member_cnt − (member_total − previous member_total)`` and stored as ``exit_cnt_estimated``.
A by-owner result has no date in it, so ``--at`` names the day it covers.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from ...i18n import t
from ..batch import Batch
from ..clock import from_epoch
from ..errors import InputError
from ..options import ImportOptions
from ..records import DailyStat
from ..source import Source
from .base import json_records

NAME = "wecom_statistic"
LABEL = "企业微信 · 客户群统计 groupchat/statistic JSON"
PLATFORM = "wecom"
METRICS = ("new_chat_cnt", "chat_total", "chat_has_msg", "new_member_cnt", "member_total", "member_has_msg",
           "msg_total", "migrate_trainee_chat_cnt")  # fmt: skip


def sniff(source: Source) -> bool:
    return '"new_member_cnt"' in source.head and '"items"' in source.head


def read(source: Source, options: ImportOptions, batch: Batch) -> None:
    days: dict[str, dict[date, dict]] = defaultdict(dict)
    for result in json_records(source, "results"):
        for item in result.get("items") or []:
            owner = item.get("owner")
            everyone = t("import.wecom_statistic", source.language)
            scope = f"{everyone} · {owner}" if owner else (options.group or everyone)
            days[scope][_day(item, options, source)] = item.get("data") or {}
    for scope, by_day in days.items():
        grp = batch.group(scope, name=scope, kind="客户群统计")
        previous = None
        for day in sorted(by_day):
            data = by_day[day]
            batch.daily_stats += [DailyStat(day, m, float(data[m]), grp) for m in METRICS if m in data]
            if (
                previous is not None
                and {"new_member_cnt", "member_total"} <= data.keys()
                and (day - previous[0]).days == 1
            ):
                exits = data["new_member_cnt"] - (data["member_total"] - previous[1])
                batch.daily_stats.append(DailyStat(day, "exit_cnt_estimated", float(max(exits, 0)), grp))
            previous = (day, data.get("member_total", 0))


def _day(item: dict, options: ImportOptions, source: Source) -> date:
    if item.get("stat_time"):
        return from_epoch(item["stat_time"]).astimezone(options.tz).date()
    if options.at is None:
        raise InputError(t("import.error.wecom_day", source.language, file=source.name))
    return options.at.date()
