"""Texts of the topics tab, the 起草 (drafts) and 周报 (reports) pages, the welcome screen, and the
labels of the drafting forms (field names, choices, default values)."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # topics tab
    "topics.intro": {"zh": "成员反复问到的问题（或反复出现的抱怨），不同问法合并为一个话题；标出群里管理员是否回答过、"
                           "运营手册和你的 FAQ 是否已有答案。管理员答过但手册没有的话题，可以一键加入知识库。",
                     "en": "Questions members keep asking (or keep complaining about), different wordings merged into "
                           "one topic; marked with whether an admin answered in the group and whether the playbooks "
                           "and your FAQ answer it. A topic an admin answered but the playbooks lack becomes an FAQ "
                           "entry in one click."},
    "topics.group": {"zh": "群", "en": "Group"},
    "topics.weeks": {"zh": "最近几周", "en": "Recent weeks"},
    "topics.kind": {"zh": "类型", "en": "Kind"},
    "topics.kind.questions": {"zh": "提问", "en": "Questions"},
    "topics.kind.complaints": {"zh": "抱怨", "en": "Complaints"},
    "topics.run": {"zh": "分析话题", "en": "Find topics"},
    "topics.hint": {"zh": "选择群和时间范围，然后点「分析话题」。", "en": "Choose a group and a period, then click Find topics."},
    "topics.stale": {"zh": "下面是上一次的结果；条件或数据已经变了，点「分析话题」更新。",
                     "en": "Below is the previous result; the choices or the data changed since: click Find topics."},
    "topics.running": {"zh": "正在归纳话题…", "en": "Finding topics…"},
    "topics.none": {"zh": "最近 {weeks} 周没有反复出现的{kind}。", "en": "No recurring {kind} in the last {weeks} weeks."},
    "topics.count": {"zh": "共 **{n}** 个话题，其中 **{gaps}** 个在手册和 FAQ 里还没有答案。",
                     "en": "**{n}** topics, **{gaps}** of them not answered by the playbooks or the FAQ."},
    "topics.covered": {"zh": "✓ 手册已有答案", "en": "✓ answered by the playbooks"},
    "topics.gap": {"zh": "✗ 手册还没有答案", "en": "✗ not in the playbooks yet"},
    "topics.title": {"zh": "{label} · {count} 次 · {askers} 人 · {group} · {mark}",
                     "en": "{label} · {count} times · {askers} people · {group} · {mark}"},
    "topics.question": {"zh": "常见问法：{text}", "en": "Typical wording: {text}"},
    "topics.weekly": {"zh": "每周次数：{trend}", "en": "Per week: {trend}"},
    "topics.answered": {"zh": "群内回答：{answered}/{count} 次有管理员回应", "en": "In the group: an admin replied {answered} of {count} times"},
    "topics.answer": {"zh": "；最常见的回答：{text}", "en": "; the usual answer: {text}"},
    "topics.no_answer": {"zh": "；没有找到像样的回答", "en": "; no usable answer found"},
    "topics.playbook": {"zh": "手册/FAQ：**{source} › {title}**", "en": "Playbook / FAQ: **{source} › {title}**"},
    "topics.faq": {"zh": "生成 FAQ 加入知识库", "en": "Add as an FAQ to the knowledge base"},
    "topics.no_admin": {"zh": "群里还没有管理员回答过这个问题；先在群里回答，或在知识库页上传写好的 FAQ。",
                        "en": "No admin has answered this in the group yet: answer it there, or upload an FAQ on the "
                              "Knowledge page."},
    "topics.faq_same": {"zh": "知识库里已有同样的 FAQ", "en": "The knowledge base already has this FAQ"},
    "topics.faq_added": {"zh": "已加入知识库", "en": "Added to the knowledge base"},
    "topics.faq_done": {"zh": "{done}：{name}。以后问到「{question}」会检索到它。",
                        "en": "{done}: {name}. Questions like \"{question}\" will find it."},
    # drafts page
    "drafts.intro": {"zh": "每份草稿都会做合规检查（广告法用语、功效宣称、与群规不符）；离线时用模板生成，接入大模型后按手册和群数据撰写。",
                     "en": "Every draft is checked for compliance (advertising-law wording, efficacy claims, clashes "
                           "with the group rules); offline it comes from a template, with a language model it is "
                           "written from the playbooks and the group's data."},
    "drafts.job": {"zh": "起草什么", "en": "What to draft"},
    "drafts.group": {"zh": "参考哪个群的数据", "en": "Use the data of group"},
    "drafts.no_group": {"zh": "（不指定）", "en": "(none)"},
    "drafts.generate": {"zh": "生成草稿", "en": "Write the draft"},
    "drafts.heading": {"zh": "{job}草稿", "en": "{job} draft"},
    "drafts.mode": {"zh": "模式：{mode}", "en": "Mode: {mode}"},
    "drafts.offline": {"zh": "离线模板", "en": "offline template"},
    "drafts.aliases": {"zh": "成员代号对照（只在这里显示，不在草稿里）", "en": "Member code names (shown here only, never in the draft)"},
    "drafts.copy": {"zh": "复制文本（纯文本，可直接粘贴到群里）", "en": "Copy text (plain text, ready to paste into the group)"},
    "drafts.problems": {"zh": "合规检查发现 {n} 处需要修改：", "en": "The compliance check found {n} things to change:"},
    "drafts.highlight": {"zh": "在草稿中标出问题", "en": "Mark the problems in the draft"},
    "drafts.clean": {"zh": "合规检查通过。", "en": "Compliance check passed."},
    "drafts.sources": {"zh": "参考的手册段落 ({n})", "en": "Playbook passages used ({n})"},
    "drafts.feedback": {"zh": "修改意见（例如：更简短一些、语气更正式）", "en": "What to change (e.g. shorter, more formal)"},
    "drafts.regenerate": {"zh": "按意见重新生成", "en": "Rewrite with this feedback"},
    # reports page
    "reports.intro": {"zh": "按周汇总一个群或全部群：核心指标与健康状态、趋势图、退群原因、高频话题（是否已有手册答案）、未回复提问、"
                            "风险、订单、成员分层，以及根据运营手册生成的下周行动清单。数字全部来自已导入的群数据。",
                      "en": "A weekly summary of one group or all: key figures and their health, trends, why members "
                            "left, recurring topics (and whether the playbooks answer them), unanswered questions, "
                            "risks, orders, member segments, and next week's actions from the playbooks. Every "
                            "figure comes from the imported group data."},
    "reports.group": {"zh": "群", "en": "Group"},
    "reports.week": {"zh": "周", "en": "Week"},
    "reports.generate": {"zh": "生成周报", "en": "Write the report"},
    "reports.running": {"zh": "正在生成周报…", "en": "Writing the report…"},
    "reports.hint": {"zh": "选择群和周，然后点「生成周报」。", "en": "Choose a group and a week, then click Write the report."},
    "reports.caption": {"zh": "{scope} · {week}（{first} 至 {last}）· {mode}", "en": "{scope} · {week} ({first} to {last}) · {mode}"},
    "reports.offline": {"zh": "摘要为离线模板生成", "en": "summary from the offline template"},
    "reports.model": {"zh": "摘要由模型 {model} 撰写", "en": "summary written by {model}"},
    "reports.download": {"zh": "下载 {name}", "en": "Download {name}"},
    "reports.file": {"zh": "周报", "en": "weekly-report"},
    # welcome screen
    "welcome.title": {"zh": "### 欢迎使用群运营助手 👋", "en": "### Welcome to the Community Ops Assistant 👋"},
    "welcome.intro": {"zh": "三步开始：先看看示例数据，或者导入你自己的群聊导出，也可以直接提问。",
                      "en": "Three ways to start: look at the demo data, import your own group exports, or just ask."},
    "welcome.demo": {"zh": "**① 一键加载示例**", "en": "**① Load the demo in one click**"},
    "welcome.demo.about": {"zh": "3 个不同类型的群、约 600 人、10 周数据，含一次广告刷屏和一批快速流失的活动新人。",
                           "en": "3 groups of different kinds, about 600 people, 10 weeks, with a spam wave and a "
                                 "campaign's newcomers who left fast."},
    "welcome.demo.run": {"zh": "加载示例数据", "en": "Load the demo data"},
    "welcome.demo.running": {"zh": "正在生成并导入示例数据…", "en": "Making and importing the demo data…"},
    "welcome.import": {"zh": "**② 导入群聊导出**", "en": "**② Import group exports**"},
    "welcome.import.about": {"zh": "支持微信、企业微信、QQ、Telegram、Discord 的导出，以及成员名单和订单表。",
                             "en": "Exports from WeChat, WeCom, QQ, Telegram and Discord, plus member lists and order sheets."},
    "welcome.import.go": {"zh": "去导入", "en": "Go to import"},
    "welcome.kb": {"zh": "**③ 添加自己的手册**", "en": "**③ Add your own playbooks**"},
    "welcome.kb.about": {"zh": "SOP、话术表、FAQ（md、txt、pdf、docx、xlsx），提问时会一起检索。",
                         "en": "SOPs, reply scripts, FAQs (md, txt, pdf, docx, xlsx), searched with every question."},
    "welcome.kb.go": {"zh": "去知识库", "en": "Go to the knowledge base"},
    "welcome.exporters": {"zh": "哪个工具导出哪种文件？", "en": "Which tool exports which file?"},
    "welcome.col.platform": {"zh": "平台", "en": "Platform"},
    "welcome.col.tool": {"zh": "导出工具", "en": "Exporter"},
    "welcome.col.files": {"zh": "导出文件", "en": "Files"},
    "welcome.col.note": {"zh": "说明", "en": "Note"},
    "welcome.try": {"zh": "**试着问问：**", "en": "**Try asking:**"},
    # knowledge, settings, misc
    "kb.page": {"zh": "（第{page}页）", "en": " (page {page})"},
    "settings.embedding_hint": {"zh": "text-embedding-3-small (留空 = 离线嵌入)", "en": "text-embedding-3-small (empty = offline embedding)"},
    "settings.rerank_hint": {"zh": "bge-reranker-v2-m3 · chat (用对话模型打分) · 留空 = 不重排",
                             "en": "bge-reranker-v2-m3 · chat (scored by the chat model) · empty = no reranking"},
    "schedules.test_title": {"zh": "推送测试", "en": "Delivery test"},
    "schedules.test_text": {"zh": "群运营助手：推送测试。收到这条说明渠道设置正确。",
                            "en": "Community Ops Assistant: delivery test. If this arrived, the channel is set up right."},
    "alerts.by_default": {"zh": "管理员", "en": "admin"},
    "state.loading": {"zh": "正在加载运营手册索引…", "en": "Loading the playbook index…"},
}

# (platform, tool, files, note) per row of the welcome screen's exporter guide
EXPORTERS: dict[str, list[tuple[str, str, str, str]]] = {
    "zh": [
        ("微信（电脑版）", "MemoTrace（留痕）", "每个群一个 CSV 或 TXT", "最常见；CSV 带发送者 ID"),
        ("微信（电脑版）", "PyWxDump", "CSV（按 5000 条分段的文件夹）", "可整个文件夹一起上传"),
        ("微信（电脑版）", "chatlog", "CSV / JSON，群成员 JSON", "群成员 JSON 可作为成员快照"),
        ("企业微信", "会话存档 / 客户群接口", "JSON", "入群、退群事件最完整"),
        ("QQ", "消息管理器导出", "TXT", "编码自动识别"),
        ("Telegram", "Telegram Desktop 导出", "result.json", "包含入群和退群"),
        ("Discord", "DiscordChatExporter", "JSON / CSV", ""),
        ("订单", "快团团 / 群接龙", "XLSX / CSV", "导入时填写所属群"),
        ("成员名单", "任意表格", "CSV / XLSX", "定期导入可推算主动退群"),
    ],
    "en": [
        ("WeChat (desktop)", "MemoTrace", "one CSV or TXT per group", "the most common; the CSV has sender ids"),
        ("WeChat (desktop)", "PyWxDump", "CSV (a folder split every 5,000 messages)", "upload the whole folder"),
        ("WeChat (desktop)", "chatlog", "CSV / JSON, member-list JSON", "the member JSON serves as a member list"),
        ("WeCom", "conversation archive / customer-group API", "JSON", "the fullest joins and exits"),
        ("QQ", "message manager export", "TXT", "encoding recognised automatically"),
        ("Telegram", "Telegram Desktop export", "result.json", "includes joins and exits"),
        ("Discord", "DiscordChatExporter", "JSON / CSV", ""),
        ("Orders", "KuaiTuanTuan / group sign-up lists", "XLSX / CSV", "name the group when importing"),
        ("Member lists", "any spreadsheet", "CSV / XLSX", "regular imports reveal who left"),
    ],
}

EXAMPLES: dict[str, list[str]] = {
    "zh": ["退群率多少算正常？", "为什么上周退群率上升了?", "哪个群最活跃?", "有人问过开发票吗？",
           "帮我写一个群公告：周五晚上8点脐橙秒杀，39元一箱"],
    "en": ["What exit rate is normal?", "Why did the exit rate rise last week?", "Which group is the most active?",
           "Has anyone asked for an invoice?", "Write a group notice: navel orange flash sale Friday 8 pm, ¥39 a box"],
}

LABELS: dict[str, dict[str, dict[str, str]]] = {
    "draft_field": {  # job.field -> the form's label
        "announcement.purpose": {"zh": "公告目的", "en": "Purpose"},
        "announcement.facts": {"zh": "关键信息（时间、价格、截止、地点，每行一条）",
                               "en": "Key facts (time, price, deadline, place; one per line)"},
        "announcement.tone": {"zh": "语气", "en": "Tone"},
        "announcement.length": {"zh": "长度", "en": "Length"},
        "announcement.emoji": {"zh": "加表情", "en": "Emoji"},
        "announcement.text": {"zh": "补充说明", "en": "Anything else"},
        "rules.group_type": {"zh": "群类型", "en": "Kind of group"},
        "rules.one_order": {"zh": "一单一结交易", "en": "Pay per order"},
        "rules.order_limit": {"zh": "单笔上限（元，可空）", "en": "Order limit (¥, optional)"},
        "rules.claim_hours": {"zh": "质量问题申报时限（小时）", "en": "Hours to report a quality problem"},
        "rules.text": {"zh": "其他要求", "en": "Other requirements"},
        "activity.kind": {"zh": "活动类型", "en": "Kind of activity"},
        "activity.goal": {"zh": "目标", "en": "Goal"},
        "activity.budget": {"zh": "预算（元）", "en": "Budget (¥)"},
        "activity.dates": {"zh": "时间", "en": "When"},
        "activity.text": {"zh": "补充说明", "en": "Anything else"},
        "dispute.since": {"zh": "或：从哪天（YYYY-MM-DD，用已导入群的记录）",
                          "en": "Or: from (YYYY-MM-DD, from an imported group's messages)"},
        "dispute.until": {"zh": "到哪天（含）", "en": "To (inclusive)"},
        "dispute.text": {"zh": "纠纷聊天记录", "en": "The chat about the dispute"},
        "complaint.brand": {"zh": "品牌/店名", "en": "Brand / shop"},
        "complaint.voice": {"zh": "语气", "en": "Tone"},
        "complaint.text": {"zh": "客户的投诉原话", "en": "The customer's complaint, word for word"},
    },
    "draft_choice": {  # the drafting forms' choices (the jobs keep their Chinese values as keys)
        "活动": {"zh": "活动", "en": "Activity"},
        "群规变更": {"zh": "群规变更", "en": "Rule change"},
        "节假日": {"zh": "节假日", "en": "Holiday"},
        "新品": {"zh": "新品", "en": "New product"},
        "通知": {"zh": "通知", "en": "Notice"},
        "是": {"zh": "是", "en": "yes"},
        "否": {"zh": "否", "en": "no"},
        "客户售后群": {"zh": "客户售后群", "en": "Customer after-sales group"},
        "产品推广群": {"zh": "产品推广群", "en": "Product promotion group"},
        "代理培训群": {"zh": "代理培训群", "en": "Reseller training group"},
        "品牌粉丝群": {"zh": "品牌粉丝群", "en": "Brand fan group"},
        "拼团秒杀": {"zh": "拼团秒杀", "en": "Group buy / flash sale"},
        "裂变海报": {"zh": "裂变海报", "en": "Referral poster"},
        "积分兑换": {"zh": "积分兑换", "en": "Points exchange"},
        "打卡挑战": {"zh": "打卡挑战", "en": "Check-in challenge"},
        "接龙": {"zh": "接龙", "en": "Sign-up list"},
    },
    "draft_default": {  # default texts of free fields, shown in the user's language
        "本群": {"zh": "本群", "en": "our group"},
        "提升活跃和转化": {"zh": "提升活跃和转化", "en": "more activity and sales"},
        "下周一至周日": {"zh": "下周一至周日", "en": "Monday to Sunday next week"},
    },
    "tls": {  # how a mail channel secures its connection
        "starttls": {"zh": "STARTTLS（端口 587）", "en": "STARTTLS (port 587)"},
        "ssl": {"zh": "SSL/TLS（端口 465）", "en": "SSL/TLS (port 465)"},
        "none": {"zh": "不加密", "en": "no encryption"},
    },
    "embedding": {  # names of the offline embeddings (assistant.llm names them in Chinese)
        "字符哈希 (offline-hash-v1)": {"zh": "字符哈希 (offline-hash-v1)", "en": "character hash (offline-hash-v1)"},
    },
}
