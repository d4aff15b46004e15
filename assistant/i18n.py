"""UI text in Simplified Chinese (default) and English, chosen by ``ASSISTANT_LANGUAGE``.

The catalogue lives in the library so that every skin (pages, CLI) says the same thing.
A missing key falls back to Chinese, then to the key itself, so a gap shows up as visible text.
"""

from __future__ import annotations

CATALOG: dict[str, dict[str, str]] = {
    "app.title": {"zh": "群运营助手", "en": "Community Ops Assistant"},
    "nav.chat": {"zh": "对话", "en": "Chat"},
    "nav.settings": {"zh": "设置", "en": "Settings"},
    "mode.offline": {"zh": "离线", "en": "Offline"},
    "mode.label": {"zh": "回答模式", "en": "Answered by"},
    "mode.offline_banner": {
        "zh": "当前为离线模式：回答直接取自运营手册。在「设置」里填写 OPENAI_API_KEY 或 OPENAI_BASE_URL 即可接入大模型。",
        "en": "Offline mode: answers come straight from the playbooks. Set OPENAI_API_KEY or OPENAI_BASE_URL on the Settings page to use an LLM.",
    },
    "chat.title": {"zh": "对话", "en": "Chat"},
    "chat.new": {"zh": "新对话", "en": "New chat"},
    "chat.input": {"zh": "问一个运营问题，例如：退群率多少算正常？", "en": "Ask an operations question, e.g. what churn rate is normal?"},
    "chat.sources": {"zh": "来源", "en": "Sources"},
    "chat.no_sources": {"zh": "没有引用手册段落。", "en": "No playbook passage was cited."},
    "chat.tokens": {"zh": "tokens：提示 {prompt} / 回答 {completion}", "en": "tokens: prompt {prompt} / completion {completion}"},
    "chat.quick": {"zh": "常用任务", "en": "Quick actions"},
    "chat.unavailable": {"zh": "助手无法启动：", "en": "The assistant could not start: "},
    "quick.announcement": {"zh": "写群公告", "en": "Announcement"},
    "quick.rules": {"zh": "定群规", "en": "Group rules"},
    "quick.activity": {"zh": "策划活动", "en": "Activity plan"},
    "quick.dispute": {"zh": "纠纷处理", "en": "Dispute"},
    "quick.complaint": {"zh": "回复投诉", "en": "Complaint reply"},
    "quick.report": {"zh": "周报看什么", "en": "Weekly metrics"},
    "quick.announcement.q": {"zh": "写群公告要包含哪些要素？", "en": "What should a group announcement contain?"},
    "quick.rules.q": {"zh": "群规应该包含哪些模块？", "en": "Which parts should group rules cover?"},
    "quick.activity.q": {"zh": "拼团秒杀活动怎么设计，效果一般能到多少？", "en": "How do I design a group-buy flash sale and what results can I expect?"},
    "quick.dispute.q": {"zh": "群里买卖双方发生纠纷，应该怎么处理？", "en": "How should I handle a dispute between buyer and seller in the group?"},
    "quick.complaint.q": {"zh": "客户投诉多久要回复？回复怎么写？", "en": "How fast must I answer a complaint, and how do I write the reply?"},
    "quick.report.q": {"zh": "每周要看哪些数据指标？健康线是多少？", "en": "Which metrics should I check every week, and what are the healthy levels?"},
    "settings.title": {"zh": "设置", "en": "Settings"},
    "settings.intro": {
        "zh": "设置保存在当前目录的 .env 文件中；环境变量优先于 .env。",
        "en": "Settings are saved to .env in the working directory; environment variables take precedence.",
    },
    "settings.save": {"zh": "保存设置", "en": "Save settings"},
    "settings.saved": {"zh": "已保存，助手已按新设置重新加载。", "en": "Saved; the assistant reloaded with the new settings."},
    "settings.key_set": {"zh": "已设置（留空则保持不变）", "en": "set (leave empty to keep it)"},
    "settings.clear_key": {"zh": "清除已保存的密钥", "en": "Remove the saved key"},
    "settings.env_locked": {"zh": "由环境变量 {name} 设定，此处修改无效。", "en": "Set by the environment variable {name}; changes here have no effect."},
    "settings.advanced": {"zh": "高级", "en": "Advanced"},
}


def t(key: str, language: str = "zh", **values: object) -> str:
    """The text for ``key`` in ``language``, formatted with ``values``."""
    entry = CATALOG.get(key, {})
    text = entry.get(language) or entry.get("zh") or key
    return text.format(**values) if values else text
