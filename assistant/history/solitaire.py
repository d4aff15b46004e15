"""接龙: one copy of the numbered list a 团长 posts and members extend, read into its parts.

A 接龙 (WeChat's native 群接龙, appmsg 53, or the same list typed by hand) looks like::

    #接龙
    周六车厘子 59元/斤
    例 名字 数量

    1. 张三 2斤
    2. 李四 车厘子1斤
    3. 5-302 3斤

    今晚8点截单

What is read: the **head** (every line before the first numbered entry: the ``#接龙`` marker, the
title, the ``例`` format line), the **unit prices** the head states (``59元/斤``, ``￥39/份``,
``每箱120元``, ``39元``; one per product, ``车厘子59元/斤，榴莲120元/个``), the **entries** (``1.``,
``1．``, ``1、``, ``1)`` numbered from 1 in sequence; lines under an entry continue it) and the **tail**
after a blank line. For each entry: who (the first word, when it is not a quantity or one of the
head's products), what (the rest, else the head's product), and how many (``2斤``, ``两份``, ``x2``,
``×2``, ``+1``, a trailing ``2``; several for ``五斤西瓜，十斤苹果``).

What is not: a list flattened onto one line, numbering that does not start at 1 or skips, free-text
orders outside a numbered list ("我要两斤"), and prices the head does not state (the line's amount
is then unknown). Lists whose head says 打卡/签到/报名/投票 and states no price are not orders.
WeFlow's ``[接龙] `` prefix and the raw appmsg XML (its ``<title>``) are unwrapped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

UNITS = ("公斤|千克|kg|KG|Kg|斤|克|g|份|箱|盒|个|袋|瓶|只|件|包|组|套|提|串|把|块|条|枚|罐|桶|支|听|板|颗|杯|张|本|双|对"
         "|单|瓣|粒|根|束|捆|桌|人份")  # fmt: skip
CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
NUMBER = r"\d+(?:\.\d+)?|[零一二两俩三四五六七八九十百半]+"
_MARKER = re.compile(r"#接[龙龍]")
# the first line of a 接龙: "#接龙 …" anywhere, or a line that starts or ends with 接龙 ("车厘子接龙")
_FIRST_LINE = re.compile(r"#接[龙龍]|^\s*接[龙龍]|接[龙龍]\s*[:：]?\s*$")
_ENTRY = re.compile(r"^\s*(\d{1,3})\s*[.．、)）]\s*(.*)$")
_XML_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_PREFIX = re.compile(r"^\s*\[接[龙龍]\]\s*")
_SPLIT = re.compile(r"[，,；;、\n]")
_QUANTITIES = (
    re.compile(rf"(?P<n>{NUMBER})\s*(?P<unit>{UNITS})"),
    re.compile(r"[x×X*＊]\s*(?P<n>\d+(?:\.\d+)?)"),
    re.compile(r"[+＋]\s*(?P<n>\d+(?:\.\d+)?)"),
    re.compile(r"(?:^|\s)(?P<n>\d{1,2}(?:\.\d+)?)$"),
)
_CURRENCY = r"(?:元|块|¥|￥|rmb|RMB)"
_PRICES = (
    re.compile(rf"(?P<price>\d+(?:\.\d+)?)\s*{_CURRENCY}?\s*(?:/|每|一)\s*(?P<unit>{UNITS})"),
    re.compile(rf"每\s*(?P<unit>{UNITS})\s*(?P<price>\d+(?:\.\d+)?)\s*{_CURRENCY}"),
    re.compile(rf"[¥￥]\s*(?P<price>\d+(?:\.\d+)?)(?:\s*/\s*(?P<unit>{UNITS}))?"),
    re.compile(r"(?P<price>\d+(?:\.\d+)?)\s*(?:元|块)"),
)
_NOT_ORDERS = re.compile(r"打卡|签到|报名|投票|作业|出勤|点名|规则|须知")
_NOT_PRICES = re.compile(r"满|包邮|运费|配送费|起送|优惠|立减|返现|红包")
_ROOM = re.compile(r"^[A-Za-z]?\d+([-－—_#/栋幢号楼单元室层座]+[A-Za-z]?\d*)*[A-Za-z]?[室号]?$")


@dataclass(frozen=True)
class Quantity:
    amount: float
    unit: str | None
    product: str  # the words next to it in the same clause ('' when none)


@dataclass(frozen=True)
class Price:
    product: str
    price: float
    unit: str | None


@dataclass(frozen=True)
class Entry:
    number: int
    text: str  # the line as written, continuation lines joined with a space
    who: str | None  # the name (or room label) the line starts with
    what: str  # the line without who and quantities
    quantities: tuple[Quantity, ...]

    @property
    def quantity(self) -> float | None:
        """How many: 1 when the line names none, the sum for several of one unit, None for mixed units."""
        if not self.quantities:
            return 1.0
        units = {q.unit for q in self.quantities}
        return sum(q.amount for q in self.quantities) if len(units) == 1 else None

    @property
    def unit(self) -> str | None:
        units = {q.unit for q in self.quantities}
        return units.pop() if len(units) == 1 else None


@dataclass
class Solitaire:
    head: list[str]
    entries: list[Entry] = field(default_factory=list)
    tail: list[str] = field(default_factory=list)
    prices: list[Price] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The first line of the head that says what the 接龙 is about."""
        for line in self.head:
            rest = _MARKER.sub("", line).strip(" ：:")
            if rest and not rest.startswith("例"):
                return rest
        return "接龙"

    @property
    def product(self) -> str:
        """What the 接龙 sells: the product its one price names, else its title."""
        named = {p.product for p in self.prices if p.product}
        return named.pop() if len(named) == 1 else self.title

    @property
    def head_key(self) -> str:
        """The head without spaces: equal for every copy of one 接龙."""
        return re.sub(r"\s+", "", "\n".join(self.head))

    @property
    def is_order_list(self) -> bool:
        if self.prices:
            return True
        if _NOT_ORDERS.search("\n".join(self.head)):
            return False
        filled = [e for e in self.entries if e.text]
        return bool(filled) and sum(bool(e.quantities) for e in filled) * 2 >= len(filled)

    def amount(self, entry: Entry) -> float | None:
        """Quantity × the head's unit price, when every quantity of the line has a price."""
        if not self.prices:
            return None
        parts = entry.quantities or (Quantity(1.0, None, entry.what),)
        total = 0.0
        for part in parts:
            price = self._price_of(part, entry)
            if price is None or (price.unit and part.unit and price.unit != part.unit):
                return None
            total += part.amount * price.price
        return round(total, 2)

    def _price_of(self, part: Quantity, entry: Entry) -> Price | None:
        if len(self.prices) == 1:
            return self.prices[0]
        words = part.product or entry.what
        named = [p for p in self.prices if p.product and (p.product in words or (words and words in p.product))]
        return named[0] if len(named) == 1 else None


def parse(text: str | None) -> Solitaire | None:
    """The 接龙 in a message's text, or None when the text is not one."""
    if not text or ("接龙" not in text and "接龍" not in text):
        return None
    lines = _unwrap(text).replace("\r\n", "\n").split("\n")
    first = next((n for n, line in enumerate(lines) if line.strip()), None)
    if first is None or not _FIRST_LINE.search(lines[first]):
        return None
    solitaire = _split(lines[first:])
    if not solitaire.entries:
        return None
    products = _products(solitaire)
    solitaire.entries = [_read_entry(number, body, products) for number, body in solitaire.entries]  # type: ignore[arg-type]
    return solitaire


def _unwrap(text: str) -> str:
    match = _XML_TITLE.search(text) if "<title>" in text else None
    if match:
        text = match.group(1).replace("<![CDATA[", "").replace("]]>", "")
    return _PREFIX.sub("", html.unescape(text) if "&" in text else text, count=1)


def _split(lines: list[str]) -> Solitaire:
    """Head, numbered entries (number, raw body) and tail of the text's lines."""
    solitaire = Solitaire(head=[])
    entries: list[list] = []
    blank_after_entries = False
    for line in lines:
        match = _ENTRY.match(line)
        if match and int(match[1]) == len(entries) + 1:
            entries.append([int(match[1]), [match[2].strip()]])
            blank_after_entries = False
        elif not entries:
            if line.strip():
                solitaire.head.append(line.strip())
        elif not line.strip():
            blank_after_entries = True
        elif blank_after_entries:
            solitaire.tail.append(line.strip())
        else:
            entries[-1][1].append(line.strip())
    solitaire.entries = [(number, " ".join(p for p in parts if p)) for number, parts in entries]  # type: ignore[misc]
    solitaire.prices = _prices(solitaire.head)
    return solitaire


def _prices(head: list[str]) -> list[Price]:
    prices: list[Price] = []
    for line in head:
        if line.startswith("例"):
            continue
        for clause in _SPLIT.split(_MARKER.sub("", line)):
            if _NOT_PRICES.search(clause):
                continue
            for pattern in _PRICES:
                match = pattern.search(clause)
                if match:
                    product = clause[: match.start()].strip(" ：:¥￥")
                    prices.append(Price(product, float(match["price"]), match.groupdict().get("unit")))
                    break
    return prices


def _products(solitaire: Solitaire) -> list[str]:
    """Words of the head that name what is sold: a line's first word among them is not a buyer."""
    words = [p.product for p in solitaire.prices if p.product]
    return words + [solitaire.title]


def _read_entry(number: int, body: str, products: list[str]) -> Entry:
    tokens = body.split()
    who = None
    rest = body
    if len(tokens) >= 2 and not _has_quantity(tokens[0]) and not _is_product(tokens[0], products):
        who, rest = tokens[0], " ".join(tokens[1:])
    quantities = _quantities(rest)
    what = rest
    for pattern in _QUANTITIES:
        what = pattern.sub(" ", what)
    what = re.sub(r"\s*([，,；;、])\s*", r"\1", re.sub(r"\s+", " ", what)).strip(" ，,；;、")
    return Entry(number, body, who, what, quantities)


def _has_quantity(word: str) -> bool:
    return any(pattern.search(word) for pattern in _QUANTITIES[:3])


def _is_product(word: str, products: list[str]) -> bool:
    return len(word) >= 2 and any(word in product or product in word for product in products if product)


def _quantities(text: str) -> tuple[Quantity, ...]:
    """Every quantity of the line, each with the words it goes with: the ones before it in its
    clause (车厘子2斤), else the ones after it (五斤西瓜)."""
    found: list[Quantity] = []
    for clause in _SPLIT.split(text):
        for pattern in _QUANTITIES:
            matches = list(pattern.finditer(clause))
            if not matches:
                continue
            bounds = [0, *(m.end() for m in matches)]
            for i, match in enumerate(matches):
                n = number(match["n"])
                if n is None or n <= 0:
                    continue
                following = clause[match.end() : matches[i + 1].start() if i + 1 < len(matches) else None]
                product = clause[bounds[i] : match.start()].strip() or following.strip()
                found.append(Quantity(n, match.groupdict().get("unit"), product))
            break
    return tuple(found)


def number(text: str) -> float | None:
    """``2`` / ``2.5`` / ``两`` / ``十二`` / ``半`` as a number; None when it is not one."""
    try:
        return float(text)
    except ValueError:
        pass
    if text == "半":
        return 0.5
    if "百" in text or not text:
        return None
    if "十" in text:
        tens, _, ones = text.partition("十")
        high = CN_DIGITS.get(tens, 0) if tens else 1
        low = CN_DIGITS.get(ones, 0) if ones else 0
        return float(high * 10 + low) if (not tens or tens in CN_DIGITS) and (not ones or ones in CN_DIGITS) else None
    return float(CN_DIGITS[text]) if text in CN_DIGITS else None


def is_room(label: str) -> bool:
    """A room or building label (``5-302``, ``3栋201``) rather than a name."""
    return bool(_ROOM.match(label))
