"""Text encodings: exports arrive as UTF-8 (with or without BOM), UTF-16 or GBK.

QQ's message manager and Windows tools that "save as ANSI" leave files whose encoding is written
nowhere, so we climb a ladder: BOM → UTF-8 → UTF-16 (by its NUL pattern) → GB18030, then ask
charset-normalizer; a file that survives none of them gets a message saying how to re-save it.
A file that is valid UTF-8 except for half a character at its very end was cut off (a copy or an
export that stopped): that is reported as truncation, not as a wrong encoding.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from ..i18n import t
from .errors import InputError

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
UNREADABLE = "import.error.encoding"
CUT_CHARACTER = "import.error.cut_character"


def decode(data: bytes, *, partial: bool = False, language: str = "zh") -> tuple[str, str]:
    """``(text, encoding)``; ``partial`` tolerates a character cut at the end of a head sample."""
    for encoding in _candidates(data, language):
        try:
            text = codecs.getincrementaldecoder(encoding)("strict").decode(data, final=not partial)
        except UnicodeDecodeError as exc:
            if encoding.startswith("utf-8") and _cut_at_end(data, exc):
                raise InputError(t(CUT_CHARACTER, language)) from exc
            continue
        return text.replace("\r\n", "\n"), encoding
    guess = from_bytes(data[: 1 << 20]).best()
    if guess is None or "\x00" in str(guess):
        raise InputError(t(UNREADABLE, language))
    return data.decode(guess.encoding, errors="replace").replace("\r\n", "\n"), guess.encoding


def _cut_at_end(data: bytes, exc: UnicodeDecodeError) -> bool:
    """UTF-8 that is valid up to an incomplete character in its last bytes: cut, not another encoding."""
    return exc.reason == "unexpected end of data" and exc.start >= len(data) - 6  # 3 for a BOM, 3 for the stub


def _candidates(data: bytes, language: str) -> list[str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return [encoding]
    utf16 = _utf16_without_bom(data[:4096])
    if utf16:
        return [utf16]
    if b"\x00" in data[:4096]:
        raise InputError(t("import.error.binary", language))
    return ["utf-8", "gb18030"]


def _utf16_without_bom(sample: bytes) -> str | None:
    if len(sample) < 4:
        return None
    odd = sample[1::2].count(0) / (len(sample) // 2)
    even = sample[0::2].count(0) / (len(sample) // 2)
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def is_utf8(path: str, *, chunk: int = 1 << 22) -> bool:
    """Whether the whole file is valid UTF-8, read in chunks (large exports stay off the heap)."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    try:
        with open(path, "rb") as handle:
            while block := handle.read(chunk):
                decoder.decode(block)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True
