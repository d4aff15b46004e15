"""QQ via QQChatExporter: the single-file JSON ``{metadata, chatInfo, statistics, messages[]}``.

Both message shapes (current and V4) are read by :mod:`.qce`. A manifest of the chunked export has
the same head; when one is passed here (its ``chunked`` key can sit beyond the sniffed 64 KB) it is
read as the chunked export it is.
"""

from __future__ import annotations

from ...i18n import t
from ..batch import Batch
from ..errors import InputError
from ..options import ImportOptions
from ..source import Source
from . import qce_chunked
from .base import load_json
from .qce import Reader

NAME = "qce_json"
LABEL = "QQ · QQChatExporter 导出 JSON"
PLATFORM = "qq"
SIGNATURE = '{"metadata": {…}, "chatInfo": {…}, "statistics": {…}, "messages": […]}'


def sniff(source: Source) -> bool:
    head = source.head.lstrip("\ufeff").lstrip()
    return head.startswith("{") and '"metadata"' in head and '"chatInfo"' in head and '"chunked"' not in head


def read(source: Source, options: ImportOptions, batch: Batch) -> None:
    document = load_json(source)
    if not isinstance(document, dict) or not isinstance(document.get("chatInfo"), dict):
        raise InputError(t("import.error.qce_info", source.language, file=source.name))
    if "chunked" in document and "messages" not in document:
        qce_chunked.read_manifest(source, options, batch, document)
        return
    if not isinstance(document.get("messages"), list):
        raise InputError(t("import.error.qce_messages", source.language, file=source.name))
    reader = Reader(source, options, batch, document["chatInfo"])
    for number, item in enumerate(document["messages"], start=1):
        if isinstance(item, dict):
            reader.message(item, number)
        else:
            batch.skip(number, t("import.skip.not_object", batch.language))
    reader.finish()
    _check_count(source, batch, document)


def _check_count(source: Source, batch: Batch, document: dict) -> None:
    stated = (document.get("statistics") or {}).get("totalMessages")
    if isinstance(stated, int) and stated != len(document["messages"]):
        batch.warn(t("import.warn.qce_stated", source.language, stated=stated, count=len(document["messages"])))
