"""Importers, one module per export format, and sniffing by content.

Each module has ``NAME``, ``LABEL`` (shown to the user), ``PLATFORM``, ``sniff(source) -> bool`` and
``read(source, options, batch)``. :data:`IMPORTERS` is also the sniffing order: specific signatures
(exact CSV headers, JSON keys) before loose ones (QQ/MemoTrace TXT, then member lists and orders,
whose headers are matched by alias).
"""

from __future__ import annotations

from types import ModuleType

from ..errors import InputError
from ..source import Source
from . import (
    chatlog_chatroom,
    chatlog_csv,
    chatlog_json,
    discord_csv,
    discord_json,
    ktt_orders,
    member_list,
    memotrace_csv,
    memotrace_txt,
    pasted_text,
    plain_orders,
    pywxdump_csv,
    pywxdump_users,
    qq_txt,
    telegram_json,
    wecom_archive,
    wecom_events,
    wecom_groupchat,
    wecom_statistic,
)

IMPORTERS: tuple[ModuleType, ...] = (
    memotrace_csv, pywxdump_csv, chatlog_csv, discord_csv,  # exact CSV headers
    pywxdump_users, discord_json, telegram_json, chatlog_chatroom, chatlog_json,  # JSON keys
    wecom_events, wecom_statistic, wecom_groupchat, wecom_archive,
    qq_txt, memotrace_txt,  # text layouts
    ktt_orders, plain_orders, member_list,  # tables matched by alias, most specific first
    pasted_text,  # never sniffed: chosen by the paste box or --format
)  # fmt: skip
PASTED = pasted_text.NAME


def formats() -> list[tuple[str, str]]:
    """``(name, label)`` of every format, for ``--format`` and the page."""
    return [(module.NAME, module.LABEL) for module in IMPORTERS]


def by_name(name: str) -> ModuleType:
    for module in IMPORTERS:
        if name == module.NAME:
            return module
    known = "、".join(module.NAME for module in IMPORTERS)
    raise InputError(f"不认识的格式 {name!r}。可选：auto、{known}。")


def detect(source: Source) -> ModuleType:
    """The importer whose signature the content matches; a fix-it error when none does."""
    for module in IMPORTERS:
        if module.sniff(source):
            return module
    raise InputError(
        f"无法识别 {source.name} 的格式。支持："
        + "、".join(module.LABEL for module in IMPORTERS if module is not pasted_text)
        + "。请确认这是导出工具生成的原始文件（不要用 Excel 另存），或用 --format 指定格式。"
    )
