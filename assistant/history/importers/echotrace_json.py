"""WeChat via EchoTrace (ycccccccy/echotrace) and WeFlow's own JSON: ``{session, messages[]}``.

EchoTrace, the WeFlow author's earlier exporter, writes ``session{username|wxid, displayName, type
"群聊"|"私聊"}`` and messages ``{localId, createTime (s), formattedTime, type (中文), localType, content,
isSend, senderUsername[, senderDisplayName]}``; WeFlow's native JSON is the same with a ``weflow``
header, and ChatLab reads both with one parser. ``localType`` is the WeChat database type (10000 =
system notice, 266287972401 = pat, 49 = app message …); the Chinese ``type`` refines it.
"""

from __future__ import annotations

import re

from ...i18n import t
from ..batch import Batch
from ..clock import from_epoch
from ..errors import InputError
from ..options import ImportOptions
from ..records import Message
from ..replies import ref
from ..source import Source
from . import wechat_system
from .base import clean, load_json, refuse_private
from .wechat_types import kind_of, placeholder_kind

NAME = "echotrace_json"
LABEL = "微信 · EchoTrace / WeFlow 原生 JSON"
PLATFORM = "wechat"
SIGNATURE = '{"session": {…}, "messages": [{"createTime": …, "senderUsername": …}]}'
SYSTEM_TYPES = {10000, 10002, 266287972401}
V4_TYPES = {244813135921: "reply", 8594229559345: "red_packet", 8589934592049: "transfer", 25769803825: "file",
            81604378673: "forward", 154618822705: "mini_program", 141733920817: "mini_program",
            12884901937: "music", 17179869233: "link", 21474836529: "link", 219043332145: "channels_video"}
NAMES = {"文本消息": "text", "图片消息": "image", "语音消息": "voice", "视频消息": "video", "文件消息": "file",
         "动画表情": "sticker", "名片消息": "card", "卡片式链接": "link", "图文消息": "link", "位置消息": "location",
         "红包卡片": "red_packet", "转账卡片": "transfer", "小程序分享": "mini_program", "引用消息": "reply",
         "聊天记录合并转发": "forward", "系统消息": "system"}  # fmt: skip
HEAD = re.compile(r'"session"\s*:\s*\{')


def sniff(source: Source) -> bool:
    head = source.head
    return head.lstrip("\ufeff").lstrip().startswith("{") and HEAD.search(head) is not None and (
        '"senderUsername"' in head or '"localType"' in head or '"weflow"' in head
    )


def read(source: Source, options: ImportOptions, batch: Batch) -> None:
    document = load_json(source)
    if not isinstance(document, dict) or not isinstance(document.get("messages"), list):
        raise InputError(t("import.error.echotrace_messages", source.language, file=source.name))
    session = document.get("session") if isinstance(document.get("session"), dict) else {}
    chat_id = clean(session.get("wxid") or session.get("username"))
    title = clean(session.get("displayName") or session.get("nickname"))
    if session.get("type") == "私聊" or (chat_id and not chat_id.endswith("@chatroom")):
        refuse_private(source, options, title)
    grp = batch.group(name=title, chat_id=chat_id, kind="群聊")
    for number, item in enumerate(document["messages"], start=1):
        if isinstance(item, dict):
            _message(batch, item, number, chat_id, grp)


def _message(batch: Batch, item: dict, number: int, chat_id: str | None, grp: str) -> None:
    stamp = item.get("createTime")
    if not isinstance(stamp, int | float) or isinstance(stamp, bool) or stamp <= 0:
        batch.skip(number, t("import.skip.not_unix", batch.language, field="createTime"))
        return
    at, local = from_epoch(stamp), int(item.get("localType") or 0)
    content = str(item.get("content") or "")
    sender = clean(item.get("senderUsername"))
    if local in SYSTEM_TYPES or item.get("type") == "系统消息" or (sender and sender == chat_id):
        wechat_system.add(batch, content, at, grp)
        return
    kind = V4_TYPES.get(local) or NAMES.get(str(item.get("type"))) or kind_of(local, 0)
    if kind in ("other", "link", "text"):
        kind = placeholder_kind(content)[0] if kind != "text" or content.startswith("[接龙]") else kind
    text = content if kind == "text" else None
    if kind in ("reply", "link", "solitaire"):
        text = placeholder_kind(content)[1]
    batch.messages.append(Message(
        at, kind, text or None, sender, clean(item.get("senderDisplayName")), is_self=item.get("isSend") == 1,
        reply_to=ref(item.get("replyToMessageId")), platform_msg_id=clean(item.get("platformMessageId")),
        line=number, grp=grp,
    ))  # fmt: skip
