"""The history importers' rarer words: why a row was skipped, a format's own warnings, and the
fix-it errors of a cut-off, malformed or incomplete export (CSV columns, missing fields, QCE,
WeCom, WhatsApp, LINE, ChatLab, WeFlow). The importers are told the workspace language through
the file's :class:`~assistant.history.source.Source` (and the batch it fills), so ``history import``
and the 群数据 page report them in the language the rest of the screen is in. The field names in
them (``CreateTime``, ``MemChangeList``…) are the exporters' own and stay as they are."""

from __future__ import annotations

# Why rows were skipped (counted per reason in the import report) and where the first ones were.
TEXTS: dict[str, dict[str, str]] = {
    "import.skip.example": {"zh": "第 {where} 行: {reason}", "en": "line {where}: {reason}"},
    "import.skip.message": {"zh": "消息 {id}", "en": "message {id}"},
    "import.skip.record": {"zh": "第 {n} 条记录", "en": "record {n}"},
    "import.skip.private": {"zh": "私聊（一对一），未导入；确需导入请加 --allow-private",
                            "en": "one-to-one chat, not imported; add --allow-private to import it"},
    "import.skip.time": {"zh": "时间无法识别", "en": "unreadable time"},
    "import.skip.message_time": {"zh": "消息时间无法识别", "en": "unreadable message time"},
    "import.skip.field_time": {"zh": "{field} 无法识别", "en": "unreadable {field}"},
    "import.skip.not_unix": {"zh": "{field} 不是 Unix 秒", "en": "{field} is not Unix seconds"},
    "import.skip.both_times": {"zh": "CreateTime 和 StrTime 都无法识别", "en": "neither CreateTime nor StrTime is readable"},
    "import.skip.type": {"zh": "Type 不是数字", "en": "Type is not a number"},
    "import.skip.not_chat": {"zh": "不是聊天（{kind}）", "en": "not a chat ({kind})"},
    "import.skip.not_contact": {"zh": "不是联系人对象", "en": "not a contact object"},
    "import.skip.not_object": {"zh": "消息不是 JSON 对象", "en": "the message is not a JSON object"},
    "import.skip.no_payment": {"zh": "支付时间为空或无法识别（多为未支付订单）",
                               "en": "no or unreadable payment time (mostly unpaid orders)"},
    "import.skip.no_date_line": {"zh": "缺少日期行，时间无法确定", "en": "no date line, so the time is unknown"},
    "import.skip.member_field": {"zh": "成员缺少 {field}", "en": "a member without {field}"},
    "import.skip.line_type": {"zh": "未知的行类型 {kind}", "en": "unknown line type {kind}"},
    "import.skip.before_header": {"zh": "在第一个「名字 时间」消息头之前，认不出是谁说的",
                                  "en": "before the first “name time” header, so the sender is unknown"},
    "import.skip.snapshot_time": {"zh": "快照时间无法识别", "en": "unreadable list time"},
    "import.skip.no_member": {"zh": "没有成员 ID 或昵称", "en": "no member id or nickname"},
    "import.skip.switch": {"zh": "切换企业记录（非聊天）", "en": "a switch of company (not chat)"},
    "import.skip.no_order_no": {"zh": "缺少订单号", "en": "no order number"},
    "import.skip.order_time": {"zh": "下单时间为空或无法识别", "en": "no or unreadable order time"},
    "import.skip.not_event": {"zh": "不是客户群变更事件（{event}）", "en": "not a customer-group change event ({event})"},
}

# A format's own warnings about what it read.
TEXTS |= {
    "import.warn.day_month": {"zh": "文件里的日期都不超过 12，无法确定是「日/月」还是「月/日」，已按 {order} 读取。",
                              "en": "No date in the file is over 12, so day/month cannot be told from month/day; "
                                    "read as {order}."},
    "import.warn.mdy": {"zh": "月/日", "en": "month/day"},
    "import.warn.dmy": {"zh": "日/月", "en": "day/month"},
    "import.warn.qce_total": {"zh": "文件结尾写着 {total} 条消息，读到 {count} 条；可能有内容被误认为消息开头。",
                              "en": "The file's end says {total} messages; {count} were read. Some text may have been "
                                    "taken for the start of a message."},
    "import.warn.qce_stated": {"zh": "统计里写着 {stated} 条消息，文件里有 {count} 条；导出可能不完整。",
                               "en": "The statistics say {stated} messages; the file holds {count}. The export may be "
                                     "incomplete."},
    "import.warn.mem_change_list": {
        "zh": "部分事件没有 MemChangeList，只记录了变动人数；请配合 groupchat/get 快照使用。",
        "en": "Some events have no MemChangeList, so only the number of members who changed was recorded; import "
              "groupchat/get snapshots with them."},
    "import.wecom_statistic": {"zh": "企业微信客户群统计", "en": "WeCom customer group statistics"},
}

# A cut-off or malformed export: what is wrong with it, and how to get a good one.
TEXTS |= {
    "import.error.truncated": {"zh": "{file} 不完整：{what}。文件没有导出完或被截断，已整个跳过；请重新导出后再导入。",
                               "en": "{file} is incomplete: {what}. The export did not finish or was cut off, so the "
                                     "whole file was skipped; export it again, then import it."},
    "import.cut.last_line": {"zh": "最后一行没有写完（这个导出工具的每一行都以换行结束）",
                             "en": "the last line is unfinished (this exporter ends every line with a line break)"},
    "import.cut.half_line": {"zh": "{where}第 {line} 行只写了一半", "en": "{where}line {line} is only half written"},
    "import.cut.last_message": {"zh": "最后一条消息没有写完", "en": "the last message is unfinished"},
    "import.cut.last_message_from": {"zh": "最后一条消息（第 {line} 行起）没有写完",
                                     "en": "the last message (from line {line}) is unfinished"},
    "import.cut.memotrace_txt": {"zh": "最后一条消息没有写完（MemoTrace 的 TXT 每条消息以空行结束）",
                                 "en": "the last message is unfinished (MemoTrace's TXT ends every message with a "
                                       "blank line)"},
    "import.cut.qce_footer": {"zh": "结尾没有「导出完成 / 总计导出 N 条消息」",
                              "en": "it does not end with “导出完成 / 总计导出 N 条消息” (export finished / N messages)"},
    "import.cut.chunk_count": {"zh": "{chunk} 应有 {count} 条消息，只有 {found} 条",
                               "en": "{chunk} should hold {count} messages but holds {found}"},
    "import.cut.zip_chunk": {"zh": "压缩包里缺少 {chunk}", "en": "the archive lacks {chunk}"},
    "import.cut.chunk_file": {"zh": "缺少分块文件 {chunk}", "en": "the chunk file {chunk} is missing"},
    "import.error.missing_field": {"zh": "缺少字段 {field}（导出文件不完整，或不是所选格式）。",
                                   "en": "The field {field} is missing (the export is incomplete, or not of the chosen "
                                         "format)."},
    "import.error.json_top": {"zh": "{file} 的 JSON 顶层既不是列表也不是对象。",
                              "en": "The JSON of {file} is neither a list nor an object at its top."},
    "import.error.columns": {"zh": "{file} 第 {line} 行有 {found} 列，表头有 {header} 列：文件可能被截断或被表格软件改坏。请重新导出。",
                             "en": "Line {line} of {file} has {found} columns and the header {header}: the file may be "
                                   "cut off or spoilt by a spreadsheet program. Export it again."},
    "import.error.csv": {"zh": "{file} 第 {line} 行附近 CSV 格式损坏（{error}），文件可能被截断。请重新导出。",
                         "en": "The CSV of {file} is damaged near line {line} ({error}); the file may be cut off. "
                               "Export it again."},
    "import.error.memotrace_csv": {
        "zh": "{file} {where}CSV 格式损坏（{reason}），文件可能没有导出完或被改动过。请重新导出后再导入。",
        "en": "The CSV of {file} is damaged {where}({reason}); the export may not have finished or was changed. "
              "Export it again, then import it."},
    "import.error.memotrace_where": {"zh": "第 {line} 行 ", "en": "at line {line} "},
    "import.error.unclosed_quote": {"zh": "引号没有闭合", "en": "a quote is not closed"},
    "import.error.column_count": {"zh": "列数不对", "en": "wrong number of columns"},
    "import.error.line_json": {"zh": "{file} {where}第 {line} 行不是完整的 JSON（{error}），文件被改动过。请重新导出。",
                               "en": "{where}line {line} of {file} is not complete JSON ({error}); the file was changed. "
                                     "Export it again."},
    "import.error.line_object": {"zh": "{file} {where}第 {line} 行不是 JSON 对象。请确认这是导出工具生成的原始文件。",
                                 "en": "{where}line {line} of {file} is not a JSON object. Make sure this is the "
                                       "exporter's original file."},
    "import.error.content_json": {"zh": "第 {line} 行的 content 列不是 JSON（{error}），文件可能被改动过。请重新导出。",
                                  "en": "The content column of line {line} is not JSON ({error}); the file may have been "
                                        "changed. Export it again."},
    "import.error.no_header": {"zh": "{file} 里没有找到需要的表头。", "en": "The needed header row was not found in {file}."},
}

# Format-specific refusals: the file is of the format, but not a complete or usable export.
TEXTS |= {
    "import.error.qce_manifest": {"zh": "{file} 不是 QQChatExporter 的 manifest.json（缺少 chunked.chunks）。",
                                  "en": "{file} is not a QQChatExporter manifest.json (chunked.chunks is missing)."},
    "import.error.qce_info": {"zh": "{file} 缺少 chatInfo，不是完整的 QQChatExporter 导出。请重新导出。",
                              "en": "{file} has no chatInfo: it is not a complete QQChatExporter export. Export it again."},
    "import.error.qce_messages": {"zh": "{file} 里没有 messages 列表，不是完整的 QQChatExporter 导出。请重新导出。",
                                  "en": "{file} has no messages list: it is not a complete QQChatExporter export. "
                                        "Export it again."},
    "import.error.qce_time": {"zh": "第 {line} 行的时间 {stamp!r} 看不懂。", "en": "The time {stamp!r} on line {line} is not understood."},
    "import.error.qce_empty_sheet": {"zh": "{file} 的聊天记录表是空的。", "en": "The chat sheet of {file} is empty."},
    "import.error.wecom_day": {"zh": "{file} 是按群主汇总的统计，文件里没有日期。请用 --at 指定统计的那一天。",
                               "en": "{file} holds statistics summed per group owner, with no date. Name the day they "
                                     "are of with --at."},
    "import.error.ktt_shipping": {"zh": "{file} 是快团团的发货/备货表，没有支付时间。请在快团团导出「订单」明细后再导入。",
                                  "en": "{file} is a KuaiTuanTuan shipping/stock sheet, with no payment times. Export "
                                        "the order details (订单) from KuaiTuanTuan, then import those."},
    "import.error.line_lines": {"zh": "{file} 里没有认出 LINE 的消息行（如 21:05<Tab>名字<Tab>内容）。",
                                "en": "No LINE message lines (like 21:05<Tab>name<Tab>text) were recognised in {file}."},
    "import.error.line_header": {"zh": "第一行不是 LINE 的「[LINE] Chat history in 群名」。",
                                 "en": "The first line is not LINE's “[LINE] Chat history in GROUP”."},
    "import.error.whatsapp_lines": {"zh": "{file} 里没有认出 WhatsApp 的消息行（如 12/31/24, 9:05 PM - 名字: 内容）。",
                                    "en": "No WhatsApp message lines (like 12/31/24, 9:05 PM - name: text) were "
                                          "recognised in {file}."},
    "import.error.chatlab_messages": {"zh": "{file} 里没有 messages 列表，不是完整的 ChatLab 导出。请重新导出。",
                                      "en": "{file} has no messages list: it is not a complete ChatLab export. Export it again."},
    "import.error.chatlab_head": {"zh": "{file} 缺少 ChatLab 的 chatlab / meta 头信息。请确认这是 ChatLab 标准格式的导出。",
                                  "en": "{file} lacks ChatLab's chatlab / meta header. Make sure it is an export in "
                                        "ChatLab's standard format."},
    "import.error.chatlab_header_line": {"zh": "{file} 第 {line} 行应是 ChatLab 的 header 行（_type=header），却是 {kind!r}。",
                                         "en": "Line {line} of {file} should be ChatLab's header line (_type=header), "
                                               "but is {kind!r}."},
    "import.error.chatlab_empty": {"zh": "{file} 是空的 ChatLab JSONL 文件。请重新导出。",
                                   "en": "{file} is an empty ChatLab JSONL file. Export it again."},
    "import.error.weflow_sheet": {"zh": "{file} 里没有 WeFlow 的聊天记录表（第 4 或第 5 行应以「序号」开头）。",
                                  "en": "{file} holds no WeFlow chat sheet (row 4 or 5 should start with “序号”)."},
    "import.error.echotrace_messages": {"zh": "{file} 里没有 messages 列表，不是完整的 EchoTrace/WeFlow 导出。请重新导出。",
                                        "en": "{file} has no messages list: it is not a complete EchoTrace/WeFlow "
                                              "export. Export it again."},
}

# Which group, and a member of a zip that cannot be read.
TEXTS |= {
    "history.error.no_group": {"zh": "没有叫「{group}」的群。用 `history groups` 查看已导入的群名。",
                               "en": "There is no group named “{group}”. See the imported groups' names with `history groups`."},
    "import.error.no_such_group": {"zh": "文件里有 {n} 个群（{names}），没有叫「{group}」的。请把 --group 写成其中一个群名，或去掉 --group 全部导入。",
                                   "en": "The file holds {n} groups ({names}), none named “{group}”. Give one of those "
                                         "names to --group, or leave --group out to import them all."},
    "import.error.zip_member": {"zh": "{file} 里的 {member} 读不出来（{error}），压缩包可能不完整。请重新打包或重新导出后再导入。",
                                "en": "{member} in {file} cannot be read ({error}); the archive may be incomplete. Pack "
                                      "or export it again, then import it."},
}

# Syncing from a running WeFlow (its API on this machine).
TEXTS |= {
    "weflow.error.no_token": {"zh": "缺少 WeFlow 的访问令牌。请在 WeFlow「设置 → API 服务」里复制 Token 后填入。",
                              "en": "The WeFlow API token is missing. Copy the token from WeFlow's Settings → API service "
                                    "and give it here."},
    "weflow.error.sessions": {"zh": "WeFlow 返回的会话列表格式不对（缺少 sessions）。请确认 WeFlow 已更新到支持 ChatLab 格式的版本。",
                              "en": "WeFlow's list of chats is malformed (sessions is missing). Make sure WeFlow is "
                                    "updated to a version that supports the ChatLab format."},
    "weflow.error.messages": {"zh": "WeFlow 返回的 {talker} 消息不是 ChatLab 格式（缺少 messages）。请确认 WeFlow 版本支持 format=chatlab。",
                              "en": "WeFlow's messages of {talker} are not in the ChatLab format (messages is missing). "
                                    "Make sure this WeFlow version supports format=chatlab."},
    "weflow.error.unreachable": {
        "zh": "连不上 WeFlow（{url}，{reason}）。请确认 WeFlow 正在运行，并在「设置 → API 服务」里开启了 API 服务、端口一致。",
        "en": "Cannot reach WeFlow ({url}, {reason}). Make sure WeFlow is running, its API service is on (Settings → "
              "API service) and the port matches."},
    "weflow.error.not_json": {"zh": "WeFlow 的 {path} 返回的不是 JSON（{error}）。请确认地址指向 WeFlow 的 API 服务。",
                              "en": "WeFlow's {path} did not answer with JSON ({error}). Make sure the address is WeFlow's "
                                    "API service."},
    "weflow.error.url": {"zh": "WeFlow 地址 {url!r} 看不懂。请写成 {example} 这样的形式。",
                         "en": "The WeFlow address {url!r} is not understood. Write it like {example}."},
    "weflow.error.remote": {"zh": "WeFlow 的 API 只在本机（127.0.0.1）上提供，不接受 {host}。访问令牌不会发往其他机器；请在运行 WeFlow 的电脑上同步。",
                            "en": "WeFlow's API is served on this computer only (127.0.0.1), not on {host}. The token is "
                                  "never sent to another machine: sync on the computer that runs WeFlow."},
    "weflow.error.refused": {"zh": "WeFlow 拒绝了访问令牌（HTTP {code}）。请在 WeFlow「设置 → API 服务」里重新复制 Token。",
                             "en": "WeFlow refused the token (HTTP {code}). Copy the token again from WeFlow's Settings → "
                                   "API service."},
    "weflow.error.no_path": {"zh": "WeFlow 没有 {path} 接口（HTTP 404）。请把 WeFlow 更新到提供 HTTP API 的版本。",
                             "en": "WeFlow has no {path} (HTTP 404). Update WeFlow to a version with the HTTP API."},
    "weflow.error.http": {"zh": "WeFlow 处理请求时出错（HTTP {code}，{path}）。请确认数据库已在 WeFlow 里连接好，稍后重试。",
                          "en": "WeFlow failed on the request (HTTP {code}, {path}). Make sure its database is connected "
                                "in WeFlow, then try again."},
    "weflow.session": {"zh": "{name}（{id}）", "en": "{name} ({id})"},
    "weflow.no_groups": {"zh": "（WeFlow 里没有群聊）", "en": "(WeFlow has no group chats)"},
    "weflow.error.choose": {"zh": "请选择要同步的群（--group 群名或群 ID，可多次）。WeFlow 里的群聊：{names}",
                            "en": "Choose the groups to sync (--group NAME or ID, repeatable). WeFlow's group chats: {names}"},
    "weflow.error.no_group": {"zh": "WeFlow 里没有叫「{group}」的群聊。可选：{names}",
                              "en": "WeFlow has no group chat named “{group}”. Choose from: {names}"},
}
