"""Personal data in the text a draft or a prompt carries: found, and replaced by stable placeholders.

Customers' phone numbers, ID-card and bank-card numbers, e-mails, WeChat ids and street addresses
must not be pasted into a dispute summary or sent to a remote model. Each distinct value gets one
numbered placeholder (``[手机号1]``), so the text stays readable and the mapping can be reversed
where the user asks for it. ID-card numbers are checked with their checksum, bank cards with Luhn,
so that order numbers are not mistaken for them.

People type numbers as they like: full-width digits from a Chinese input method (１３８…),
separated by dots, spaces or dashes (138.1234.5678), behind +86 or 0086. Matching runs on a copy
of the text with full-width characters folded to ASCII (one character for one, so positions stay
the same), and the replacement is cut out of the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..i18n import label

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("身份证号", re.compile(r"(?<![0-9A-Za-z])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])")),
    ("银行卡号", re.compile(r"(?<!\d)(?:\d[ -]?){15,18}\d(?!\d)")),
    ("手机号", re.compile(r"(?<![\d.])(?:(?:\+|00)?86[-. ]?)?1[3-9]\d[-. ]?\d{4}[-. ]?\d{4}(?![\d])")),
    ("邮箱", re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")),
    ("微信号", re.compile(r"wxid_[A-Za-z0-9_-]{4,}|(?:微信号?|vx|VX|wx|WX)[:：\s]*[A-Za-z][-_A-Za-z0-9]{5,19}")),
    ("地址", re.compile(r"[\u4e00-\u9fff]{2,}(?:省|市|自治区)?[\u4e00-\u9fff]{0,10}(?:区|县|镇)[\u4e00-\u9fff0-9]{1,20}(?:路|街|道|巷|村|小区|花园|苑)[0-9一二三四五六七八九十]*(?:号|弄|栋|幢|单元|室)?(?:[0-9一二三四五六七八九十]+(?:号|栋|幢|单元|室|楼))*")),
)


# Full-width ASCII (U+FF01..U+FF5E) and the ideographic space, folded one character for one.
_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: ord(" ")}


@dataclass
class Masker:
    """Replaces personal data with placeholders, remembering them so they can be put back."""

    placeholders: dict[str, str] = field(default_factory=dict)  # value -> placeholder
    language: str = "zh"  # of the placeholders' words ([手机号1], [phone 1]), which a draft may show
    _counts: dict[str, int] = field(default_factory=dict)
    _by_key: dict[tuple[str, str], str] = field(default_factory=dict)

    def mask(self, text: str) -> str:
        folded = text.translate(_FOLD)
        found: list[tuple[int, int, str]] = []  # (start, end, placeholder), earlier kinds first
        for kind, pattern in PATTERNS:
            for match in pattern.finditer(folded):
                start, end = match.span()
                if any(start < e and s < end for s, e, _ in found) or not _plausible(kind, match.group(0)):
                    continue
                found.append((start, end, self._placeholder(kind, text[start:end])))
        for start, end, placeholder in sorted(found, reverse=True):
            text = text[:start] + placeholder + text[end:]
        return text

    def unmask(self, text: str) -> str:
        for value, placeholder in self.placeholders.items():
            text = text.replace(placeholder, value)
        return text

    def _placeholder(self, kind: str, value: str) -> str:
        # One number typed two ways (１３８… and 138.1234.5678) is one person: one placeholder.
        key = (kind, _canonical(kind, value))
        if key not in self._by_key:
            self._counts[kind] = self._counts.get(kind, 0) + 1
            self._by_key[key] = self.code(label("pii", kind, self.language), self._counts[kind])
        self.placeholders.setdefault(value, self._by_key[key])
        return self._by_key[key]

    def code(self, word: str, mark: int | str) -> str:
        """A placeholder: ``[手机号1]``, ``[成员A]``; ``[phone 1]``, ``[Member A]`` in English."""
        return f"[{word}{mark}]" if self.language == "zh" else f"[{word} {mark}]"


def _canonical(kind: str, value: str) -> str:
    folded = value.translate(_FOLD)
    if kind == "手机号":
        return re.sub(r"\D", "", folded)[-11:]
    if kind in ("身份证号", "银行卡号"):
        return re.sub(r"[^0-9X]", "", folded.upper())
    return folded.lower()


def _plausible(kind: str, value: str) -> bool:
    if kind == "身份证号":
        return valid_id_card(value)
    if kind == "银行卡号":
        return luhn(re.sub(r"\D", "", value))
    return True


def valid_id_card(value: str) -> bool:
    digits = value.upper()
    if len(digits) != 18 or not digits[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == digits[17]


def luhn(number: str) -> bool:
    if not 16 <= len(number) <= 19:
        return False
    total = 0
    for index, digit in enumerate(reversed(number)):
        value = int(digit) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0
