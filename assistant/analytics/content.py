"""What a message is about: the four content types of the playbook, by keyword rules.

产品推荐 (product push), 行业资讯 (information), 互动话题 (interaction) and 福利活动 (promotion)
are the content mix ``knowledge/03-content-interaction.md`` recommends (30–40% / 20–25% / 25–30%
/ 10–15%). What a group says besides those is named too, so that "other" is what is left and not
most of the chat: 咨询与售后 (questions and after-sales), 接龙与物流 (sign-ups, pick-up, delivery)
简短回应 (收到, 好的), 图片与表情 (no text) and 广告引流 (spam). The rules are plain keyword lists so that a manager can see why
a message was counted where it was.
"""

from __future__ import annotations

import re

from .risk_rules import SPAM, matches

PRODUCT, INFORMATION, INTERACTION, PROMOTION, OTHER = "product", "information", "interaction", "promotion", "other"
SERVICE, LOGISTICS, CHATTER, MEDIA, ADS = "service", "logistics", "chatter", "media", "ads"
TYPES = (PRODUCT, INFORMATION, INTERACTION, PROMOTION)
LABELS = {PRODUCT: "产品推荐", INFORMATION: "行业资讯", INTERACTION: "互动话题", PROMOTION: "福利活动",
          SERVICE: "咨询与售后", LOGISTICS: "接龙与物流", CHATTER: "简短回应", MEDIA: "图片与表情",
          ADS: "广告引流", OTHER: "其他"}
RECOMMENDED = {PRODUCT: (0.30, 0.40), INFORMATION: (0.20, 0.25), INTERACTION: (0.25, 0.30), PROMOTION: (0.10, 0.15)}

_KEYWORDS = {
    PROMOTION: "红包 抽奖 福利 优惠券 领券 免单 秒杀 限时 折扣 打折 特价 满减 砍价 积分 半价 买一送一 清仓 券 活动价",
    PRODUCT: "新品 上新 现货 预售 下单 价格 包邮 库存 规格 产地 接龙 团购 到货 开团 截单 发货 售价 口味 尺码 每份 一箱 一斤",
    INFORMATION: "知识 科普 资讯 新闻 行业 政策 教程 技巧 小知识 注意事项 保存方法 如何挑选 原理 报告 数据显示 小贴士",
    INTERACTION: "带上我 太美了 好美 真美 羡慕 求推荐 推荐一下 大家 投票 话题 聊聊 分享 晒单 打卡 你们 觉得 讨论 猜猜 评论 说说 有没有人 接龙报名 互动",
}
_SERVICE = re.compile("退款|退货|售后|坏了|烂了|质量|投诉|怎么|如何|请问|能不能|可以.{0,6}吗|吗[?？。!！]?$|[?？]$|发票|客服")
_LOGISTICS = re.compile(r"发货|快递|物流|单号|自提|取货|到货|配送|送到|提货|团长|^\s*\d+[.、．]\s*\S|\+\s?\d|^\+1|[0-9一二三两]\s*[份箱斤盒袋件]")
_PATTERNS = {kind: re.compile("|".join(map(re.escape, words.split()))) for kind, words in _KEYWORDS.items()}
_PRICE = re.compile(r"[¥￥]\s?\d|\d+(?:\.\d+)?\s?元")
_MIN_CHARS = 6


_SALES = re.compile(r"https?://|秒杀|限时|限量|特价|特惠|抢购|手慢无|先到先得|拼团|团购|清仓|买一送一|折|优惠|原价|只要|立减|包邮")


def is_sales_push(text: str | None) -> bool:
    """A post selling something: a promotion, a product push or a shop link (from an admin: its
    promotions, which :func:`classify` files under ads when they carry a link, or under logistics
    when they say 限量100份). An admin's warning about ads (不要加私人微信) is not one."""
    return bool(text) and (classify(text) in (PROMOTION, PRODUCT) or bool(_SALES.search(text)))  # type: ignore[arg-type]


def classify(text: str | None) -> str:
    """The content type of one message's text."""
    if not text or not text.strip():
        return MEDIA  # pictures, stickers, files: no text to read
    if any(rule.kind == SPAM for rule in matches(text)):
        return ADS
    if len(text.strip()) < _MIN_CHARS:
        return LOGISTICS if _LOGISTICS.search(text.strip()) else SERVICE if _SERVICE.search(text.strip()) else CHATTER
    scores = {kind: len(pattern.findall(text)) for kind, pattern in _PATTERNS.items()}
    scores[PRODUCT] += 1 if _PRICE.search(text) else 0
    scores[INTERACTION] += 1 if text.rstrip().endswith(("?", "？")) else 0
    best = max(TYPES, key=lambda kind: scores[kind])  # ties resolve in TYPES order
    if scores[best]:
        return best
    if _LOGISTICS.search(text.strip()):
        return LOGISTICS
    return SERVICE if _SERVICE.search(text.strip()) else OTHER
