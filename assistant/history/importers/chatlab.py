"""The ChatLab standard format (v0.0.1 and v0.0.2): one reader for its JSON and JSONL files.

ChatLab (ChatLab/ChatLab ``docs/cn/standard/chatlab-format.md``) is what WeFlow writes for WeChat 4.x
groups, and what its HTTP API returns with ``format=chatlab``. A document is a header (``chatlab``
version and export time, ``meta`` with ``name``, ``platform``, ``type`` group|private, ``groupId``,
``ownerId``), ``members`` and ``messages`` (``sender``, ``accountName``, ``groupNickname``,
``timestamp`` in seconds, numeric ``type``, ``content``, ``platformMessageId``,
``replyToMessageId``). See ../shared/docs/chatlab-format.md for the research behind every rule here.

Quirks reproduced:

* the reserved sender ``SYSTEM`` (ChatLab) and WeFlow's group id (``…@chatroom``, also listed as a
  fake member) send system notices: they are never members;
* joins, kicks, pats and recalls all arrive as type 80 in WeFlow file exports: the notice's text is
  read by :mod:`.wechat_system` / :mod:`.system_text`; 81 is a recall and 22 a pat elsewhere;
* ``platform`` is ``"wechat"`` (WeFlow) or ``"weixin"`` (ChatLab) for the same thing;
* @mentions are inline (``@名字`` + U+2005), replies point at a ``platformMessageId``;
* WeFlow's app messages are type 7 with a telling prefix (``[接龙]``, ``[群公告]``, ``[转发的聊天记录]``),
  transfers type 99 ``[转账]``, red packets type 7 with only the wish text;
* forwarded-record authors are listed as members under their display name: a member that never
  speaks is kept only when its id looks like an account id.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from ...i18n import t
from ..batch import Batch
from ..clock import from_epoch
from ..errors import InputError
from ..options import ImportOptions
from ..records import GroupEvent, Message, Name, Role
from ..replies import ref
from ..source import Source
from . import system_text
from .base import clean, refuse_private, role_of

PLATFORMS = {"wechat": "wechat", "weixin": "wechat", "qq": "qq", "telegram": "telegram", "discord": "discord",
             "whatsapp": "whatsapp", "line": "line", "wecom": "wecom"}  # fmt: skip
KINDS = {0: "text", 1: "image", 2: "voice", 3: "video", 4: "file", 5: "sticker", 7: "link", 8: "location",
         20: "red_packet", 21: "transfer", 23: "call", 24: "mini_program", 25: "reply", 26: "forward", 27: "card",
         99: "other"}  # fmt: skip
SYSTEM_SENDER = "SYSTEM"
SYSTEM, RECALL, POKE = 80, 81, 22
PREFIXES = (("[接龙]", "solitaire"), ("[群公告]", "notice"), ("[转发的聊天记录]", "forward"), ("[音乐]", "music"),
            ("[小程序]", "mini_program"), ("[红包]", "red_packet"), ("[转账", "transfer"), ("[文件]", "file"),
            ("[名片]", "card"), ("[位置]", "location"), ("[视频号]", "channels_video"))  # fmt: skip
RED_PACKET_WISHES = {"恭喜发财，大吉大利", "恭喜发财,大吉大利"}
ID_LIKE = re.compile(r"^[\x21-\x7e]{2,}$")  # an account id: printable ASCII, no spaces
QUOTE = re.compile(r"\[引用 [^\]]*\]\s*$", re.S)  # WeFlow's reply text: "回复[引用 张三：原文]"
MARKDOWN_LINK = re.compile(r"^\[(?P<title>[^\]]*)\]\((?P<url>[^)]*)\)$")
MENTION = re.compile(r"@([^\s\u2005@]+)")
SELF_NAMES = ("你", "我")


class Reader:
    """Reads one ChatLab chat: the header first, then members and messages in any order."""

    def __init__(self, source: Source, options: ImportOptions, batch: Batch, header: dict[str, Any]) -> None:
        meta = header.get("meta")
        if not isinstance(meta, dict) or not isinstance(header.get("chatlab"), dict):
            raise InputError(t("import.error.chatlab_head", source.language, file=source.name))
        self.batch, self.options = batch, options
        self.platform = PLATFORMS.get(str(meta.get("platform") or "").lower(), "other")
        batch.platform = self.platform
        kind = str(meta.get("type") or "group")
        if kind != "group":
            refuse_private(source, options, clean(meta.get("name")))
        self.group_id = clean(meta.get("groupId"))
        self.owner = clean(meta.get("ownerId"))
        self.grp = batch.group(name=clean(meta.get("name")), chat_id=self.group_id,
                               kind="群聊" if kind == "group" else kind)  # fmt: skip
        self.members: dict[str, dict[str, Any]] = {}
        self.senders: set[str] = set()

    def member(self, item: dict[str, Any]) -> None:
        member_id = clean(item.get("platformId"))
        if member_id and not self._is_chat(member_id):
            self.members[member_id] = item

    def message(self, item: dict[str, Any], line: int) -> None:
        at = _time(item.get("timestamp"))
        if at is None:
            self.batch.skip(line, t("import.skip.not_unix", self.batch.language, field="timestamp"))
            return
        sender = clean(item.get("sender")) or ""
        code = item.get("type")
        content = item.get("content") if isinstance(item.get("content"), str) else None
        if code == SYSTEM or sender == SYSTEM_SENDER or self._is_chat(sender):
            self._notice(at, sender, content)
        elif code == RECALL:
            self._event(at, "revoke", sender, item, content)
        elif code == POKE:
            self._pat(at, sender, item, content)
        else:
            self._message(at, sender, code, content, item, line)

    def finish(self) -> None:
        """Names and roles of the members who spoke or whose id is an account id (see module doc)."""
        for member_id, item in self.members.items():
            if member_id in self.senders or ID_LIKE.match(member_id):
                self.batch.names += _names(member_id, item, self.grp)
                self.batch.roles += [Role(member_id, role, None, self.grp) for role in _roles(item)]
        if self.owner:
            self.batch.names += [Name(self.owner, name, "self", None, self.grp) for name in SELF_NAMES]

    def _is_chat(self, member_id: str) -> bool:
        return member_id == self.group_id or member_id.endswith("@chatroom")

    def _message(self, at: datetime, sender: str, code: object, content: str | None, item: dict, line: int) -> None:
        kind = _kind(code, content)
        real = sender and not sender.startswith("unknown_sender_")
        if real:
            self.senders.add(sender)
        text = _text(kind, content)
        self.batch.messages.append(Message(
            at, kind, text, sender if real else None, _display(item),
            is_self=(sender == self.owner) if self.owner else None,
            reply_to=ref(item.get("replyToMessageId")), mentions=_mentions(kind, text),
            platform_msg_id=clean(item.get("platformMessageId")), line=line, grp=self.grp,
        ))  # fmt: skip

    def _notice(self, at: datetime, sender: str, content: str | None) -> None:
        """A system notice; when a real member sent it (WeFlow's recalls carry the revoker), that is the actor."""
        first = len(self.batch.group_events)
        system_text.add(self.batch, content or "", at, self.grp, self.platform)
        if sender and sender != SYSTEM_SENDER and not self._is_chat(sender):
            for n in range(first, len(self.batch.group_events)):
                if self.batch.group_events[n].actor_id is None:
                    self.batch.group_events[n] = self.batch.group_events[n]._replace(actor_id=sender)

    def _event(self, at: datetime, kind: str, sender: str, item: dict, content: str | None) -> None:
        actor = sender if sender and not self._is_chat(sender) else None
        detail = (content or "")[:500]
        self.batch.group_events.append(GroupEvent(at, kind, actor, _display(item), None, detail, self.grp))

    def _pat(self, at: datetime, sender: str, item: dict, content: str | None) -> None:
        if content and system_text.recognise(content, "qq"):  # "小吴戳了戳小林": the target too
            self._notice(at, sender, content)
        else:
            self._event(at, "pat", sender, item, content)


def _time(value: object) -> datetime | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        return None
    return from_epoch(value)


def _kind(code: object, content: str | None) -> str:
    kind = KINDS.get(code, "other") if isinstance(code, int) else "other"
    if kind == "text":  # the common case: only a pasted 接龙 list is anything else
        return "solitaire" if content and content.startswith("[接龙]") else "text"
    if content and kind in ("link", "other", "file"):
        for prefix, refined in PREFIXES:
            if content.startswith(prefix):
                return refined
        if kind == "link" and content.strip() in RED_PACKET_WISHES:
            return "red_packet"
    return kind


def _text(kind: str, content: str | None) -> str | None:
    if not content:
        return None
    if kind == "text":
        return content
    if kind == "reply":
        return QUOTE.sub("", content).strip() or None
    if kind == "link":
        link = MARKDOWN_LINK.match(content.strip())
        title = link["title"] if link else content.removeprefix("[链接]")
        return title.strip() or None
    if kind in ("solitaire", "notice", "red_packet"):
        for prefix, _ in PREFIXES:
            content = content.removeprefix(prefix)
        return content.strip() or None
    return None


def _mentions(kind: str, text: str | None) -> list[str] | None:
    if kind not in ("text", "reply") or not text or "@" not in text:
        return None
    return MENTION.findall(text) or None


def _display(item: dict) -> str | None:
    return clean(item.get("groupNickname")) or clean(item.get("accountName"))


def _names(member_id: str, item: dict, grp: str) -> list[Name]:
    names = [Name(member_id, n, "display", None, grp) for n in [item.get("accountName"), *(item.get("aliases") or [])]
             if clean(n)]  # fmt: skip
    if clean(item.get("groupNickname")):
        names.append(Name(member_id, str(item["groupNickname"]).strip(), "group_nickname", None, grp))
    return [name._replace(name=name.name.strip()) for name in names]


def _roles(item: dict) -> list[str]:
    roles = item.get("roles") if isinstance(item.get("roles"), list) else []
    found = [role_of(r.get("id") if isinstance(r, dict) else r) for r in roles]
    return [role for role in found if role]
