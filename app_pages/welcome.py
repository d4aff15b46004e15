"""The welcome screen a new, empty workspace opens on: load the demo, import a group export (with
a guide to which exporter produces which file), add playbooks, or click an example question."""

from __future__ import annotations

import streamlit as st

from app_pages import access
from assistant import Assistant, AssistantError

EXPORTERS = [
    {"平台": "微信（电脑版）", "导出工具": "MemoTrace（留痕）", "导出文件": "每个群一个 CSV 或 TXT", "说明": "最常见；CSV 带发送者 ID"},
    {"平台": "微信（电脑版）", "导出工具": "PyWxDump", "导出文件": "CSV（按 5000 条分段的文件夹）", "说明": "可整个文件夹一起上传"},
    {"平台": "微信（电脑版）", "导出工具": "chatlog", "导出文件": "CSV / JSON，群成员 JSON", "说明": "群成员 JSON 可作为成员快照"},
    {"平台": "企业微信", "导出工具": "会话存档 / 客户群接口", "导出文件": "JSON", "说明": "入群、退群事件最完整"},
    {"平台": "QQ", "导出工具": "消息管理器导出", "导出文件": "TXT", "说明": "编码自动识别"},
    {"平台": "Telegram", "导出工具": "Telegram Desktop 导出", "导出文件": "result.json", "说明": "包含入群和退群"},
    {"平台": "Discord", "导出工具": "DiscordChatExporter", "导出文件": "JSON / CSV", "说明": ""},
    {"平台": "订单", "导出工具": "快团团 / 群接龙", "导出文件": "XLSX / CSV", "说明": "导入时填写所属群"},
    {"平台": "成员名单", "导出工具": "任意表格", "导出文件": "CSV / XLSX", "说明": "定期导入可推算主动退群"},
]
EXAMPLES = ["退群率多少算正常？", "为什么上周退群率上升了?", "哪个群最活跃?", "有人问过开发票吗？",
            "帮我写一个群公告：周五晚上8点脐橙秒杀，39元一箱"]


def is_empty(assistant: Assistant) -> bool:
    """Nothing imported and no documents of the user's own: the first run."""
    no_history = not assistant.settings.history_db.exists()
    return no_history and not assistant.knowledge.library.entries()


def render(assistant: Assistant, ask) -> None:  # noqa: ANN001 - ask(question) queues a chat question
    st.markdown("### 欢迎使用群运营助手 👋")
    st.write("三步开始：先看看示例数据，或者导入你自己的群聊导出，也可以直接提问。")
    left, middle, right = st.columns(3)
    with left:
        st.markdown("**① 一键加载示例**")
        st.caption("3 个不同类型的群、约 600 人、10 周数据，含一次广告刷屏和一批快速流失的活动新人。")
        if st.button("加载示例数据", key="welcome-demo", type="primary"):
            with st.spinner("正在生成并导入示例数据…"):
                try:
                    reports = assistant.history.demo()
                    access.record(assistant.settings, "history.import", {"files": [r.file for r in reports],
                                                                         "status": [r.status for r in reports]})
                except AssistantError as exc:
                    st.error(str(exc))
                    return
            assistant.index_history_in_background()  # the Groups page shows its progress
            st.switch_page("app_pages/groups.py")
    with middle:
        st.markdown("**② 导入群聊导出**")
        st.caption("支持微信、企业微信、QQ、Telegram、Discord 的导出，以及成员名单和订单表。")
        if st.button("去导入", key="welcome-import"):
            st.switch_page("app_pages/groups.py")
    with right:
        st.markdown("**③ 添加自己的手册**")
        st.caption("SOP、话术表、FAQ（md、txt、pdf、docx、xlsx），提问时会一起检索。")
        if st.button("去知识库", key="welcome-knowledge"):
            st.switch_page("app_pages/knowledge.py")
    with st.expander("哪个工具导出哪种文件？"):
        st.dataframe(EXPORTERS, hide_index=True, width="stretch")
    st.markdown("**试着问问：**")
    for column, question in zip(st.columns(len(EXAMPLES)), EXAMPLES, strict=True):
        column.button(question, key=f"example-{question}", on_click=ask, args=(question,))
