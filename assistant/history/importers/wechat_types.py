"""WeChat message types: (Type, SubType) of the PC database, and PyWxDump's Chinese labels for them.

Sources: PyWxDump ``common_utils.type_converter`` and chatlog ``internal/model/message.go`` (see
docs/formats.md §1.1). Both exporters copy the database codes, so one table serves every WeChat
importer; the bulk CSV reader turns it into a SQL join.
"""

from __future__ import annotations

import re

SYSTEM_TYPES = {10000, 10002}
KINDS: dict[tuple[int, int], str] = {
    (1, 0): "text", (49, 1): "text", (3, 0): "image", (34, 0): "voice", (43, 0): "video", (62, 0): "video",
    (47, 0): "sticker", (49, 8): "sticker", (48, 0): "location", (49, 17): "location", (42, 0): "card",
    (49, 50): "card", (50, 0): "call", (49, 4): "link", (49, 5): "link", (49, 24): "link", (49, 40): "link",
    (49, 44): "link", (49, 0): "file", (49, 6): "file", (49, 74): "file", (49, 3): "music", (49, 19): "forward",
    (49, 33): "mini_program", (49, 36): "mini_program", (49, 51): "channels_video", (49, 63): "channels_video",
    (49, 88): "channels_video", (49, 53): "solitaire", (49, 57): "reply", (49, 87): "notice",
    (49, 2000): "transfer", (49, 2001): "red_packet", (49, 2003): "red_packet",
}  # fmt: skip
_BY_TYPE = {1: "text", 3: "image", 34: "voice", 43: "video", 47: "sticker", 48: "location", 42: "card", 50: "call"}

# PyWxDump type_name -> (Type, SubType); labels it writes for rows it could not place map to "other"
PYWXDUMP_LABELS: dict[str, tuple[int, int]] = {
    "文本": (1, 0), "图片": (3, 0), "语音": (34, 0), "添加好友": (37, 0), "推荐公众号": (42, 0), "视频": (43, 0),
    "动画表情": (47, 0), "位置": (48, 0), "粘贴的文本": (49, 1), "(分享)音乐": (49, 3),
    "(分享)卡片式链接": (49, 5), "文件": (49, 6), "游戏相关": (49, 7), "用户上传的GIF表情": (49, 8),
    "位置共享": (49, 17), "合并转发的聊天记录": (49, 19), "(分享)笔记": (49, 24), "(分享)小程序": (49, 33),
    "(分享)收藏夹": (49, 40), "(分享)小说(猜)": (49, 44), "(分享)视频号名片": (49, 50),
    "(分享)视频号视频": (49, 51), "接龙": (49, 53), "引用回复": (49, 57), "视频号直播或直播回放": (49, 63),
    "文件(猜)": (49, 74), "群公告": (49, 87), "视频号直播或直播回放等": (49, 88), "转账": (49, 2000),
    "红包": (49, 2001), "赠送红包封面": (49, 2003), "语音通话": (50, 0), "小视频": (62, 0),
    "系统通知": (10000, 0), "消息撤回1": (10000, 1), "拍一拍": (10000, 4), "消息撤回5": (10000, 5),
    "消息撤回6": (10000, 6), "消息撤回33": (10000, 33), "消息撤回36": (10000, 36), "消息撤回57": (10000, 57),
    "邀请加群": (10000, 8000),
}  # fmt: skip


def kind_of(type_: int, sub: int) -> str:
    return KINDS.get((type_, sub)) or _BY_TYPE.get(type_, "other")


def kinds_sql() -> str:
    """The table above as a SQL ``VALUES`` list ``(type, sub, kind)`` for bulk joins."""
    rows = [(t, s, k) for (t, s), k in KINDS.items()] + [(t, None, k) for t, k in _BY_TYPE.items()]
    return ", ".join(f"({t}, {'NULL' if s is None else s}, '{k}')" for t, s, k in rows)


# Placeholders that text exports write instead of media: MemoTrace TXT ("[表情包]", "[链接]:…"),
# chatlog ("![图片](url)", "[链接|title](url)", "[分享]" for 接龙 and other app messages), WeFlow TXT and
# Excel ("[接龙] title", "[其他消息]" for voice, "[转发的聊天记录]…", replies ending in "[引用 名字：原文]").
_PLACEHOLDERS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), kind)
    for pattern, kind in (
        (r"^!?\[图片\]", "image"), (r"^\[语音\]", "voice"), (r"^!?\[视频\]", "video"), (r"^\[语音通话", "call"),
        (r"^!?\[(动画表情|表情包|表情|GIF表情)\]", "sticker"), (r"^\[(实时)?位置", "location"), (r"^\[名片", "card"),
        (r"^\[链接\]?[|:]?", "link"), (r"^\[文件", "file"), (r"^\[合并转发", "forward"), (r"^\[小程序", "mini_program"),
        (r"^\[视频号", "channels_video"), (r"^\[群公告", "notice"), (r"^\[(QQ)?红包", "red_packet"),
        (r"^\[转账", "transfer"), (r"^\[音乐", "music"), (r"^\[分享\]", "other"), (r"^\[笔记", "link"),
        (r"^\[接龙\]", "solitaire"), (r"^\[转发的聊天记录\]", "forward"), (r"^\[其他消息\]", "other"),
    )
)  # fmt: skip
_TITLE = re.compile(r"^!?\[[^|\]]+\|([^\]]*)\]|^\[链接\]:(.*)|^\[(?:链接|接龙|群公告)\] ?(.+)")
_WEFLOW_QUOTE = re.compile(r"\[引用 [^\]]*\]\s*$", re.S)  # WeFlow TXT/Excel: "回复[引用 张三：原文]"


def placeholder_kind(content: str) -> tuple[str, str | None]:
    """``(kind, text)`` of a message from a text export: placeholders become kinds, titles text."""
    first = content.split("\n", 1)[0].strip()
    if content.startswith("> "):  # chatlog quotes the replied-to message with "> " lines
        return "reply", "\n".join(line for line in content.split("\n") if not line.startswith(">")).strip() or None
    if "\n引用:" in content:  # MemoTrace TXT: "title\n引用:name:content"
        return "reply", content.split("\n引用:", 1)[0].strip()
    quote = _WEFLOW_QUOTE.search(content)
    if quote and not first.startswith("["):
        return "reply", content[: quote.start()].strip() or None
    for pattern, kind in _PLACEHOLDERS:
        if pattern.match(first):
            title = _TITLE.match(first)
            return kind, (next((g for g in title.groups() if g), None) if title else None)
    return "text", content
