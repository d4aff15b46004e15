"""System notices of QQ NT, WhatsApp and LINE, in Chinese and English, as member and group events.

WeChat's fixed strings live in :mod:`.wechat_system` (names in quotes). The other clients write names
bare: QQ NT gray tips as QQChatExporter renders them (``A邀请B加入了群聊``, ``B通过A分享的二维码加入了群聊``,
``X 撤回了一条消息``, ``A戳了戳B``; legacy QQ ``X加入本群``), WhatsApp (``Alice added Bob and Carol``,
``Bob joined using this group's invite link``, ``Bob left``, ``Alice removed Bob``; Chinese
``张三添加了李四``) and LINE (``Alice joined the group.``, ``Alice added Bob to the group.``,
``Alice unsent a message.``). Only what the text states becomes an event; anything else is kept as a
``system`` group event with its text. Sources: shuakami/qq-chat-exporter ``simple_parser.rs``,
ChatLab's WhatsApp and LINE parsers (see tests/history/fixtures/README.md).
"""

from __future__ import annotations

import re
from datetime import datetime

from ..batch import Batch
from ..records import GroupEvent
from . import wechat_system
from .wechat_system import LIST_CN, Rule

LIST_EN = re.compile(r", and |, | and ")
LIST_ZH = re.compile(r"、|，|, |和")  # WhatsApp in Chinese: 李四、王五和赵六
_END = r"[。.！!]?$"


def _rule(pattern: str, event: str, via: str | None = None, split: re.Pattern[str] = LIST_CN, **flags: bool) -> Rule:
    return Rule(re.compile(pattern), event, via, split=split, **flags)


def _en(pattern: str, event: str, via: str | None = None, **flags: bool) -> Rule:
    return _rule(pattern, event, via, LIST_EN, **flags)


QQ = (
    _rule(r"^你邀请(?P<names>.+?)加入了群聊", "join", "invite", actor_is_you=True),
    _rule(r"^(?P<actor>.+?)邀请你加入了群聊", "join", "invite", with_you=True),
    _rule(r"^(?P<actor>.+?)邀请(?P<names>.+?)加入了群聊", "join", "invite"),
    _rule(r"^你通过(?P<actor>.+?)分享的二维码加入了?群聊", "join", "qr", with_you=True),
    _rule(r"^(?P<names>.+?)通过你的二维码加入了?群聊", "join", "qr", actor_is_you=True),
    _rule(r"^(?P<names>.+?)通过(?P<actor>.+?)分享的二维码加入了?群聊", "join", "qr"),
    _rule(r"^你加入了群聊", "join", "direct", with_you=True),
    _rule(r"^(?P<names>.+?) ?(?:加入了群聊|加入了?本群)", "join", "direct"),
    _rule(r"^(?P<names>.+?) ?(?:退出了群聊|退出群聊|退出了?本群)", "leave"),
    _rule(r"^(?P<names>.+?)被(?P<actor>.+?)(?:移出|踢出)了?(?:群聊|本群)", "removed"),
    _rule(r"^(?P<actor>.+?)将(?P<names>.+?)(?:移出|踢出)了?(?:群聊|本群)", "removed"),
    _rule(r"^(?P<names>.+?)被(?:移出|踢出)了?(?:群聊|本群)", "removed"),
    _rule(r"^你撤回了一条消息", "revoke", actor_is_you=True),
    _rule(r"^(?P<actor>.+?) ?撤回了一条(?:成员)?消息", "revoke"),
    _rule(r"^(?P<actor>.+?) ?(?:戳了戳|拍了拍) ?(?P<names>.+?)" + _END, "pat"),
    _rule(r"^(?P<actor>.+?)领取了(?P<names>.+?)的红包", "red_packet_claim"),
    _rule(r"^(?P<actor>.+?) ?(?:修改|更改)了?群名(?:称)?为 ?[“\"「]?(?P<detail>.+?)[”\"」]?$", "rename"),
)
LINE = (
    _en(r"^(?P<actor>.+?) added (?P<names>.+?) to the group" + _END, "join", "invite"),
    _en(r"^(?P<names>.+?) joined the group" + _END, "join", "direct"),
    _en(r"^(?P<names>.+?) left the group" + _END, "leave"),
    _en(r"^(?P<actor>.+?) removed (?P<names>.+?) from the group" + _END, "removed"),
    _en(r"^(?P<actor>.+?) unsent a message" + _END, "revoke"),
    _en(r"^(?P<actor>.+?) changed the group name to [“\"]?(?P<detail>.+?)[”\"]?" + _END, "rename"),
    _rule(r"^(?P<actor>.+?)已?将(?P<names>.+?)(?:添加|新增|加入)(?:至|到)群(?:组|組)?", "join", "invite"),
    _rule(r"^(?P<names>.+?)已?加入(?:了)?(?:该|該)?群(?:组|組)?" + _END, "join", "direct"),
    _rule(r"^(?P<names>.+?)已?(?:退群|离开群组|離開群組|退出群组|退出群組)" + _END, "leave"),
    _rule(r"^(?P<actor>.+?)已?将(?P<names>.+?)(?:移出|移除)(?:群组|群組)?" + _END, "removed"),
    _rule(r"^(?P<actor>.+?) ?(?:已收回訊息|收回了訊息|已收回讯息)", "revoke"),
)
WHATSAPP = (
    _en(r"^You were added" + _END, "join", "invite", with_you=True),
    _en(r"^You were removed" + _END, "removed", with_you=True),
    _en(r"^(?P<names>.+?) joined using this group's invite link" + _END, "join", "link"),
    _en(r"^(?P<names>.+?) joined from the community" + _END, "join", "direct"),
    _en(r"^(?P<names>.+?) joined" + _END, "join", "direct"),
    _en(r"^(?P<actor>.+?) added (?P<names>.+?)" + _END, "join", "invite"),
    _en(r"^(?P<names>.+?) left" + _END, "leave"),
    _en(r"^(?P<actor>.+?) removed (?P<names>.+?)" + _END, "removed"),
    _en(r"^(?P<actor>.+?) changed (?:the subject|the group name)(?: from .+?)? to [“\"](?P<detail>.+?)[”\"]" + _END,
        "rename"),
    _rule(r"^(?P<names>.+?) ?(?:通过此群组的邀请链接加入|通過此群組的邀請連結加入)", "join", "link"),
    _rule(r"^(?P<actor>.+?) ?(?:添加了|已添加|新增了) ?(?P<names>.+?)" + _END, "join", "invite", LIST_ZH),
    _rule(r"^(?P<names>.+?) ?(?:已退出|退出了群组|已離開|已离开)" + _END, "leave"),
    _rule(r"^(?P<actor>.+?) ?(?:移除了|已移除) ?(?P<names>.+?)" + _END, "removed"),
    _rule(r"^(?P<actor>.+?) ?(?:将群组名称更改为|更改了群组名称为) ?[“\"]?(?P<detail>.+?)[”\"]?" + _END, "rename"),
)
RULES = {"qq": QQ, "line": LINE + QQ, "whatsapp": WHATSAPP + QQ}
DELETED = re.compile(
    r"^(?:This message was deleted|You deleted this message|这条消息已删除|此消息已删除|你删除了此消息|此訊息已刪除|你已刪除此訊息)\.?$"
)


def add(batch: Batch, text: str, at: datetime, grp: str = "", platform: str = "qq") -> None:
    """Append the events one notice stands for (rules of ``platform``); unknown texts stay ``system``."""
    clean = text.replace("\u200e", "").strip()
    if platform == "wechat":
        wechat_system.add(batch, clean, at, grp)
        return
    if not wechat_system.apply(batch, RULES.get(platform, QQ), clean, at, grp, "system_message"):
        batch.group_events.append(GroupEvent(at, "system", detail=clean[:500], grp=grp))


def recognise(text: str, platform: str = "qq") -> bool:
    """Whether ``text`` is a notice these rules read (text exports mix notices with messages)."""
    clean = text.replace("\u200e", "").strip()
    return any(rule.pattern.search(clean) for rule in RULES.get(platform, QQ))
