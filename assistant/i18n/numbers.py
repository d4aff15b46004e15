"""The analytics' own words: the notes beside the metrics (why a figure is missing, how it is
counted) and the member list's CSV columns. The analytics are told the workspace language, so ``--json``, the CLI, the report and the
dashboard carry the note in the language the rest of the screen is in."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "segments.csv.group": {"zh": "群", "en": "Group"},
    "segments.csv.member_id": {"zh": "成员ID", "en": "Member ID"},
    "segments.csv.name": {"zh": "昵称", "en": "Name"},
    "segments.csv.stage": {"zh": "生命周期", "en": "Lifecycle"},
    "segments.csv.tier": {"zh": "价值分层", "en": "Value tier"},
    "segments.csv.churn_risk": {"zh": "流失预警", "en": "At risk"},
    "segments.csv.days": {"zh": "入群天数", "en": "Days in group"},
    "segments.csv.last_message": {"zh": "最后发言", "en": "Last message"},
    "segments.csv.messages_30d": {"zh": "近30天发言", "en": "Messages (30 days)"},
    "segments.csv.orders_30d": {"zh": "近30天订单", "en": "Orders (30 days)"},
    "segments.csv.yes": {"zh": "是", "en": "yes"},
    "metric.note.reach": {"zh": "聊天记录导出不含阅读和屏蔽数据，无法计算消息触达率。",
                          "en": "Chat exports hold no read or mute data, so the reach cannot be computed."},
    "metric.note.exits_unseen": {
        "zh": "该平台不记录主动退群；请定期导入成员名单快照（至少两次）以推算退群。",
        "en": "This platform does not record members leaving; import member lists regularly (at least two) to infer exits."},
    "metric.note.no_orders": {
        "zh": "没有订单数据（快团团等导出，或群里的接龙），无法计算转化与成交。",
        "en": "No order data (KuaiTuanTuan exports and the like, or the group's sign-up lists): conversion and sales cannot be computed."},
    "metric.note.no_admins": {
        "zh": "不知道谁是群主或管理员：导入含角色的成员名单，或由群主账号导出聊天记录。",
        "en": "It is not known who the owner or admins are: import a member list with roles, or export the chat from the owner's account."},
    "metric.note.inferred_exits": {"zh": "部分退群由成员快照对比推断，时间只确定在两次快照之间。",
                                   "en": "Some exits are inferred by comparing member lists; their time is only known to lie between two lists."},
    "metric.note.solitaire": {"zh": "订单{share}读自群接龙（每行一单，未见付款）。",
                              "en": "{share} read from the group's sign-up lists (one order a line, no payment seen)."},
    "metric.note.solitaire_all": {"zh": "全部", "en": "All orders"},
    "metric.note.solitaire_some": {"zh": "{n} / {total} 笔", "en": "{n} of {total} orders"},
    "metric.note.solitaire_gmv": {"zh": "接龙未标单价的行不计金额。", "en": " Lines without a unit price count no amount."},
    "metric.note.mix_admins": {"zh": "按管理员发布的消息统计。", "en": "Counted over the admins' messages."},
    "metric.note.mix_all": {"zh": "未识别出管理员，按全部消息统计。", "en": "No admins recognised: counted over all messages."},
    "metric.note.cohort": {"zh": "统计入群满 {days} 天落在本期的新人。",
                           "en": "Newcomers whose day {days} in the group fell in this period."},
}
