"""WeCom 会话内容存档: decrypted archive messages, as JSON Lines or a JSON array.

Fields ``msgid, action, from, tolist, roomid, msgtime (UTC ms), msgtype`` plus a payload keyed mostly
by ``msgtype`` (docs/formats.md §3.1). There is no join/leave message type: membership comes from the
group APIs. Recalls become revoke events; consent (``agree``/``disagree``), ``switch`` entries and
one-to-one chats (empty ``roomid``) are skipped with that reason. ``msgid`` is the dedup key.
"""

from __future__ import annotations

from ...i18n import t
from ..batch import Batch
from ..clock import from_epoch
from ..options import ImportOptions
from ..records import GroupEvent, Message
from ..source import Source
from .base import json_records, skip_private

NAME = "wecom_archive"
LABEL = "企业微信 · 会话内容存档 JSON"
PLATFORM = "wecom"
KINDS = {
    "text": "text", "markdown": "text", "mixed": "text", "image": "image", "voice": "voice", "video": "video",
    "emotion": "sticker", "file": "file", "docmsg": "file", "voip_doc_share": "file", "link": "link", "news": "link",
    "weapp": "mini_program", "chatrecord": "forward", "card": "card", "location": "location", "vote": "poll",
    "redpacket": "red_packet", "external_redpacket": "red_packet", "meeting_voice_call": "call",
    "sphfeed": "channels_video",
}  # fmt: skip
SKIPPED = {"agree": "同意存档（非聊天）", "disagree": "拒绝存档（非聊天）"}


def sniff(source: Source) -> bool:
    head = source.head
    return '"msgid"' in head and ('"msgtime"' in head or '"action"' in head) and '"roomid"' in head


def read(source: Source, options: ImportOptions, batch: Batch) -> None:
    for number, item in enumerate(json_records(source, "chatdata", "msgs", "messages"), start=1):
        if item.get("action") == "switch":
            batch.skip(number, t("import.skip.switch", batch.language))
        elif not item.get("roomid") and skip_private(batch, options, number):
            continue
        elif item.get("msgtype") in SKIPPED:
            batch.skip(number, SKIPPED[item["msgtype"]])
        else:
            _message(batch, item, number)


def _message(batch: Batch, item: dict, number: int) -> None:
    room = item.get("roomid") or "|".join(sorted([str(item.get("from")), *map(str, item.get("tolist") or [])]))
    grp = batch.group(room, chat_id=room, kind=None if item.get("roomid") else "私聊")
    at, sender = from_epoch(item["msgtime"]), item.get("from")
    if item.get("action") == "recall" or item.get("msgtype") == "revoke":
        previous = (item.get("revoke") or {}).get("pre_msgid")
        batch.group_events.append(GroupEvent(at, "revoke", sender, None, None, previous, grp))
        return
    msgtype = item.get("msgtype", "")
    batch.messages.append(Message(
        at, KINDS.get(msgtype, "other"), _text(item, msgtype), sender, platform_msg_id=item["msgid"],
        key=f"wc:{item['msgid']}", line=number, grp=grp,
    ))  # fmt: skip


def _text(item: dict, msgtype: str) -> str | None:
    payload = item.get(msgtype) or item.get("info") or item.get("redpacket") or {}
    if msgtype == "mixed":
        parts = payload.get("item") or []
        return "".join(p.get("content", "") for p in parts if p.get("type") == "text") or None
    return payload.get("content") or payload.get("title") or payload.get("wish") or None
