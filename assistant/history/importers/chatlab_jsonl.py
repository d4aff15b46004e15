"""ChatLab standard JSON Lines (``.jsonl``): one compact object per line, tagged by ``_type``.

The first data line is the ``header`` (``chatlab`` + ``meta``), then ``member`` lines, then
``message`` lines (blank and ``#`` lines are ignored). WeFlow writes no newline after the last line,
so a last line that does not parse is a cut-off file and is refused as such.
"""

from __future__ import annotations

import re

from ...i18n import t
from ..batch import Batch
from ..errors import InputError
from ..options import ImportOptions
from ..source import Source
from .base import json_lines
from .chatlab import Reader

NAME = "chatlab_jsonl"
LABEL = "ChatLab 标准格式 JSONL（WeFlow 等导出）"
PLATFORM = "wechat"
SIGNATURE = '第一行 {"_type":"header","chatlab":{…},"meta":{…}}'
HEADER = re.compile(r'"_type"\s*:\s*"header"')


def sniff(source: Source) -> bool:
    for line in source.head.lstrip("\ufeff").split("\n"):
        if line.strip() and not line.lstrip().startswith("#"):  # the first data line (may be cut by the head)
            return line.lstrip().startswith("{") and HEADER.search(line) is not None and '"chatlab"' in line
    return False


def read(source: Source, options: ImportOptions, batch: Batch) -> None:
    reader: Reader | None = None
    for number, item in json_lines(source, source.text.lstrip("\ufeff")):
        kind = item.get("_type")
        if reader is None:
            if kind != "header":
                raise InputError(t("import.error.chatlab_header_line", source.language, file=source.name, line=number, kind=kind))
            reader = Reader(source, options, batch, item)
        elif kind == "member":
            reader.member(item)
        elif kind == "message":
            reader.message(item, number)
        else:
            batch.skip(number, t("import.skip.line_type", batch.language, kind=repr(kind)))
    if reader is None:
        raise InputError(t("import.error.chatlab_empty", source.language, file=source.name))
    reader.finish()
