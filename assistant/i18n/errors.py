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

# Delivery channels (briefing.senders, app.delivery): why a digest or an alert did not go out.
TEXTS |= {
    "delivery.failed": {"zh": "「{name}」发送失败（已尝试 {attempts} 次）：{reason}",
                        "en": "“{name}” could not be sent to ({attempts} attempts): {reason}"},
    "delivery.http": {"zh": "HTTP {code}", "en": "HTTP {code}"},
    "delivery.http_refused": {"zh": "{url} 拒绝了请求：HTTP {code}。请检查机器人地址是否正确、是否已被删除。",
                              "en": "{url} refused the request: HTTP {code}. Check that the robot address is right "
                                    "and the robot still exists."},
    "delivery.unreachable": {"zh": "无法连接 {url}（{reason}）", "en": "Cannot reach {url} ({reason})"},
    "delivery.not_json": {"zh": "{url} 返回的不是 JSON", "en": "{url} did not answer with JSON"},
    "delivery.unreadable": {"zh": "{url} 返回了无法识别的内容", "en": "{url} answered with something unreadable"},
    "delivery.rate_limited": {"zh": "平台限流（{code} {text}）", "en": "rate-limited by the platform ({code} {text})"},
    "delivery.platform_error": {
        "zh": "「{name}」平台返回错误 {code}：{text}。请检查机器人地址、密钥和安全设置（关键词、IP 白名单）。",
        "en": "“{name}”: the platform answered error {code}: {text}. Check the robot address, the secret and the "
              "security settings (keywords, IP allow-list)."},
    "delivery.smtp_login": {"zh": "「{name}」邮件服务器拒绝了登录（{code}），请检查用户名和授权码。",
                            "en": "“{name}”: the mail server refused the login ({code}); check the user name and password."},
    "delivery.smtp_tls": {"zh": "「{name}」邮件服务器不支持 STARTTLS，请改用 --tls ssl 或 none。",
                          "en": "“{name}”: the mail server does not support STARTTLS; use --tls ssl or none."},
    "delivery.smtp_unreachable": {"zh": "无法连接邮件服务器 {host}:{port}（{reason}）",
                                  "en": "Cannot reach the mail server {host}:{port} ({reason})"},
    "delivery.smtp_refused": {"zh": "「{name}」邮件服务器拒绝了邮件：{reason}",
                              "en": "“{name}”: the mail server refused the mail: {reason}"},
    "delivery.folder_outside": {"zh": "文件夹渠道只能写入 {roots} 之内的文件夹，「{folder}」不在其中。请换一个文件夹，或在 .env 里用 ASSISTANT_PUSH_FOLDER_ROOTS 指定允许的位置。",
                                "en": "A folder channel may only write inside {roots}; “{folder}” is not. Choose another folder, or name the allowed places with ASSISTANT_PUSH_FOLDER_ROOTS in .env."},
    "delivery.folder_hidden": {"zh": "文件夹渠道不能写入隐藏文件夹（以 . 开头的目录，例如 .ssh、.config）：「{folder}」。请换一个文件夹。",
                               "en": "A folder channel may not write into a hidden folder (a directory starting with “.”, such as .ssh or .config): “{folder}”. Choose another folder."},
    "delivery.folder": {"zh": "无法写入文件夹 {folder}：{reason}", "en": "Cannot write to the folder {folder}: {reason}"},
    "delivery.no_channel": {"zh": "没有名为「{name}」的推送渠道。已有：{names}。用 schedule channel add 添加。",
                            "en": "There is no delivery channel named “{name}”. There are: {names}. "
                                  "Add one with schedule channel add."},
    "delivery.no_channels": {"zh": "（还没有）", "en": "(none yet)"},
    "delivery.inbox_builtin": {"zh": "应用内收件箱（inbox）是内置的，不需要添加。",
                               "en": "The app's inbox is built in: it needs no adding."},
    "delivery.name_taken": {"zh": "已有名为「{name}」的渠道；先删除它，或换个名字。",
                            "en": "There is already a channel named “{name}”: delete it first, or choose another name."},
    "delivery.no_such": {"zh": "没有名为「{name}」的推送渠道。", "en": "There is no delivery channel named “{name}”."},
    "delivery.group_audience": {
        "zh": "「{name}」是发到群里的渠道，只能发一个群的内容；几个群的日报请发给私下接收的渠道（--audience admin）。",
        "en": "“{name}” posts into a group chat, so it can only take one group's content; send a digest of several "
              "groups to a private channel (--audience admin)."},
}

# The knowledge base's fix-it errors.
TEXTS |= {
    "kb.error.no_document": {"zh": "知识库里没有名为「{name}」的文档。可用 kb list 查看文档名。",
                             "en": "The knowledge base has no document named “{name}”. See the names with kb list."},
    "kb.error.faq_failed": {"zh": "FAQ 没有加入知识库：{message}", "en": "The FAQ was not added to the knowledge base: {message}"},
}

# The knowledge base's loaders: a document that cannot be read.
TEXTS |= {
    "kb.error.empty_file": {"zh": "{name}: 文件是空的。", "en": "{name}: the file is empty."},
    "kb.error.too_big": {"zh": "{name}: 文件超过 {mb} MB，请拆分后再导入。",
                         "en": "{name}: the file is over {mb} MB; split it, then add the parts."},
    "kb.error.no_text": {"zh": "{name}: 没有找到可以检索的文字内容。", "en": "{name}: no searchable text was found in it."},
    "kb.error.file_type": {"zh": "{name}: 不支持的文件类型。支持的格式: {formats}。",
                           "en": "{name}: this type of file is not supported. Supported: {formats}."},
    "kb.error.bad_zip": {"zh": "{name}: 压缩包已损坏或被截断，无法读取。",
                         "en": "{name}: the archive is damaged or cut off and cannot be read."},
    "kb.error.office": {"zh": "{name}: 不支持的 Office 文件，只接受 .docx 与 .xlsx。",
                        "en": "{name}: this Office file is not supported; only .docx and .xlsx are."},
    "kb.error.binary": {"zh": "{name}: 这是二进制文件，不是文本，无法导入。请上传 md/txt/pdf/docx/html/csv/xlsx。",
                        "en": "{name}: this is a binary file, not text, and cannot be added. Upload "
                              "md/txt/pdf/docx/html/csv/xlsx."},
    "kb.error.encoding": {"zh": "{name}: 无法识别文件编码，请另存为 UTF-8 后重试。",
                          "en": "{name}: the text encoding is not recognised; save it as UTF-8 and try again."},
    "kb.error.docx": {"zh": "{name}: Word 文件损坏或不是 .docx 格式 ({error})。旧版 .doc 请先另存为 .docx。",
                      "en": "{name}: the Word file is damaged or not .docx ({error}). Save an old .doc as .docx first."},
    "kb.error.pdf": {"zh": "{name}: PDF 文件损坏或被截断，无法读取 ({error})。请重新导出后再试。",
                     "en": "{name}: the PDF is damaged or cut off and cannot be read ({error}). Export it again and retry."},
    "kb.error.pdf_scan": {"zh": "{name}: PDF 中没有可提取的文字（可能是扫描件图片），请先做文字识别(OCR)。",
                          "en": "{name}: the PDF has no text to extract (it may be scanned images); run text "
                                "recognition (OCR) on it first."},
    "kb.error.manifest_items": {"zh": "知识库清单 manifest.json 的格式不对（每一项都应有文件名 name）。",
                                "en": "The knowledge base's manifest.json is malformed (every item needs a file name, name)."},
    "kb.error.manifest_entry": {"zh": "知识库清单里「{name}」的记录格式不对。",
                                "en": "The knowledge base's manifest has a malformed record for “{name}”."},
    "kb.error.unreadable": {"zh": "知识库文件「{name}」无法读取（{error}），请重新上传。",
                            "en": "The knowledge base file “{name}” cannot be read ({error}); upload it again."},
    "kb.error.outside": {"zh": "知识库文件「{name}」指向知识库目录之外，已拒绝读取。",
                         "en": "The knowledge base file “{name}” points outside the knowledge base folder; not read."},
    "kb.error.file_name": {"zh": "文件名不可用: {name}", "en": "This file name cannot be used: {name}"},
    "kb.error.manifest": {"zh": "知识库清单 {where} 已损坏（{error}）。请从工作区备份恢复，或删除它后重新上传文档。",
                          "en": "The knowledge base's manifest {where} is damaged ({error}). Restore it from a workspace "
                                "backup, or delete it and upload the documents again."},
    "kb.note.pages": {"zh": "{n} 页", "en": "{n} pages"},
    "kb.error.csv": {"zh": "{name}: CSV 格式有误 ({error})。请检查引号是否成对。",
                     "en": "{name}: the CSV is malformed ({error}). Check that quotes come in pairs."},
}

# ``kb eval``: a sheet of questions that cannot be used.
TEXTS |= {
    "eval.error.empty": {"zh": "{name}: 表格是空的。第一行写列名「问题」「期望出处」，下面每行一个问题。",
                         "en": "{name}: the sheet is empty. Write the column names “question” and “expected” in the "
                               "first row, then one question a row."},
    "eval.error.columns": {"zh": "{name}: 找不到「问题」和「期望出处」两列（也可用 question / expected，或 file + section）。第一行是：{first}",
                           "en": "{name}: there are no “question” and “expected” columns (or “file” and “section”). "
                                 "The first row is: {first}"},
    "eval.error.no_rows": {"zh": "{name}: 没有问题行。", "en": "{name}: there are no question rows."},
    "eval.error.too_many": {"zh": "{name}: 问题太多（{n} 个，上限 {limit}），请拆成几个文件。",
                            "en": "{name}: too many questions ({n}, at most {limit}); split them into several files."},
}

# The drafting jobs' fix-it errors (the options are the jobs' Chinese values, typed as they are).
TEXTS |= {
    "drafts.error.unknown_fields": {"zh": "「{job}」没有这些选项：{names}", "en": "“{job}” has no such options: {names}"},
    "drafts.error.option": {"zh": "「{field}」只能是：{options}（收到「{value}」）",
                            "en": "“{field}” must be one of: {options} (got “{value}”)"},
    "drafts.error.needs_text": {"zh": "「{job}」需要{text}：请粘贴内容，或用 --text / --input 提供。",
                                "en": "“{job}” needs {text}: paste it, or give it with --text / --input."},
    "drafts.error.too_long": {"zh": "输入太长（{n} 字，上限 {limit} 字），请只保留相关部分。",
                              "en": "The input is too long ({n} characters, at most {limit}): keep only the relevant part."},
    "drafts.error.no_job": {"zh": "没有「{name}」这项起草任务。可选：{jobs}", "en": "There is no drafting job “{name}”. Choose from: {jobs}"},
    "drafts.error.dispute_input": {
        "zh": "请粘贴纠纷相关的聊天记录，或选择一个已导入的群并填写起止日期（YYYY-MM-DD）。",
        "en": "Paste the chat about the dispute, or choose an imported group and give the dates (YYYY-MM-DD)."},
    "drafts.error.dispute_lines": {
        "zh": "没有从粘贴的内容里识别出消息。请保留「名字 时间」或「名字：内容」的格式。",
        "en": "No messages were recognised in what was pasted. Keep the “name time” or “name: text” layout."},
    "drafts.error.unreadable": {"zh": "无法读取 {path}: {error}", "en": "Cannot read {path}: {error}"},
    "drafts.error.input_too_big": {"zh": "{name} 太大：起草的素材最多 {limit} 字，请只保留相关的部分。",
                                   "en": "{name} is too big: a draft's material is at most {limit} characters; keep only "
                                         "the relevant part."},
    "drafts.error.complaint_input": {"zh": "请粘贴客户的投诉原话。", "en": "Paste the customer's complaint, word for word."},
}

# A delivery channel's settings, checked when it is added.
TEXTS |= {
    "channel.error.kind": {"zh": "渠道类型应为 {kinds} 之一，而不是「{kind}」。", "en": "The channel kind is one of {kinds}, not “{kind}”."},
    "channel.error.audience": {"zh": "请明确选择发送对象：--audience admin（私下发给管理员）或 --audience group（发到群里）。",
                               "en": "Choose who reads it: --audience admin (privately to the admin) or --audience group "
                                     "(into the group chat)."},
    "channel.error.name": {"zh": "渠道需要一个名字，例如 --name 团长企微。", "en": "A channel needs a name, e.g. --name leader-wecom."},
    "channel.error.missing": {"zh": "{kind} 渠道缺少设置：{fields}。", "en": "The {kind} channel lacks settings: {fields}."},
    "channel.error.url": {"zh": "机器人地址应以 https:// 开头：{url}", "en": "A robot address starts with https://: {url}"},
    "channel.error.tls": {"zh": "邮件加密方式应为 starttls、ssl 或 none。", "en": "The mail encryption is starttls, ssl or none."},
}

# Alert rules and the alert queue.
TEXTS |= {
    "rule.error.kind": {"zh": "规则类型应为 {kinds} 之一，而不是「{kind}」。", "en": "The rule kind is one of {kinds}, not “{kind}”."},
    "rule.error.keywords": {"zh": "关键词规则至少需要一个关键词，多个用逗号或换行分开，例如：退款,退货。",
                            "en": "A keyword rule needs at least one keyword; separate several with commas or new lines, "
                                  "e.g. 退款,退货."},
    "rule.error.intent": {"zh": "内置意图应为 {names} 之一。", "en": "The built-in intent is one of {names}."},
    "rule.error.intent_name": {"zh": "{name}（{label}）", "en": "{name} ({label})"},
    "rule.error.terms": {"zh": "竞品规则需要列出竞品名称，例如 --terms 盒马,叮咚买菜。",
                         "en": "A competitor rule needs the competitors' names, e.g. --terms 盒马,叮咚买菜."},
    "rule.error.empty_regex": {"zh": "正则表达式是空的。", "en": "The regular expression is empty."},
    "rule.error.bad_regex": {"zh": "正则表达式「{pattern}」无效：{error}。", "en": "The regular expression “{pattern}” is invalid: {error}."},
    "rule.error.matches_empty": {"zh": "正则表达式「{pattern}」能匹配空文本，会对每条消息报警；请写得更具体。",
                                 "en": "The regular expression “{pattern}” matches empty text and would alert on every "
                                       "message; make it more specific."},
    "alerts.error.no_rule": {"zh": "没有编号为 {id} 的提醒规则。用 alerts rules list 查看编号。",
                             "en": "There is no alert rule {id}. See the numbers with alerts rules list."},
    "alerts.error.status": {"zh": "状态应为 {statuses} 之一。", "en": "The status is one of {statuses}."},
    "alerts.error.by": {"zh": "请说明是谁处理的（--by 名字）。", "en": "Say who handled it (--by NAME)."},
    "alerts.error.no_alert": {"zh": "没有编号为 {id} 的提醒。用 alerts list --status all 查看编号。",
                              "en": "There is no alert {id}. See the numbers with alerts list --status all."},
}

# The group history's conversations: the context of a cited message, an FAQ made from a topic.
TEXTS |= {
    "context.error.no_id": {"zh": "没有指定消息 ID。请从回答的证据或 history search 的结果里复制消息 ID。",
                            "en": "No message id given: copy one from an answer's evidence or from history search."},
    "context.error.no_ref": {"zh": "请指定要看的消息：--group 群名 --at \"YYYY-MM-DD HH:MM\"（可加 --sender 发送者），"
                                   "或消息 ID。每条证据下面都有可直接复制的命令。",
                             "en": "Say which message: --group NAME --at \"YYYY-MM-DD HH:MM\" (optionally --sender NAME), "
                                   "or a message id. Every evidence line comes with a command to copy."},
    "context.error.no_group": {"zh": "--at {at} 需要同时指定群：--group 群名。",
                               "en": "--at {at} needs the group too: --group NAME."},
    "context.error.at": {"zh": "时间「{at}」的格式不对，请写成 \"YYYY-MM-DD HH:MM\"，例如 \"2026-11-03 20:15\"（群的本地时间）。",
                         "en": "The time “{at}” is not in the form \"YYYY-MM-DD HH:MM\", e.g. \"2026-11-03 20:15\" "
                               "(the group's local time)."},
    "context.error.no_minute": {"zh": "群「{group}」在 {at}（{tz} 时间）没有消息。时间要精确到分钟、按群的本地时间；"
                                      "请从证据或 history search 的结果里复制命令，或用 history search 找到这条消息。",
                                "en": "“{group}” has no message at {at} ({tz} time). The time must be the group's local "
                                      "time to the minute: copy the command under the evidence or a history search result, "
                                      "or find the message with history search."},
    "context.error.not_sender": {"zh": "群「{group}」在 {at} 有 {n} 条消息，但没有「{sender}」发的。请检查 --sender，或去掉它。",
                                 "en": "“{group}” has {n} messages at {at}, none from “{sender}”. Check --sender, or leave it out."},
    "context.error.span": {"zh": "前后条数应在 0 到 {max} 之间。", "en": "The messages either side go from 0 to {max}."},
    "context.error.in_group": {"zh": "群「{group}」", "en": "“{group}”"},
    "context.error.anywhere": {"zh": "已导入的群", "en": "the imported groups"},
    "context.error.not_found": {"zh": "在{where}里找不到消息 {id}。它可能来自已删除或重新导入的记录；请重新提问以获得最新的引用。",
                                "en": "Message {id} is not in {where}. It may come from records deleted or imported again; "
                                      "ask again for fresh citations."},
    "topics.error.unanswered": {"zh": "话题「{topic}」在群里还没有管理员回答过，无法生成 FAQ。请先在群里回答，或在知识库页手动添加。",
                                "en": "No admin has answered the topic “{topic}” in the group, so there is no FAQ to make. "
                                      "Answer it in the group first, or add one on the Knowledge page."},
}

# A draft's compliance warnings (jobs.compliance): the category and the suggested fix; the flagged
# words are the draft's own.
TEXTS |= {
    "answers.compliance": {"zh": "合规提示", "en": "Compliance notes"},
    "answers.compliance_note": {"zh": "\n- [{category}] 「{term}」：{suggestion}", "en": "\n- [{category}] “{term}”: {suggestion}"},
    "draft.cli.problem": {"zh": "⚠ [{category}] 「{term}」：{suggestion}", "en": "⚠ [{category}] “{term}”: {suggestion}"},
    "compliance.ad_law": {"zh": "广告法用语", "en": "advertising-law wording"},
    "compliance.medical": {"zh": "功效宣称", "en": "health claim"},
    "compliance.rules": {"zh": "与群规不符", "en": "against the group rules"},
    "compliance.rewrite": {"zh": "改为「{words}」", "en": "write “{words}” instead"},
    "compliance.medical_fix": {"zh": "删除功效表述，改写为口感、产地、新鲜度等可核实的描述",
                               "en": "drop the health claim; describe what can be checked instead: taste, origin, freshness"},
    "compliance.claim_window": {"zh": "群规写的是签收后 {hours} 小时内申报质量问题，请统一为 {hours} 小时",
                                "en": "the group rules say quality problems are reported within {hours} hours of "
                                      "delivery; say {hours} hours"},
    "compliance.private_pay": {"zh": "群规要求统一走群收款，不要引导私下转账",
                               "en": "the group rules say all payments go through the group's collection; do not "
                                     "point to private transfers"},
    "compliance.order_limit": {"zh": "超过群规的单笔上限 {limit} 元", "en": "over the group rules' limit of {limit} yuan an order"},
}
