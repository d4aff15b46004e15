"""Every enum-like value the assistant shows, with its label in both languages.

Values such as ``spam_ads``, ``high``, ``wechat`` or ``qr`` are keys: stored, compared and printed
by ``--json``. People read the label. One table here, so the dashboard, the CLI's text output, the
reports and the chat captions say the same word; a value not listed (a platform added later, user
data) is shown as it is.
"""

from __future__ import annotations

from . import groups, imports, screens

ALL_GROUPS = "全部群"  # the scope of every group together: a report's or a metric's group name, never a real group's

LABELS: dict[str, dict[str, dict[str, str]]] = {
    "scope": {
        ALL_GROUPS: {"zh": "全部群", "en": "All groups"},
    },
    "driver": {
        "spam_ads": {"zh": "广告刷屏", "en": "Spam and ads"},
        "message_overload": {"zh": "消息过载", "en": "Message overload"},
        "low_quality_influx": {"zh": "低质量拉新", "en": "Low-quality influx"},
        "unresolved_complaints": {"zh": "投诉未解决", "en": "Unresolved complaints"},
        "admin_unresponsive": {"zh": "管理员响应慢", "en": "Slow admin replies"},
        "promo_fatigue": {"zh": "促销疲劳", "en": "Promotion fatigue"},
        "scam_incident": {"zh": "诈骗事件", "en": "Scam incident"},
    },
    "confidence": {
        "high": {"zh": "高", "en": "high"},
        "medium": {"zh": "中", "en": "medium"},
        "low": {"zh": "低", "en": "low"},
    },
    "platform": {
        "wechat": {"zh": "微信", "en": "WeChat"},
        "weixin": {"zh": "微信", "en": "WeChat"},
        "wecom": {"zh": "企业微信", "en": "WeCom"},
        "qq": {"zh": "QQ", "en": "QQ"},
        "telegram": {"zh": "Telegram", "en": "Telegram"},
        "discord": {"zh": "Discord", "en": "Discord"},
        "whatsapp": {"zh": "WhatsApp", "en": "WhatsApp"},
        "line": {"zh": "LINE", "en": "LINE"},
        "other": {"zh": "其他", "en": "other"},
    },
    "via": {  # how a member joined
        "invite": {"zh": "邀请", "en": "invited"},
        "qr": {"zh": "扫码", "en": "QR code"},
        "link": {"zh": "链接", "en": "link"},
        "request": {"zh": "申请", "en": "request"},
        "direct": {"zh": "直接加入", "en": "direct"},
        "inferred": {"zh": "快照推断", "en": "inferred from lists"},
        "unknown": {"zh": "方式未知", "en": "unknown"},
    },
    "exit": {
        "voluntary": {"zh": "主动退群", "en": "left"},
        "removed": {"zh": "被移出", "en": "removed"},
        "inferred": {"zh": "快照推断", "en": "inferred from lists"},
    },
    "sender": {  # system senders some exports write instead of a person
        "system": {"zh": "系统消息", "en": "system"},
        "Group": {"zh": "群系统消息", "en": "group notice"},
        "group": {"zh": "群系统消息", "en": "group notice"},
        "qr": {"zh": "扫码入群", "en": "joined by QR code"},
    },
    "job": {
        "announcement": {"zh": "群公告", "en": "Announcement"},
        "rules": {"zh": "群规", "en": "Group rules"},
        "activity": {"zh": "活动方案", "en": "Activity plan"},
        "dispute": {"zh": "纠纷总结", "en": "Dispute summary"},
        "complaint": {"zh": "投诉回复", "en": "Complaint reply"},
        "report": {"zh": "周报", "en": "Weekly report"},
    },
    "length": {
        "short": {"zh": "短", "en": "short"},
        "medium": {"zh": "中等", "en": "medium"},
        "long": {"zh": "长", "en": "long"},
    },
    "tone": {
        "亲切": {"zh": "亲切", "en": "warm"},
        "正式": {"zh": "正式", "en": "formal"},
        "活泼": {"zh": "活泼", "en": "lively"},
        "真诚": {"zh": "真诚", "en": "sincere"},
        "专业": {"zh": "专业", "en": "professional"},
    },
    "side": {  # which half of the hybrid search found a passage
        "vector": {"zh": "向量", "en": "vector"},
        "bm25": {"zh": "关键词", "en": "keywords"},
        "BM25": {"zh": "关键词", "en": "keywords"},
        "rerank": {"zh": "重排", "en": "rerank"},
    },
    "alert_status": {
        "new": {"zh": "新", "en": "new"},
        "handled": {"zh": "已处理", "en": "handled"},
        "ignored": {"zh": "已忽略", "en": "ignored"},
    },
    "health": {
        "healthy": {"zh": "健康", "en": "healthy"},
        "watch": {"zh": "关注", "en": "watch"},
        "action": {"zh": "需处理", "en": "act"},
        "unsupported": {"zh": "无法计算", "en": "cannot compute"},
        "insufficient": {"zh": "数据不足", "en": "too little data"},
        "info": {"zh": "", "en": ""},
    },
    "metric": {
        "members_start": {"zh": "期初人数", "en": "Members at start"},
        "members_end": {"zh": "期末人数", "en": "Members at end"},
        "joins": {"zh": "入群", "en": "Joins"},
        "exits": {"zh": "退群", "en": "Exits"},
        "exit_rate": {"zh": "退群率", "en": "Exit rate"},
        "net_growth": {"zh": "净增长", "en": "Net growth"},
        "activity_rate": {"zh": "活跃度", "en": "Activity"},
        "messages_per_day": {"zh": "日均消息", "en": "Messages per day"},
        "conversion_rate": {"zh": "转化率", "en": "Conversion"},
        "buyer_rate": {"zh": "购买人数占比", "en": "Buyer share"},
        "gmv": {"zh": "成交额(GMV)", "en": "GMV"},
        "orders": {"zh": "订单数", "en": "Orders"},
        "refund_rate": {"zh": "退款率", "en": "Refund rate"},
        "activation_rate": {"zh": "新人激活率", "en": "Newcomer activation"},
        "retention_7d": {"zh": "7日留存", "en": "7-day retention"},
        "retention_30d": {"zh": "30日留存", "en": "30-day retention"},
        "first_response_minutes": {"zh": "首次响应(分钟)", "en": "First reply (minutes)"},
        "unanswered_questions": {"zh": "未回复提问", "en": "Unanswered questions"},
        "content_mix": {"zh": "内容构成", "en": "Content mix"},
        "reach_rate": {"zh": "消息触达率", "en": "Reach"},
    },
    "content": {
        "product": {"zh": "产品推荐", "en": "Products"},
        "information": {"zh": "行业资讯", "en": "Information"},
        "interaction": {"zh": "互动话题", "en": "Interaction"},
        "promotion": {"zh": "福利活动", "en": "Promotions"},
        "service": {"zh": "咨询与售后", "en": "Questions and after-sales"},
        "logistics": {"zh": "接龙与物流", "en": "Orders and delivery"},
        "chatter": {"zh": "简短回应", "en": "Short replies"},
        "media": {"zh": "图片与表情", "en": "Pictures and stickers"},
        "ads": {"zh": "广告引流", "en": "Spam and ads"},
        "other": {"zh": "其他", "en": "Other"},
    },
    "dimension": {
        "group": {"zh": "群", "en": "Group"},
        "tenure": {"zh": "入群时长", "en": "Time in group"},
        "source": {"zh": "入群来源", "en": "Join source"},
        "cohort": {"zh": "入群周", "en": "Join week"},
        "activity": {"zh": "退群前活跃度", "en": "Activity before leaving"},
    },
    "risk": {
        "spam": {"zh": "广告/拉群", "en": "ads / group invites"},
        "scam": {"zh": "诈骗风险", "en": "scam risk"},
        "ad_law": {"zh": "广告法用语", "en": "ad-law wording"},
        "sensitive": {"zh": "敏感词", "en": "sensitive words"},
        "complaint": {"zh": "投诉/售后", "en": "complaint"},
        "unanswered_complaint": {"zh": "未回应投诉", "en": "unanswered complaint"},
    },
    "risk_rule": {  # analytics.risk_rules names its rules in Chinese; these are the keys
        "链接": {"zh": "链接", "en": "link"},
        "二维码/拉群": {"zh": "二维码/拉群", "en": "QR code / group invite"},
        "加私人微信": {"zh": "加私人微信", "en": "add me on WeChat"},
        "兼职/刷单": {"zh": "兼职/刷单", "en": "side jobs / fake orders"},
        "代收款": {"zh": "代收款", "en": "collecting payments"},
        "私下转账": {"zh": "私下转账", "en": "private transfer"},
        "冒充管理员": {"zh": "冒充管理员", "en": "impersonating an admin"},
        "广告法绝对化用语": {"zh": "广告法绝对化用语", "en": "absolute ad claims"},
        "敏感词": {"zh": "敏感词", "en": "sensitive words"},
        "投诉/售后": {"zh": "投诉/售后", "en": "complaint / after-sales"},
        "24 小时无人回应": {"zh": "24 小时无人回应", "en": "no answer within 24 hours"},
    },
    "stage": {  # analytics.segments keys its stages and tiers by their Chinese names
        "新用户": {"zh": "新用户", "en": "new"},
        "活跃": {"zh": "活跃", "en": "active"},
        "核心": {"zh": "核心", "en": "core"},
        "沉默": {"zh": "沉默", "en": "silent"},
        "高价值": {"zh": "高价值", "en": "high value"},
        "成长": {"zh": "成长", "en": "growing"},
        "普通": {"zh": "普通", "en": "regular"},
        "沉睡": {"zh": "沉睡", "en": "dormant"},
        "未购买": {"zh": "未购买", "en": "no purchase"},
        "流失预警": {"zh": "流失预警", "en": "at risk"},
    },
    "role": {
        "owner": {"zh": "群主", "en": "owner"},
        "admin": {"zh": "管理员", "en": "admin"},
        "member": {"zh": "成员", "en": "member"},
    },
    "granularity": {
        "day": {"zh": "按天", "en": "Daily"},
        "week": {"zh": "按周", "en": "Weekly"},
    },
}

# import formats and counts, member-count basis, admin sources, drafting forms: kept beside their texts
LABELS |= groups.LABELS | screens.LABELS | imports.LABELS


def group_or_all(group: str | None, language: str = "zh") -> str:
    """A group's name, or "all groups" for ``None`` (the pages' every-group choice)."""
    return label("scope", ALL_GROUPS, language) if group is None else group


def label(kind: str, key: str | None, language: str = "zh") -> str:
    """The label of ``key`` among the values of ``kind``; an unknown value is shown as it is."""
    if key is None:
        return ""
    entry = LABELS.get(kind, {}).get(key)
    if entry is None:
        return key
    return entry.get(language, entry["zh"])


def keys(kind: str) -> list[str]:
    """The known values of ``kind`` (for choosers that list them)."""
    return list(LABELS[kind])
