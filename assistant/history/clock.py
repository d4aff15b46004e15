"""Time: every export writes it differently, the store keeps instants.

Epoch columns are exact; naive strings are the exporting PC's local time, so they are read in
the zone the user names (``--tz``, default Asia/Shanghai). QQ writes 12-hour stamps with
unpadded fields; Discord writes a variable number of fractional digits.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..i18n import t
from .errors import InputError

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_STAMP = re.compile(
    r"""^\s*(?P<y>\d{4})\s*[-/.年]\s*(?P<mo>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?
    (?:[ T]+(?:(?P<ap1>上午|下午|AM|PM|am|pm)\s*)?
       (?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,](?P<f>\d+))?)?)?
    \s*(?P<ap2>AM|PM|am|pm|上午|下午)?\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?\s*$""",
    re.X,
)
_PM = {"PM", "pm", "下午"}


def zone(name: str, language: str = "zh") -> ZoneInfo:
    """The IANA zone ``name``; a fix-it error for typos."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InputError(t("import.error.zone", language, name=name)) from exc


def parse_time(text: str | None, tz: ZoneInfo) -> datetime | None:
    """An aware datetime from a date/time string, or ``None`` if it is not one."""
    if not text:
        return None
    match = _STAMP.match(text)
    if not match:
        return None
    g = match.groupdict()
    hour = int(g["h"] or 0)
    if (g["ap1"] or g["ap2"]) in _PM and hour < 12:
        hour += 12
    elif (g["ap1"] or g["ap2"]) in {"AM", "am", "上午"} and hour == 12:
        hour = 0
    micro = int((g["f"] or "0")[:6].ljust(6, "0"))
    try:
        naive = datetime(int(g["y"]), int(g["mo"]), int(g["d"]), hour, int(g["mi"] or 0), int(g["s"] or 0), micro)
    except ValueError:
        return None
    if g["tz"]:
        return naive.replace(tzinfo=_offset(g["tz"]))
    return naive.replace(tzinfo=tz)


def _offset(text: str) -> tzinfo:
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def from_epoch(value: int | float | str) -> datetime:
    """An instant from Unix seconds or milliseconds (13 digits)."""
    number = float(value)
    if number > 10**11:  # milliseconds: WeCom msgtime, JS timestamps
        number /= 1000
    return EPOCH + timedelta(seconds=number)


def from_us(micros: int) -> datetime:
    return EPOCH + timedelta(microseconds=micros)


def to_us(moment: datetime | None) -> int | None:
    """Microseconds since the epoch, exact (no float rounding)."""
    if moment is None:
        return None
    return (moment - EPOCH) // timedelta(microseconds=1)


def local_text(moment: datetime | None, tz: ZoneInfo, fmt: str = "%Y-%m-%d %H:%M") -> str | None:
    return moment.astimezone(tz).strftime(fmt) if moment else None


def day_start(day: date, tz: ZoneInfo) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=tz)
