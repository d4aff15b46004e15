"""Turning the bytes of a text file into text, whatever encoding the operator's tools used.

Chinese files arrive as UTF-8, UTF-8 with BOM (Windows Notepad, Excel CSV), GB18030/GBK (older
Windows tools, QQ) or UTF-16 (some exporters). BOMs are trusted first, then strict UTF-8, then
GB18030 (a superset of GBK and GB2312), then charset-normalizer's best guess. Binary content is
refused instead of being indexed as mojibake.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from ...errors import InputError
from ...i18n import t

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes, name: str, language: str = "zh") -> tuple[str, str]:
    """``(text, encoding)`` of ``data``; raises :class:`InputError` for binary or unknown bytes."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    if b"\x00" in data:
        for encoding in ("utf-16-le", "utf-16-be"):
            text = _readable(data, encoding)
            if text is not None:
                return text, encoding
        raise InputError(t("kb.error.binary", language, name=name))
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    mixed = _line_by_line(data)
    if mixed is not None:
        return mixed, "mixed(utf-8/gb18030)"
    guess = from_bytes(data).best()
    if guess is None:
        raise InputError(t("kb.error.encoding", language, name=name))
    return str(guess), guess.encoding


def _line_by_line(data: bytes) -> str | None:
    """Files glued together from two tools mix UTF-8 and GBK lines; decode each line on its own."""
    lines = []
    for raw in data.split(b"\n"):
        for encoding in ("utf-8", "gb18030"):
            try:
                lines.append(raw.decode(encoding))
                break
            except UnicodeDecodeError:
                continue
        else:
            return None
    return "\n".join(lines)


def _readable(data: bytes, encoding: str) -> str | None:
    """``data`` decoded as BOM-less UTF-16 when that gives readable text, else ``None``."""
    if len(data) % 2:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    sample = text[:2000]
    readable = sum(ch.isprintable() or ch in "\r\n\t" for ch in sample)
    return text if sample and readable / len(sample) > 0.95 and "\x00" not in sample else None
