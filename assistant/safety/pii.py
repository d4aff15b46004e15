"""Personal data in the text a draft or a prompt carries: found, and replaced by stable placeholders.

Customers' phone numbers, ID-card and bank-card numbers, e-mails, WeChat ids and street addresses
must not be pasted into a dispute summary or sent to a remote model. Each distinct value gets one
numbered placeholder (``[手机号1]``), so the text stays readable and the mapping can be reversed
where the user asks for it. ID-card numbers are checked with their checksum, bank cards with Luhn,
so that order numbers are not mistaken for them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("身份证号", re.compile(r"(?<![0-9A-Za-z])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])")),
    ("银行卡号", re.compile(r"(?<!\d)(?:\d[ -]?){15,18}\d(?!\d)")),
    ("手机号", re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)")),
    ("邮箱", re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")),
    ("微信号", re.compile(r"wxid_[A-Za-z0-9_-]{4,}|(?:微信号?|vx|VX|wx|WX)[:：\s]*[A-Za-z][-_A-Za-z0-9]{5,19}")),
    ("地址", re.compile(r"[\u4e00-\u9fff]{2,}(?:省|市|自治区)?[\u4e00-\u9fff]{0,10}(?:区|县|镇)[\u4e00-\u9fff0-9]{1,20}(?:路|街|道|巷|村|小区|花园|苑)[0-9一二三四五六七八九十]*(?:号|弄|栋|幢|单元|室)?(?:[0-9一二三四五六七八九十]+(?:号|栋|幢|单元|室|楼))*")),
)


@dataclass
class Masker:
    """Replaces personal data with placeholders, remembering them so they can be put back."""

    placeholders: dict[str, str] = field(default_factory=dict)  # value -> placeholder
    _counts: dict[str, int] = field(default_factory=dict)

    def mask(self, text: str) -> str:
        for kind, pattern in PATTERNS:
            text = pattern.sub(lambda m, k=kind: self._placeholder(k, m.group(0)), text)
        return text

    def unmask(self, text: str) -> str:
        for value, placeholder in self.placeholders.items():
            text = text.replace(placeholder, value)
        return text

    def _placeholder(self, kind: str, value: str) -> str:
        if kind == "身份证号" and not valid_id_card(value):
            return value
        if kind == "银行卡号" and not luhn(re.sub(r"\D", "", value)):
            return value
        if value not in self.placeholders:
            self._counts[kind] = self._counts.get(kind, 0) + 1
            self.placeholders[value] = f"[{kind}{self._counts[kind]}]"
        return self.placeholders[value]


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
