"""Importers, one module per export format, and sniffing by content.

Each module has ``NAME``, ``LABEL`` (shown to the user), ``PLATFORM``, ``sniff(source) -> bool`` and
``read(source, options, batch)``; a module whose format is recognised by a header line also states
it as ``SIGNATURE``, so ``--format`` on a file without it says which line is missing; an export that
spans several files names the others in ``parts(source)`` (they count in the file's identity).
:data:`IMPORTERS` is also the sniffing order: specific signatures (exact CSV headers, JSON keys,
tool banners) before loose ones (WeFlow's quoted TXT sender before QQ and MemoTrace TXT, whose
headers are bare; WhatsApp and LINE after them; then member lists and orders, whose headers are
matched by alias). Helper modules (``base``, ``tables``, ``chatlab``, ``qce``, ``wechat_system``,
``system_text``, ``wechat_types``) are not importers.
"""

from __future__ import annotations

from types import ModuleType

from ...i18n import label, t
from ..errors import InputError
from ..source import Source
from . import (
    chatlab_json,
    chatlab_jsonl,
    chatlog_chatroom,
    chatlog_csv,
    chatlog_json,
    discord_csv,
    discord_json,
    echotrace_json,
    ktt_orders,
    line_txt,
    liuhen_table,
    member_list,
    memotrace_csv,
    memotrace_txt,
    pasted_text,
    plain_orders,
    pywxdump_csv,
    pywxdump_users,
    qce_chunked,
    qce_json,
    qce_txt,
    qce_xlsx,
    qq_txt,
    telegram_json,
    weclone_csv,
    wecom_archive,
    wecom_events,
    wecom_groupchat,
    wecom_statistic,
    weflow_txt,
    weflow_xlsx,
    whatsapp_txt,
)

IMPORTERS: tuple[ModuleType, ...] = (
    memotrace_csv, pywxdump_csv, chatlog_csv, discord_csv, weclone_csv, liuhen_table,  # exact headers (CSV, XLSX)
    chatlab_jsonl, chatlab_json, qce_chunked, qce_json, echotrace_json,  # JSON keys
    pywxdump_users, discord_json, telegram_json, chatlog_chatroom, chatlog_json,
    wecom_events, wecom_statistic, wecom_groupchat, wecom_archive,
    weflow_xlsx, qce_xlsx,  # workbooks with a tool's own header row
    qce_txt, line_txt, weflow_txt, whatsapp_txt, qq_txt, memotrace_txt,  # text layouts: banners, then bare headers
    ktt_orders, plain_orders, member_list,  # tables matched by alias, most specific first
    pasted_text,  # never sniffed: chosen by the paste box or --format
)  # fmt: skip
PASTED = pasted_text.NAME


def formats() -> list[tuple[str, str]]:
    """``(name, label)`` of every format, for ``--format`` and the page."""
    return [(module.NAME, module.LABEL) for module in IMPORTERS]


def by_name(name: str, language: str = "zh") -> ModuleType:
    for module in IMPORTERS:
        if name == module.NAME:
            return module
    known = t("tool.names", language).join(module.NAME for module in IMPORTERS)
    raise InputError(t("import.error.format_name", language, name=name, known=known))


def forced(source: Source, name: str) -> ModuleType:
    """The importer ``--format`` names; a file without that format's header line is refused, naming it."""
    words = source.language
    module = by_name(name, words)
    signature = getattr(module, "SIGNATURE", None)
    if signature and not module.sniff(source):
        first = next((line.strip() for line in source.head.split("\n") if line.strip()), "")
        found = (t("import.error.forced_sheet", words) if source.is_xlsx
                 else t("import.error.forced_first", words, first=first[:80]) if first
                 else t("import.error.forced_none", words))  # fmt: skip
        raise InputError(t("import.error.forced", words, name=name, label=_label(module, words), file=source.name,
                           signature=signature, found=found))
    return module


def detect(source: Source) -> ModuleType:
    """The importer whose signature the content matches; a fix-it error when none does."""
    words = source.language
    if source.damaged_zip:
        kind = source.damaged_zip_kind() if words == "zh" else t("import.error.zip_kind", words)
        raise InputError(t("import.error.damaged_zip", words, file=source.name, kind=kind))
    for module in IMPORTERS:
        if module.sniff(source):
            return module
    supported = t("tool.names", words).join(_label(module, words) for module in IMPORTERS if module is not pasted_text)
    raise InputError(t("import.error.unknown", words, file=source.name, formats=supported))


def _label(module: ModuleType, language: str) -> str:
    """The format's name as the importer gives it in Chinese, from the catalogue in English."""
    return module.LABEL if language == "zh" else label("format", module.NAME, language)
