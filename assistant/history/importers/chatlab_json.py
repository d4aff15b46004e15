"""ChatLab standard JSON (``.json``): WeFlow's ChatLab export and ChatLab's own files.

One object ``{chatlab, meta, members, messages}`` (pretty-printed by WeFlow). Sniffed by its
``"chatlab": {`` header together with ``"meta"``; the rules of the format are in :mod:`.chatlab`.
"""

from __future__ import annotations

import re

from ...i18n import t
from ..batch import Batch
from ..errors import InputError
from ..options import ImportOptions
from ..source import Source
from .base import load_json
from .chatlab import Reader

NAME = "chatlab_json"
LABEL = "ChatLab 标准格式 JSON（WeFlow 等导出）"
PLATFORM = "wechat"
SIGNATURE = '{"chatlab": {…}, "meta": {…}, "members": […], "messages": […]}'


def sniff(source: Source) -> bool:
    head = source.head.lstrip("\ufeff").lstrip()
    return head.startswith("{") and re.search(r'"chatlab"\s*:\s*\{', head) is not None and '"meta"' in head \
        and '"_type"' not in head.split("\n", 1)[0]


def read(source: Source, options: ImportOptions, batch: Batch) -> None:
    document = load_json(source)
    if not isinstance(document, dict) or not isinstance(document.get("messages"), list):
        raise InputError(t("import.error.chatlab_messages", source.language, file=source.name))
    reader = Reader(source, options, batch, document)
    for item in document.get("members") or []:
        if isinstance(item, dict):
            reader.member(item)
    for number, item in enumerate(document["messages"], start=1):
        if isinstance(item, dict):
            reader.message(item, number)
        else:
            batch.skip(number, t("import.skip.not_object", batch.language))
    reader.finish()
