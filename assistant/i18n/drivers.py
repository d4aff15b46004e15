"""The sentences the churn explainer tells its findings in: each driver's explanation and how to
confirm it, the exit breakdown, the inferred admins. Values are numbers or user data (group and
member names); a phrase that differs by language is passed as ``{"zh": …, "en": …}``."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # message_overload
    "churn.message_overload.flood": {
        "zh": "{group} 刷屏：{days} 天消息量远超平时，每天约 {mean} 条（平时 {usual} 条），人均每天 {per_member} 条（平时 {usual_per_member} 条）；",
        "en": "{group} was flooded: on {days} days there were far more messages than usual, about {mean} a day "
              "(usually {usual}), {per_member} per member a day (usually {usual_per_member}). "},
    "churn.message_overload.chatter": {"zh": "其中短闲聊（哈哈、+1、表情等）占 {now}（平时 {before}）；",
                                       "en": "Short chatter (haha, +1, stickers…) made up {now} of it (usually {before}). "},
    "churn.message_overload.loudest": {"zh": "发言最多的是 {loud}。", "en": "The most talkative: {loud}."},
    "churn.message_overload.count": {"zh": "{name}({n}条)", "en": "{name} ({n} messages)"},
    "churn.message_overload.confirm": {"zh": "设定分时段发言和定时推送，限制刷屏与闲聊；观察消息量回落后退群率是否下降。",
                                       "en": "Set talking hours and scheduled posts, curb floods and chatter; check whether exits "
                                             "fall once the volume drops."},
    # admin_unresponsive
    "churn.admin_unresponsive.share": {
        "zh": "管理员回应变差：本期 {asked} 个提问中 {missed} 个 24 小时内没有得到回应（引用、@提问人或就该问题作答）（{share}，平时 {usual}）",
        "en": "Admins stopped answering: {missed} of {asked} questions this period got no answer within 24 hours "
              "(a quote, an @ of the asker or an answer on the topic) ({share}, usually {usual})"},
    "churn.admin_unresponsive.nudges": {"zh": "，{n} 次有人催问（有人吗/管理员在吗）",
                                        "en": "; members asked whether anyone was there {n} times"},
    "churn.admin_unresponsive.askers": {"zh": "；{share} 的退群者正是没得到回应的提问人。",
                                        "en": "; {share} of those who left are askers who got no answer."},
    "churn.admin_unresponsive.confirm": {"zh": "安排值班表，保证工作时间 1 小时内回应；检查管理员是否请假或离职。",
                                         "en": "Set up a duty rota so questions get an answer within an hour in working "
                                               "hours; check whether an admin is away or has left."},
    # the drivers read from messages
    "churn.messages": {"zh": "{what}：本期 {n} 条（每天 {per_day} 条，平时每天 {usual} 条），{timing} 的退群发生在这些消息之后 72 小时内。",
                       "en": "{what}: {n} this period ({per_day} a day, usually {usual} a day); {timing} of the exits came "
                             "within 72 hours after them."},
    "churn.complainers_left": {"zh": "退群者中有 {n} 人正是投诉没有得到回应的成员。",
                               "en": " {n} of those who left are members whose complaints got no answer."},
    "churn.senders_left": {"zh": "退群者中有 {n} 人正是这些消息的发送者（多为被移出的账号），其余才是受影响离开的成员。",
                           "en": " {n} of those who left sent these messages themselves (mostly removed accounts); the "
                                 "rest left over them."},
    "churn.spam_ads.what": {"zh": "广告/拉群/加私人微信的消息明显多于平时",
                            "en": "Far more ads, invitations to other groups and “add me privately” messages than usual"},
    "churn.spam_ads.confirm": {"zh": "查看这些发送者是否是近期入群的新号；在群规中写明禁止广告并移出发送者后，观察下周退群率是否回落。",
                               "en": "Check whether the senders are new accounts; ban ads in the group rules, remove the "
                                     "senders and see whether next week's exit rate falls back."},
    "churn.scam_incident.what": {"zh": "出现代收款、私下转账或冒充管理员的消息",
                                 "en": "Messages collecting money, asking for private transfers or impersonating an admin"},
    "churn.scam_incident.confirm": {"zh": "私聊退群成员确认是否有人被骗；核对冒充者账号并移出；在群公告里重申只走群收款。",
                                    "en": "Ask those who left privately whether anyone was cheated; check and remove the "
                                          "impersonating account; remind everyone in a notice to pay only the group's own way."},
    "churn.unresolved_complaints.what": {"zh": "成员的投诉或售后问题长时间没有管理员回应",
                                         "en": "Members' complaints and after-sales problems went unanswered by the admins"},
    "churn.unresolved_complaints.confirm": {"zh": "逐条回复这些投诉（按 1-3-5 规则：1 小时响应、3 天给方案、5 天回访），看退群是否减少。",
                                            "en": "Answer each of these complaints (the 1-3-5 rule: respond within an hour, "
                                                  "a solution in 3 days, follow up in 5) and see whether exits fall."},
    "churn.promo_fatigue.what": {"zh": "管理员发布的促销和产品推送明显比平时频繁",
                                 "en": "Admins posted promotions and product pushes far more often than usual"},
    "churn.promo_fatigue.confirm": {"zh": "把产品推荐控制在每天 1-2 次、福利活动每周 1-2 次，增加互动和资讯内容，观察一周。",
                                    "en": "Keep product posts to 1–2 a day and deals to 1–2 a week, add conversation and "
                                          "useful information, and watch for a week."},
    # low_quality_influx
    "churn.low_quality_influx.cohort": {
        "zh": "{group} 的一批新人（来源：{source}）入群后很快离开：{joined} 人中 {fast} 在两周内退群（其他来源 {others}），占该群本期退群的 {share}。",
        "en": "A batch of newcomers to {group} (source: {source}) left soon after joining: {fast} of {joined} left within "
              "two weeks (other sources {others}), {share} of the group's exits this period."},
    "churn.low_quality_influx.joined": {"zh": "{name} 入群（{source}），{days} 天后退群",
                                        "en": "{name} joined ({source}) and left {days} day(s) later"},
    "churn.low_quality_influx.confirm": {"zh": "核对这批人的拉新渠道和激励规则（是否为领奖即退的薅羊毛用户），下次活动提高入群门槛或改为下单后发奖。",
                                         "en": "Check this batch's channel and reward rules (did they leave as soon as they "
                                               "got the prize?); next time raise the bar to join or reward only after an order."},
    "churn.source.campaign": {"zh": "活动 {name}", "en": "campaign {name}"},
    "churn.source.inviter": {"zh": "{name} 邀请", "en": "invited by {name}"},
    "churn.source.qr": {"zh": "扫码入群", "en": "QR code"},
    "churn.source.link": {"zh": "链接入群", "en": "invite link"},
    "churn.source.invite": {"zh": "邀请入群", "en": "invitation"},
    "churn.source.unknown": {"zh": "来源不明", "en": "unknown source"},
    # admins the answer-based drivers relied on
    "churn.admins_inferred": {"zh": "（管理员按行为推断：{names}，可在「群数据」页更正。）",
                              "en": " (Admins inferred from behaviour: {names}; correct them on the Groups page.)"},
    "churn.admin_reason.removed": {"zh": "移出过 {n} 名成员", "en": "removed {n} members"},
    "churn.admin_reason.pinned": {"zh": "发布过 {n} 次群公告/接龙/置顶", "en": "posted {n} notices, sign-up lists or pins"},
    "churn.admin_reason.notices": {"zh": "{days} 天中有 {notice_days} 天发布通知、团购、接龙或促销（共 {n} 条）",
                                   "en": "posted notices, group buys, sign-up lists or deals on {notice_days} of {days} days "
                                         "({n} in all)"},
    "churn.admin_reason.answered": {"zh": "回答了 {askers} 位成员的 {n} 个提问（引用或@提问人）",
                                    "en": "answered {n} questions from {askers} members (quoting or @-mentioning them)"},
    # the CLI's churn text
    "churn.cli.head": {"zh": "{group} · {period}: 退群 {exits} 人（{split}）/ 期初 {members} 人",
                       "en": "{group} · {period}: {exits} left ({split}) / {members} members at the start"},
    "churn.cli.driver": {"zh": "{n}. {label}（得分 {score}，可信度 {confidence}）", "en": "{n}. {label} (score {score}, confidence {confidence})"},
    "churn.cli.confirm": {"zh": "如何确认：{text}", "en": "How to confirm: {text}"},
    "churn.cli.not_judged": {"zh": "未能判断 {label}：{reason}", "en": "Not judged: {label}: {reason}"},
    "churn.cli.admins": {"zh": "{group} 管理员按行为推断：{names}（更正：python -m assistant groups admins set/unset）",
                         "en": "Admins of {group} inferred from behaviour: {names} (correct with: python -m assistant "
                               "groups admins set/unset)"},
    "churn.cli.admin": {"zh": "{name}（{reasons}）", "en": "{name} ({reasons})"},
    "churn.unseen": {"zh": "{groups} 无法统计退群（缺少成员快照），未计入。",
                     "en": "Exits of {groups} cannot be counted (no member lists) and are left out."},
    # exit breakdown values (analytics.decompose)
    "churn.segment.before_records": {"zh": "记录开始前", "en": "before the records"},
    "churn.segment.tenure_unknown": {"zh": "入群时间未知（记录前已在群）", "en": "unknown (in the group before the records)"},
    "churn.segment.days_0_7": {"zh": "0-7天", "en": "0–7 days"},
    "churn.segment.days_8_30": {"zh": "8-30天", "en": "8–30 days"},
    "churn.segment.days_31_90": {"zh": "31-90天", "en": "31–90 days"},
    "churn.segment.days_90_plus": {"zh": "90天以上", "en": "over 90 days"},
    "churn.segment.silent": {"zh": "沉默（0条）", "en": "silent (0 messages)"},
    "churn.segment.occasional": {"zh": "偶尔发言（1-5条）", "en": "occasional (1–5 messages)"},
    "churn.segment.active": {"zh": "活跃（5条以上）", "en": "active (over 5 messages)"},
    "churn.segment.source_unknown": {"zh": "入群方式不明", "en": "unknown way in"},
    "churn.segment.line": {"zh": "{dimension}「{value}」{exits} 人", "en": "{dimension} “{value}”: {exits}"},
}
TEXTS |= {
    "churn.unexplained": {"zh": "退群显著上升，但没有找到符合条件的原因。", "en": "Exits rose significantly, but no driver qualifies."},
    "churn.concentrated": {"zh": "退群集中在：{top}。", "en": " Exits concentrate in: {top}."},
    "churn.no_driver": {"zh": "没有发现突出的原因。", "en": "No driver stands out."},
    "churn.unsupported": {"zh": "{groups} 的导出不记录主动退群，也没有至少两次成员名单快照，无法统计退群。请导入成员名单后再分析。",
                          "en": "The exports of {groups} record no voluntary exits and have fewer than two member lists, so "
                                "exits cannot be counted. Import member lists, then ask again."},
    "churn.all_groups": {"zh": "全部群", "en": "All groups"},
}
