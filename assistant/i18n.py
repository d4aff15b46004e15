"""UI text in Simplified Chinese (default) and English, chosen by ``ASSISTANT_LANGUAGE``.

The catalogue lives in the library so that every skin (pages, CLI) says the same thing.
A missing key falls back to Chinese, then to the key itself, so a gap shows up as visible text.
"""

from __future__ import annotations

CATALOG: dict[str, dict[str, str]] = {
    "app.title": {"zh": "群运营助手", "en": "Community Ops Assistant"},
    "nav.chat": {"zh": "对话", "en": "Chat"},
    "nav.settings": {"zh": "设置", "en": "Settings"},
    "nav.knowledge": {"zh": "知识库", "en": "Knowledge"},
    "nav.groups": {"zh": "群数据", "en": "Groups"},
    "nav.drafts": {"zh": "起草", "en": "Drafts"},
    "nav.reports": {"zh": "周报", "en": "Weekly report"},
    "kb.title": {"zh": "知识库", "en": "Knowledge base"},
    "kb.intro": {
        "zh": "内置运营手册（只读）和你自己的文档一起检索。支持 md、txt、pdf、docx、html、csv、xlsx；问题/答案两列的表格会按问答对入库。",
        "en": "Bundled playbooks (read-only) and your own documents are searched together. Accepts md, txt, pdf, docx, html, csv, xlsx; a 问题/答案 sheet becomes one passage per pair.",
    },
    "kb.upload": {"zh": "上传文档（可多选）", "en": "Upload documents (several at once)"},
    "kb.add": {"zh": "加入知识库", "en": "Add to the knowledge base"},
    "kb.adding": {"zh": "正在处理 {name}…", "en": "Processing {name}…"},
    "kb.done": {"zh": "处理完成", "en": "Done"},
    "kb.documents": {"zh": "文档列表", "en": "Documents"},
    "kb.col.name": {"zh": "文件名", "en": "Name"},
    "kb.col.kind": {"zh": "类型", "en": "Type"},
    "kb.col.collection": {"zh": "来源", "en": "Collection"},
    "kb.col.chunks": {"zh": "段数", "en": "Chunks"},
    "kb.col.size": {"zh": "大小", "en": "Size"},
    "kb.col.added": {"zh": "加入时间", "en": "Added at"},
    "kb.bundled": {"zh": "内置手册", "en": "Bundled"},
    "kb.user": {"zh": "我的文档", "en": "My documents"},
    "kb.delete": {"zh": "删除", "en": "Delete"},
    "kb.deleted": {"zh": "已删除 {name}（移除 {count} 段）", "en": "Deleted {name} ({count} chunks removed)"},
    "kb.rebuild": {"zh": "重建索引", "en": "Rebuild index"},
    "kb.rebuilt": {"zh": "索引已从源文件重建：手册 {bundled} 段，用户文档 {docs} 个。", "en": "Index rebuilt from sources: {bundled} playbook chunks, {docs} documents."},
    "kb.view": {"zh": "查看文档分段", "en": "View a document's chunks"},
    "kb.test": {"zh": "检索测试", "en": "Retrieval test"},
    "kb.test.query": {"zh": "输入一个问题，看看能检索到哪些段落", "en": "Type a question to see which passages it retrieves"},
    "kb.test.scope": {"zh": "检索范围", "en": "Search in"},
    "kb.test.both": {"zh": "全部", "en": "Both"},
    "kb.test.none": {"zh": "没有检索到相关段落。", "en": "Nothing relevant was found."},
    "kb.status.added": {"zh": "已添加", "en": "added"},
    "kb.status.replaced": {"zh": "已更新", "en": "replaced"},
    "kb.status.unchanged": {"zh": "未变化", "en": "unchanged"},
    "kb.status.failed": {"zh": "失败", "en": "failed"},
    "kb.result": {"zh": "{name}：{status}，{chunks} 段（新增 {new}，删除 {removed}，合并重复 {merged}）", "en": "{name}: {status}, {chunks} chunks ({new} new, {removed} removed, {merged} merged duplicates)"},
    "mode.offline": {"zh": "离线", "en": "Offline"},
    "mode.label": {"zh": "回答模式", "en": "Answered by"},
    "mode.offline_banner": {
        "zh": "当前为离线模式：回答直接取自运营手册和你的群数据，不经过大模型。接入大模型：在「设置」页填写 OPENAI_BASE_URL（如 DeepSeek、通义千问、本机 Ollama）和 OPENAI_API_KEY，保存即可。",
        "en": "Offline mode: answers come straight from the playbooks. Set OPENAI_API_KEY or OPENAI_BASE_URL on the Settings page to use an LLM.",
    },
    "chat.title": {"zh": "对话", "en": "Chat"},
    "chat.new": {"zh": "新对话", "en": "New chat"},
    "chat.input": {"zh": "问一个运营问题，例如：退群率多少算正常？", "en": "Ask an operations question, e.g. what churn rate is normal?"},
    "chat.sources": {"zh": "来源", "en": "Sources"},
    "chat.no_sources": {"zh": "没有引用手册段落。", "en": "No playbook passage was cited."},
    "chat.tokens": {"zh": "tokens：提示 {prompt} / 回答 {completion}", "en": "tokens: prompt {prompt} / completion {completion}"},
    "chat.quick": {"zh": "常用任务", "en": "Quick actions"},
    "chat.evidence": {"zh": "证据消息", "en": "Evidence"},
    "chat.context": {"zh": "上下文", "en": "Context"},
    "chat.context_hide": {"zh": "收起", "en": "Hide"},
    "chat.context_caption": {"zh": "{group} · 被引用的消息前后各 {span} 条（含“收到”等闲聊，成员当时看到的样子）",
                             "en": "{group} · {span} messages either side of the cited one, as members saw them"},
    "chat.admin": {"zh": "（管理员）", "en": " (admin)"},
    "chat.route.analytics": {"zh": "依据：群数据分析（{tools}）", "en": "From your group data ({tools})"},
    "chat.unavailable": {"zh": "助手无法启动：", "en": "The assistant could not start: "},
    "quick.announcement": {"zh": "写群公告", "en": "Announcement"},
    "quick.rules": {"zh": "定群规", "en": "Group rules"},
    "quick.activity": {"zh": "策划活动", "en": "Activity plan"},
    "quick.dispute": {"zh": "纠纷处理", "en": "Dispute"},
    "quick.complaint": {"zh": "回复投诉", "en": "Complaint reply"},
    "quick.report": {"zh": "生成周报", "en": "Weekly report"},
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
    "settings.key_needed": {
        "zh": "更换 OPENAI_BASE_URL 时请在同一次保存中重新输入 OPENAI_API_KEY。",
        "en": "When you change OPENAI_BASE_URL, enter OPENAI_API_KEY again in the same save.",
    },
    "settings.admin_only": {
        "zh": "设置页只对管理员开放。需要修改设置请联系管理员。",
        "en": "Only admins can open the settings page. Ask an admin to change the settings.",
    },
    "settings.workspace": {"zh": "工作区导入与导出", "en": "Workspace import and export"},
    "settings.workspace.intro": {
        "zh": "导出聊天历史和上传的文档，在另一台电脑上用 python -m assistant workspace import 文件.zip 导入（账号和审计日志不随工作区移动）。",
        "en": "Export the chat history and your documents; import them on another machine with python -m assistant workspace import FILE.zip (accounts and the audit log stay here).",
    },
    "settings.workspace.export": {"zh": "生成导出文件", "en": "Prepare the export"},
    "settings.workspace.download": {"zh": "下载工作区文件", "en": "Download the workspace file"},
    "audit.title": {"zh": "审计日志", "en": "Audit log"},
    "audit.intro": {
        "zh": "谁在什么时候登录、导入、删除或修改了设置（最新的在前；不含密码和密钥）。",
        "en": "Who signed in, imported, deleted or changed settings, and when (newest first; never passwords or keys).",
    },
    "audit.empty": {"zh": "还没有记录。", "en": "Nothing recorded yet."},
    "audit.col.at": {"zh": "时间", "en": "When"},
    "audit.col.actor": {"zh": "操作人", "en": "Who"},
    "audit.col.action": {"zh": "操作", "en": "Action"},
    "audit.col.detail": {"zh": "详情", "en": "Detail"},
    "audit.action.login": {"zh": "登录", "en": "Signed in"},
    "audit.action.login_failed": {"zh": "登录失败", "en": "Failed sign-in"},
    "audit.action.logout": {"zh": "退出登录", "en": "Signed out"},
    "audit.action.settings.change": {"zh": "修改设置", "en": "Changed settings"},
    "audit.action.history.import": {"zh": "导入群数据", "en": "Imported history"},
    "audit.action.document.add": {"zh": "加入文档", "en": "Added documents"},
    "audit.action.document.remove": {"zh": "删除文档", "en": "Deleted a document"},
    "audit.action.workspace.export": {"zh": "导出工作区", "en": "Exported the workspace"},
    "audit.action.workspace.import": {"zh": "导入工作区", "en": "Imported a workspace"},
    "audit.action.users.add": {"zh": "添加账号", "en": "Added an account"},
    "audit.action.users.remove": {"zh": "删除账号", "en": "Removed an account"},
    "audit.action.users.passwd": {"zh": "修改密码", "en": "Changed a password"},
    "role.admin": {"zh": "管理员", "en": "admin"},
    "role.operator": {"zh": "运营", "en": "operator"},
    "auth.form": {"zh": "登录群运营助手", "en": "Sign in to the Community Ops Assistant"},
    "auth.username": {"zh": "账号", "en": "Account"},
    "auth.password": {"zh": "密码", "en": "Password"},
    "auth.submit": {"zh": "登录", "en": "Sign in"},
    "auth.failed": {"zh": "账号或密码不对。", "en": "Wrong account or password."},
    "auth.signed_in": {"zh": "已登录：{name}（{role}）", "en": "Signed in: {name} ({role})"},
    "auth.logout": {"zh": "退出登录", "en": "Sign out"},
    "auth.gone": {
        "zh": "账号 {name} 已被删除，请用其他账号登录。",
        "en": "The account {name} was removed; sign in with another one.",
    },
    "auth.exposed": {
        "zh": "本服务器监听在 {address}，不只本机能打开，但还没有设置任何账号，所以拒绝提供服务。\n\n"
              "请先在运行本程序的电脑上添加管理员账号，然后刷新本页：\n\n"
              "`python -m assistant users add 名字 --role admin`\n\n"
              "只在本机使用时，请监听 127.0.0.1：`bash scripts/app.sh`（默认如此）或 "
              "`streamlit run app.py --server.address 127.0.0.1`。",
        "en": "This server listens on {address}, reachable beyond this machine, and no accounts are set up, "
              "so it refuses to serve.\n\nAdd an admin account on the machine running it, then reload this page:"
              "\n\n`python -m assistant users add NAME --role admin`\n\nFor this machine only, listen on "
              "127.0.0.1: `bash scripts/app.sh` (the default) or `streamlit run app.py --server.address 127.0.0.1`.",
    },
    "kb.delete_admin_only": {"zh": "只有管理员可以删除文档。", "en": "Only admins can delete documents."},
}


def t(key: str, language: str = "zh", **values: object) -> str:
    """The text for ``key`` in ``language``, formatted with ``values``."""
    entry = CATALOG.get(key, {})
    text = entry.get(language) or entry.get("zh") or key
    return text.format(**values) if values else text
