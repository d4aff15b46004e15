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


def by_name(name: str) -> ModuleType:
    for module in IMPORTERS:
        if name == module.NAME:
            return module
    known = "、".join(module.NAME for module in IMPORTERS)
    raise InputError(f"不认识的格式 {name!r}。可选：auto、{known}。")


def forced(source: Source, name: str) -> ModuleType:
    """The importer ``--format`` names; a file without that format's header line is refused, naming it."""
    module = by_name(name)
    signature = getattr(module, "SIGNATURE", None)
    if signature and not module.sniff(source):
        first = next((line.strip() for line in source.head.split("\n") if line.strip()), "")
        found = (
            "表格的前几行里没有这一行" if source.is_xlsx else f"文件第一行是「{first[:80]}」" if first else "文件开头没有可读的文本行"
        )
        raise InputError(
            f"指定了 --format {name}（{module.LABEL}），但 {source.name} 缺少这种格式的表头行：应为「{signature}」，"
            f"{found}。请确认导出格式，或去掉 --format 让程序自动识别。"
        )
    return module


def detect(source: Source) -> ModuleType:
    """The importer whose signature the content matches; a fix-it error when none does."""
    if source.damaged_zip:
        raise InputError(
            f"{source.name} 是{source.damaged_zip_kind()}，但文件不完整（没有结尾的目录，通常是下载或复制时被截断）。"
            "请重新导出或重新打包后再导入。"
        )
    for module in IMPORTERS:
        if module.sniff(source):
            return module
    raise InputError(
        f"无法识别 {source.name} 的格式。支持："
        + "、".join(module.LABEL for module in IMPORTERS if module is not pasted_text)
        + "。请确认这是导出工具生成的原始文件（不要用 Excel 另存），或用 --format 指定格式。"
    )
