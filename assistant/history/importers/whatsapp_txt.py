"""WhatsApp "Export chat": ``_chat.txt`` (iOS) or ``WhatsApp Chat with X.txt`` (Android), or the zip
it comes in when media are attached.

Android writes ``12/31/24, 9:05 PM - Alice: text``, iOS ``[31/12/2024, 21:05:07] Alice: text``; the
date order follows the phone's locale (day first, month first, or year first in Chinese and Japanese
locales), times are 12-hour (``AM``/``PM``, ``a. m.``, ``下午``, often after U+202F) or 24-hour, in the
phone's local time (``--tz``). The order is read from the whole file: a first field above 12 means
day first, a second above 12 month first; when no date decides it, the order that keeps the messages
chronological wins (a warning says so). Multi-line messages continue on the following lines.
System notices have no sender on Android; on iOS they come from the group's name and start with
U+200E. Joins, leaves, removals and "This message was deleted" become events (:mod:`.system_text`).
Senders are names (or phone numbers): identity matching links them. Formats checked against
ChatLab's ``whatsapp.ts``, joweich/chat-miner and lucasrodes/whatstk test chats.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from ...i18n import t
from ..batch import Batch
from ..encoding import decode
from ..errors import InputError
from ..options import ImportOptions
from ..records import GroupEvent, Message
from ..source import Source
from . import system_text
from .base import refuse_if_two

NAME = "whatsapp_txt"
LABEL = "WhatsApp 导出聊天 TXT / ZIP"
PLATFORM = "whatsapp"
_SPACE = "[ \u202f\u2009\u00a0]"
_AP = r"(?:[AaPp]\.?" + _SPACE + r"?[Mm]\.?|上午|下午|午前|午後|오전|오후)"
_STAMP = (rf"(?P<date>\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}),?{_SPACE}+(?:(?P<ap0>上午|下午|午前|午後|오전|오후){_SPACE}?)?"
          rf"(?P<time>\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?)(?:{_SPACE}*(?P<ap>{_AP}))?")  # fmt: skip
ANDROID = re.compile(rf"^{_STAMP} - (?P<rest>.*)$")
IOS = re.compile(rf"^\[{_STAMP}\] (?P<rest>.*)$")
SAID = re.compile(r"^(?P<who>[^:\n]{1,80}?): (?P<text>.*)$", re.S)
_INVISIBLE = "\u200e\u200f\ufeff\u202a\u202c"
_PM = ("p", "P", "下午", "午後", "오후")
MEDIA = (("<Media omitted>", "other"), ("<附件已省略>", "other"), ("<省略影音内容>", "other"), ("<已省略多媒體檔案>", "other"),
         ("image omitted", "image"), ("video omitted", "video"), ("audio omitted", "voice"),
         ("sticker omitted", "sticker"),
         ("GIF omitted", "sticker"), ("document omitted", "file"), ("Contact card omitted", "card"),
         ("圖片已略去", "image"), ("影片已略去", "video"), ("音訊已略去", "voice"), ("貼圖已略去", "sticker"))  # fmt: skip
ATTACHED = re.compile(r"^<(?:attached|附件|已附加)[:：] ?(?P<file>[^>]+)>$")
EXTENSIONS = {"jpg": "image", "jpeg": "image", "png": "image", "webp": "sticker", "opus": "voice", "m4a": "voice",
              "mp4": "video", "mov": "video", "vcf": "card", "gif": "sticker"}  # fmt: skip
CREATED = re.compile(
    r'^(?:.+?) (?:created group|created this group) [“"](?P<name>.+?)[”"]$|^(?:.+?)创建了群组[“"「](?P<zh>.+?)[”"」]$'
)
FILE_NAME = re.compile(r"^(?:WhatsApp Chat (?:with|-) |与)(?P<name>.+?)(?:的 ?WhatsApp 聊天)?(?:\.txt|\.zip)?$")
ENCRYPTED = ("Messages and calls are end-to-end", "Messages you send to this group are now secured",
             "消息和通话已进行端到端加密", "訊息與通話已受端對端加密")
EDITED = re.compile(r"\s*<(?:This message was edited|已编辑此消息|已編輯)>$")


@dataclass
class Line:
    number: int
    date: tuple[int, int, int]
    clock: str
    ap: str | None
    rest: str
    ios: bool


def sniff(source: Source) -> bool:
    if source.is_zip:
        return _chat_member(source) is not None
    return _looks_like(source.head)


def read(source: Source, options: ImportOptions, batch: Batch) -> None:
    text = _text(source)
    lines = list(_lines(text))
    if not lines:
        raise InputError(t("import.error.whatsapp_lines", source.language, file=source.name))
    order = _date_order([line.date for line in lines], any(line.ap for line in lines), batch)
    entries = [(line, _when(line, order, options.tz)) for line in lines]
    speakers, notices, chat = _survey(entries)
    if not notices:
        refuse_if_two(source, options, speakers)
    grp = batch.group(name=options.group or _group_name(source, entries, chat), kind="群聊")
    for line, at in entries:
        if at is None:
            batch.skip(line.number, t("import.skip.time", batch.language))
        else:
            _entry(batch, line, at, chat, grp)


def _looks_like(head: str) -> bool:
    first = [line.strip(_INVISIBLE) for line in head.split("\n")[:5] if line.strip(_INVISIBLE + " ")]
    return any(ANDROID.match(line) or IOS.match(line) for line in first[:3])


def _text(source: Source) -> str:
    if not source.is_zip:
        return source.text
    member = _chat_member(source)
    assert member is not None  # sniffed
    return decode(source.read_member(member))[0]


def _chat_member(source: Source) -> str | None:
    """The chat text inside a WhatsApp zip (``_chat.txt`` or ``WhatsApp Chat with X.txt``)."""
    for name in source.members():
        if name.lower().endswith(".txt") and not posixpath.basename(name).startswith("."):
            head = source.read_member(name)[:4096]
            if _looks_like(head.decode("utf-8", errors="replace")):
                return name
    return None


def _lines(text: str) -> Iterator[Line]:
    """Header lines with their continuation lines folded into ``rest``."""
    current: Line | None = None
    for number, raw in enumerate(text.split("\n"), start=1):
        clean = raw.strip(_INVISIBLE).rstrip("\r")
        match = ANDROID.match(clean) or IOS.match(clean)
        date = _date(match["date"]) if match else None
        if match and date:
            if current:
                yield current
            ap = match["ap0"] or match["ap"]
            current = Line(number, date, match["time"].replace(".", ":"), ap, match["rest"], clean.startswith("["))
        elif current is not None:
            current.rest += "\n" + raw.rstrip("\r")
    if current:
        yield current


def _date(text: str) -> tuple[int, int, int] | None:
    parts = re.split(r"[./-]", text)
    return (int(parts[0]), int(parts[1]), int(parts[2])) if len(parts) == 3 else None


def _date_order(dates: list[tuple[int, int, int]], twelve_hour: bool, batch: Batch) -> str:
    """``ymd``, ``dmy`` or ``mdy`` for the whole file."""
    if all(a > 31 for a, _, _ in dates):
        return "ymd"
    if any(a > 12 for a, _, _ in dates):
        return "dmy"
    if any(b > 12 for _, b, _ in dates):
        return "mdy"
    inversions = {order: _inversions(dates, order) for order in ("dmy", "mdy")}
    if inversions["dmy"] != inversions["mdy"]:
        order = min(inversions, key=inversions.get)  # type: ignore[arg-type]
    else:
        order = "mdy" if twelve_hour else "dmy"
    batch.warn(t("import.warn.day_month", batch.language, order=t(f"import.warn.{order}", batch.language)))
    return order


def _inversions(dates: list[tuple[int, int, int]], order: str) -> int:
    keys = [_ymd(date, order) for date in dates]
    return sum(1 for a, b in zip(keys, keys[1:], strict=False) if b < a)


def _ymd(date: tuple[int, int, int], order: str) -> tuple[int, int, int]:
    a, b, c = date
    year, month, day = (a, b, c) if order == "ymd" else (c, b, a) if order == "dmy" else (c, a, b)
    return (year + 2000 if year < 100 else year, month, day)


def _when(line: Line, order: str, tz: ZoneInfo) -> datetime | None:
    year, month, day = _ymd(line.date, order)
    parts = [int(p) for p in line.clock.split(":")]
    hour = parts[0]
    if line.ap and hour < 12 and line.ap.startswith(_PM):
        hour += 12
    elif line.ap and hour == 12 and not line.ap.startswith(_PM):
        hour = 0
    try:
        return datetime(year, month, day, hour, parts[1], parts[2] if len(parts) > 2 else 0, tzinfo=tz)
    except ValueError:
        return None


def _survey(entries: list[tuple[Line, datetime | None]]) -> tuple[set[str], int, str | None]:
    """Who speaks, how many notices state a group event, and the iOS notices' author (the group's name)."""
    speakers: set[str] = set()
    notices, chat = 0, None
    for line, _ in entries:
        said = SAID.match(line.rest)
        if said and line.ios and _ios_notice(said["text"]):
            chat = said["who"]
            notices += system_text.recognise(said["text"], "whatsapp")
        elif said:
            speakers.add(said["who"].strip())
        else:
            notices += system_text.recognise(line.rest, "whatsapp")
    return speakers - {chat}, notices, chat


def _notice(line: Line, chat: str | None) -> str | None:
    """The text of a system notice, or ``None`` for a message: Android notices have no ``name: ``,
    iOS notices come from the group's name and start with U+200E."""
    said = SAID.match(line.rest)
    if said is None:
        return line.rest
    if line.ios and said["who"] == chat and said["text"].startswith("\u200e"):
        return said["text"]
    return None


def _ios_notice(text: str) -> bool:
    """iOS prefixes notices with U+200E (so do attachments, which are not notices)."""
    plain = text.replace("\u200e", "").strip()
    return text.startswith("\u200e") and (system_text.recognise(plain, "whatsapp") or plain.startswith(ENCRYPTED))


def _entry(batch: Batch, line: Line, at: datetime, chat: str | None, grp: str) -> None:
    notice = _notice(line, chat)
    if notice is not None:
        if not notice.replace("\u200e", "").startswith(ENCRYPTED):
            system_text.add(batch, notice, at, grp, "whatsapp")
        return
    said = SAID.match(line.rest)
    assert said is not None  # not a notice
    who, text = said["who"].strip(), EDITED.sub("", said["text"].strip(_INVISIBLE + " "))
    if system_text.DELETED.match(text):
        batch.group_events.append(GroupEvent(at, "revoke", None, who, None, text, grp))
        return
    kind = _kind(text)
    batch.messages.append(Message(at, kind, text if kind == "text" else None, None, who, line=line.number, grp=grp))


def _kind(text: str) -> str:
    for marker, kind in MEDIA:
        if text == marker:
            return kind
    attached = ATTACHED.match(text)
    if attached:
        return EXTENSIONS.get(attached["file"].rsplit(".", 1)[-1].lower(), "file")
    if text.startswith(("location: https://maps.google.com", "位置: https://maps.google.com")):
        return "location"
    if text.startswith(("POLL:", "投票：", "投票:")):
        return "poll"
    return "text"


def _group_name(source: Source, entries: list[tuple[Line, datetime | None]], chat: str | None) -> str:
    for line, _ in reversed(entries):
        created = CREATED.match(line.rest.replace("\u200e", ""))
        if created:
            return created["name"] or created["zh"]
    if chat:
        return chat
    found = FILE_NAME.match(source.name)
    return found["name"] if found else source.name.rsplit(".", 1)[0]
