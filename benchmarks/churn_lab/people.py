"""Invented display names and account ids: real names, nicknames with emoji, 宝妈-style handles.

Names are unique within a group, because Telegram service messages name invited people by display
name only; ids look like the platform's own (``wxid_…`` or an old custom WeChat id, ``user…`` for
Telegram, a QQ number for the ChatLab file).
"""

from __future__ import annotations

import random
import string

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
         "秀兰", "霞", "平", "刚", "桂英", "文", "欣怡", "子涵", "浩然", "雨轩", "梓萱", "思远", "佳琪", "一鸣", "晓雯",
         "建国", "春梅", "海燕", "丹", "宇", "婷", "晨"]  # fmt: skip
NICK_WORDS = ["阳光", "小鱼", "橙子", "布丁", "安静", "向日葵", "夏天", "微笑", "momo", "Lily", "Grace", "小确幸",
              "糖糖", "木子", "叮当", "蓝天", "晴天", "一朵云", "小熊", "豆豆", "芒果", "Coco", "Tina", "茉莉"]  # fmt: skip
EMOJI = ["", "", "", "🌸", "🍀", "🌻", "🐱", "☀️", "🍊", "✨"]
HANDLES = ["{s}姐", "{s}哥", "小{s}", "老{s}", "{w}妈妈", "{w}爸爸", "{b}栋{s}姐", "{w}{e}", "{e}{w}", "{s}{g}", "{w}_{n}"]


def display_names(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct display names in a realistic mix."""
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        name = _one(rng)
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def _one(rng: random.Random) -> str:
    if rng.random() < 0.45:
        return rng.choice(SURNAMES) + rng.choice(GIVEN)
    return rng.choice(HANDLES).format(
        s=rng.choice(SURNAMES), g=rng.choice(GIVEN), w=rng.choice(NICK_WORDS), e=rng.choice(EMOJI) or "💕",
        b=rng.randrange(1, 20), n=rng.randrange(1, 99),
    )


def wechat_id(rng: random.Random) -> str:
    if rng.random() < 0.15:  # old accounts keep their custom id as the username
        return rng.choice(string.ascii_lowercase) + "".join(rng.choices(string.ascii_lowercase + string.digits, k=9))
    return "wxid_" + "".join(rng.choices(string.ascii_lowercase + string.digits, k=14))


def telegram_id(rng: random.Random) -> str:
    return f"user{rng.randrange(100_000_000, 7_999_999_999)}"


def qq_number(rng: random.Random) -> str:
    return str(rng.randrange(100_000, 3_999_999_999))
