"""Words of the briefing (digests, alerts, schedules, deliveries) in Chinese and English.

Kept beside the code that uses them rather than in ``assistant/i18n.py`` so the briefing can grow
without touching the shared catalogue; :func:`tr` falls back the same way ``i18n.t`` does
(Chinese, then the key itself). Enum-like values (statuses, intents, jobs, channels) each have a
key, shown only in ``--json``, and a label in both languages.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # digest sections
    "digest.title": {"zh": "群日报", "en": "Group digest"},
    "digest.all": {"zh": "全部群", "en": "All groups"},
    "digest.member": {"zh": "成员：{name}", "en": "Member: {name}"},
    "digest.overview": {"zh": "各群一览", "en": "Groups at a glance"},
    "digest.summary": {"zh": "摘要", "en": "Summary"},
    "digest.volume": {"zh": "消息与活跃", "en": "Volume and active members"},
    "digest.membership": {"zh": "入群与退群", "en": "Joins and exits"},
    "digest.topics": {"zh": "今日话题", "en": "Topics"},
    "digest.unanswered": {"zh": "未回复的提问", "en": "Questions still unanswered"},
    "digest.complaints": {"zh": "投诉与处理状态", "en": "Complaints and their status"},
    "digest.todos": {"zh": "@管理员 / 待办", "en": "@admin / to-dos"},
    "digest.orders": {"zh": "接龙与订单", "en": "接龙 and orders"},
    "digest.risks": {"zh": "风险（广告、诈骗）", "en": "Risks (ads, scams)"},
    "digest.none": {"zh": "无", "en": "none"},
    "digest.no_admins": {"zh": "不知道谁是管理员（导入成员名单或由管理员账号导出后可判断是否已回复）",
                         "en": "admins unknown (import a member list or export from an admin's account to judge replies)"},
    "digest.messages": {"zh": "消息 {n} 条", "en": "{n} messages"},
    "digest.speakers": {"zh": "发言 {n} 人", "en": "{n} active members"},
    "digest.usual": {"zh": "平时 {n}", "en": "usual {n}"},
    "digest.usual_unknown": {"zh": "此前没有可比的数据", "en": "no earlier data to compare"},
    "digest.usual_line": {"zh": "平时 {messages} 条、{people} 人（前 {days} 个有消息的日子平均），{change}",
                          "en": "usually {messages} messages and {people} members (average of the {days} days with messages before), {change}"},
    "digest.joins": {"zh": "入群 {n} 人", "en": "{n} joined"},
    "digest.exits": {"zh": "退群 {n} 人", "en": "{n} left"},
    "digest.exits_unknown": {"zh": "退群：该群导出不记录退群，导入两次以上成员名单后可推断",
                             "en": "exits: this group's exports do not record them; import member lists twice or more to infer them"},
    "digest.topic_line": {"zh": "{label}（{messages} 条，{people} 人，{start}–{end}）",
                          "en": "{label} ({messages} messages, {people} people, {start}–{end})"},
    "digest.questions": {"zh": "成员提问 {n} 条，其中未回复 {open} 条",
                         "en": "{n} member questions, {open} without an answer"},
    "digest.orders_line": {"zh": "订单 {count} 笔，下单 {buyers} 人，金额 {amount}，退款 {refunds}",
                           "en": "{count} orders from {buyers} buyers, amount {amount}, refunds {refunds}"},
    "digest.orders_unknown": {"zh": "没有导入订单表", "en": "no order sheet imported"},
    "digest.solitaire": {"zh": "接龙 {n} 次", "en": "{n} 接龙 posts"},
    "digest.quiet": {"zh": "没有消息", "en": "no messages"},
    "digest.line": {"zh": "{group}：{volume}{change}，发言 {speakers} 人；{members}；待处理 {open} 件{risks}{topics}",
                    "en": "{group}: {volume}{change}, {speakers} active; {members}; {open} open items{risks}{topics}"},
    "digest.line_topics": {"zh": "；话题：{labels}", "en": "; topics: {labels}"},
    "digest.line_risks": {"zh": "；风险 {n} 条", "en": "; {n} risk messages"},
    "digest.line_members": {"zh": "入群 {joins}、退群 {exits}", "en": "{joins} joined, {exits} left"},
    "digest.fallback_day": {"zh": "{asked} 没有任何消息，下面是最近有数据的一天（{day}）。",
                            "en": "{asked} had no messages; showing the latest day with data ({day})."},
    "digest.generated": {"zh": "生成于 {at} · {mode}", "en": "Generated {at} · {mode}"},
    "digest.offline": {"zh": "离线组合", "en": "composed offline"},
    "digest.png_unavailable": {
        "zh": "无法生成 PNG：本机没有找到 Chromium（chromium / chromium-browser）。请安装 Chromium（Debian/Ubuntu：apt-get install chromium），或改用 --out 文件.html。",
        "en": "Cannot write a PNG: no Chromium (chromium / chromium-browser) was found. Install it (Debian/Ubuntu: apt-get install chromium) or use --out FILE.html instead.",
    },
    # statuses
    "status.answered": {"zh": "已回复", "en": "answered"},
    "status.open": {"zh": "24 小时无人回复", "en": "no answer in 24 h"},
    "status.waiting": {"zh": "尚未回复", "en": "not answered yet"},
    "via.invite": {"zh": "邀请", "en": "invite"},
    "via.qr": {"zh": "扫码", "en": "QR code"},
    "via.link": {"zh": "链接", "en": "link"},
    "via.request": {"zh": "申请", "en": "request"},
    "via.direct": {"zh": "直接加入", "en": "direct"},
    "via.unknown": {"zh": "方式未知", "en": "unknown"},
    "exit.voluntary": {"zh": "主动退群", "en": "left"},
    "exit.removed": {"zh": "被移出", "en": "removed"},
    "exit.inferred": {"zh": "快照推断", "en": "inferred"},
    "todo.mention": {"zh": "@管理员", "en": "@admin"},
    "todo.asks": {"zh": "找管理员", "en": "asks for an admin"},
    "risk.spam": {"zh": "广告/拉群", "en": "ads / group invites"},
    "risk.scam": {"zh": "诈骗风险", "en": "scam risk"},
}


def tr(key: str, language: str = "zh", **values: object) -> str:
    """The text for ``key`` in ``language`` (Chinese when missing), formatted with ``values``."""
    entry = TEXTS.get(key, {})
    text = entry.get(language) or entry.get("zh") or key
    return text.format(**values) if values else text


def number(value: float, language: str = "zh") -> str:
    """A count or an average as an operator reads it: 1,234 / 12.5."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def percent(change: float | None) -> str:
    return "" if change is None else f"{change:+.0%}"
