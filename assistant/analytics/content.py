"""What a message is about: the four content types of the playbook, by keyword rules.

产品推荐 (product push), 行业资讯 (information), 互动话题 (interaction) and 福利活动 (promotion)
are the content mix ``knowledge/03-content-interaction.md`` recommends (30–40% / 20–25% / 25–30%
/ 10–15%). Short chatter matches none of them and is counted as ``other``. The rules are plain
keyword lists so that a manager can see why a message was counted where it was.
"""

from __future__ import annotations

import re

PRODUCT, INFORMATION, INTERACTION, PROMOTION, OTHER = "product", "information", "interaction", "promotion", "other"
TYPES = (PRODUCT, INFORMATION, INTERACTION, PROMOTION)
LABELS = {PRODUCT: "产品推荐", INFORMATION: "行业资讯", INTERACTION: "互动话题", PROMOTION: "福利活动", OTHER: "其他"}
RECOMMENDED = {PRODUCT: (0.30, 0.40), INFORMATION: (0.20, 0.25), INTERACTION: (0.25, 0.30), PROMOTION: (0.10, 0.15)}

_KEYWORDS = {
    PROMOTION: "红包 抽奖 福利 优惠券 领券 免单 秒杀 限时 折扣 打折 特价 满减 砍价 积分 半价 买一送一 清仓 券 活动价",
    PRODUCT: "新品 上新 现货 预售 下单 价格 包邮 库存 规格 产地 接龙 团购 到货 开团 截单 发货 售价 口味 尺码 每份 一箱 一斤",
    INFORMATION: "知识 科普 资讯 新闻 行业 政策 教程 技巧 小知识 注意事项 保存方法 如何挑选 原理 报告 数据显示 小贴士",
    INTERACTION: "大家 投票 话题 聊聊 分享 晒单 打卡 你们 觉得 讨论 猜猜 评论 说说 有没有人 接龙报名 互动",
}
_PATTERNS = {kind: re.compile("|".join(map(re.escape, words.split()))) for kind, words in _KEYWORDS.items()}
_PRICE = re.compile(r"[¥￥]\s?\d|\d+(?:\.\d+)?\s?元")
_MIN_CHARS = 6


def classify(text: str | None) -> str:
    """The content type of one message's text."""
    if not text or len(text.strip()) < _MIN_CHARS:
        return OTHER
    scores = {kind: len(pattern.findall(text)) for kind, pattern in _PATTERNS.items()}
    scores[PRODUCT] += 1 if _PRICE.search(text) else 0
    scores[INTERACTION] += 1 if text.rstrip().endswith(("?", "？")) else 0
    best = max(TYPES, key=lambda kind: scores[kind])  # ties resolve in TYPES order
    return best if scores[best] else OTHER
