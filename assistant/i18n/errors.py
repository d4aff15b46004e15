"""The analytics' fix-it errors (no data, an unknown group or member, a malformed week or date range).

They are raised deep in the analytics, which are told the workspace language, so the CLI, the
chat's tools and the pages show them in the language the rest of the screen is in.
"""

from __future__ import annotations

TEXTS = {
    "cli.error": {"zh": "错误: {message}", "en": "Error: {message}"},
    "analytics.error.no_data": {
        "zh": "还没有导入任何群的数据。请先在「群数据」页导入聊天记录，或运行 python -m assistant demo 载入示例。",
        "en": "No group data has been imported yet. Import chat records on the Groups page, "
              "or run python -m assistant demo to load the example."},
    "analytics.error.no_group": {"zh": "没有名为「{name}」的群。已导入的群：{names}",
                                 "en": "There is no group named “{name}”. Imported groups: {names}"},
    "analytics.error.since_until": {"zh": "--since 和 --until 需要同时给出。", "en": "--since and --until go together."},
    "analytics.error.week_format": {"zh": "周的格式应为 YYYY-Www，例如 2026-W07，而不是「{text}」。",
                                    "en": "A week is written YYYY-Www, e.g. 2026-W07, not “{text}”."},
    "analytics.error.no_week": {"zh": "{year} 年没有第 {week} 周。", "en": "{year} has no week {week}."},
    "analytics.error.date_format": {"zh": "日期应写成 YYYY-MM-DD，例如 2026-03-01：{reason}",
                                    "en": "Write dates as YYYY-MM-DD, e.g. 2026-03-01: {reason}"},
    "analytics.error.range_order": {"zh": "结束日期 {last} 早于开始日期 {first}。",
                                    "en": "The end date {last} is before the start date {first}."},
    "analytics.error.range_long": {"zh": "时间范围超过十年，请缩小范围。",
                                   "en": "The date range is longer than ten years; choose a shorter one."},
    "analytics.error.no_member": {
        "zh": "群「{group}」里没有成员「{member}」。用 groups admins list --group {group} 查看成员 ID，或写群昵称。",
        "en": "“{group}” has no member “{member}”. See the member ids with groups admins list --group {group}, "
              "or write the group nickname."},
    "analytics.error.many_members": {"zh": "「{member}」对应多个成员（{ids}），请改用成员 ID。",
                                     "en": "“{member}” matches several members ({ids}); use the member id instead."},
    "history.error.empty_query": {"zh": "搜索内容是空的，请输入要找的关键词，例如：发票。",
                                  "en": "The search is empty: type the words to look for, e.g. invoice."},
    "history.error.reversed": {"zh": "结束日期 {until} 早于开始日期 {since}，请交换两者。",
                               "en": "The end date {until} is before the start date {since}: swap them."},
    "history.error.weeks": {"zh": "周数应在 1 到 52 之间，而不是 {weeks}。", "en": "Weeks go from 1 to 52, not {weeks}."},
    "history.error.date": {"zh": "日期「{value}」的格式不对，请写成 YYYY-MM-DD，例如 2026-03-01。",
                           "en": "“{value}” is not a date: write it as YYYY-MM-DD, e.g. 2026-03-01."},
    "analytics.error.week_not_over": {"zh": "{week} 还没有结束或没有数据；最近一个完整的周是 {latest}。",
                                      "en": "{week} is not over yet or has no data; the latest complete week is {latest}."},
}
