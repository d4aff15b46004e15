"""The Groups page (群数据): the dashboard, recurring topics, and importing exports or pasted text,
the demo, the group list."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from app_pages import access, admins_view, dashboard_view, digest_view, index_view, state, topics_view
from assistant import AssistantError
from assistant.history.uploads import Upload
from assistant.history.stats import via_text
from assistant.i18n import label, t
from assistant.reports.exports.markdown import escape

settings = state.settings()
assistant = state.assistant(settings)
history = assistant.history
FORMATS = dict(history.formats())
st.session_state.setdefault("history_reports", [])


def _detected(upload: Upload) -> str:
    try:
        return FORMATS[history.sniff(upload)]
    except AssistantError as exc:
        return f"无法识别：{exc}"


def _remember(new_reports: list) -> None:
    st.session_state["history_reports"] = new_reports
    access.record(settings, "history.import", {"files": [r.file for r in new_reports],
                                               "status": [r.status for r in new_reports]})
    if any(r.status != "failed" for r in new_reports):
        assistant.index_history_in_background()  # the import is done; the search index follows (bar above)
    st.rerun()  # the dashboard above was drawn before this import: draw it again with the new data


def _sync_form() -> None:
    """WeFlow's local API: address, token, groups, 同步 (all work in History.sync_weflow)."""
    st.caption("在 WeFlow「设置 → API 服务」开启 API 服务并复制 Token。每次只拉取上次同步之后的新消息。")
    saved = history.weflow_connection()
    left, right = st.columns(2)
    url = left.text_input("WeFlow 地址", value=saved.url, key="weflow_url")
    token = right.text_input("访问令牌", type="password", key="weflow_token",
                             placeholder="已保存，可留空" if saved.token else "WeFlow 的 API Token")  # fmt: skip
    if st.button("列出 WeFlow 里的群聊"):
        try:
            st.session_state["weflow_groups"] = {s.id: s.name for s in history.weflow_groups(url, token or None)}
        except AssistantError as exc:
            st.error(str(exc))
    offered = st.session_state.get("weflow_groups") or {g: g for g in saved.groups}
    chosen = st.multiselect("要同步的群", list(offered), default=[g for g in saved.groups if g in offered],
                            format_func=lambda gid: f"{offered.get(gid, gid)}（{gid}）")  # fmt: skip
    remember = st.checkbox("记住令牌（保存在本机数据目录，仅本人可读）", value=bool(saved.token))
    if st.button("同步", type="primary", disabled=not chosen):
        bar = st.progress(0.0, text="正在从 WeFlow 拉取…")
        try:
            _remember(history.sync_weflow(url, token or None, chosen, remember_token=remember, progress=_progress(bar)))
        except AssistantError as exc:
            st.error(str(exc))


def _progress(bar: DeltaGenerator) -> Callable[[int, int], None]:
    return lambda done, total: bar.progress(done / total, text=f"已处理 {done}/{total} 个文件")


st.title(t("nav.groups", settings.language))
st.caption(
    "导入微信（WeFlow、留痕、MemoTrace、PyWxDump、chatlog）、企业微信、QQ（QQChatExporter、消息管理器）、"
    "Telegram、Discord、WhatsApp、LINE 的聊天导出，以及成员名单和订单表；也可从运行中的 WeFlow 直接同步。"
    "按内容识别格式；同一文件重复导入不会重复计数。"
)
index_view.render(assistant)
board_tab, digest_tab, topics_tab, import_tab = st.tabs([t("dash.tab", settings.language), "日报", "话题与常见问题", "导入与群列表"])
with board_tab:
    dashboard_view.render(assistant)

with digest_tab:
    digest_view.render(assistant)

with topics_tab:
    topics_view.render(assistant)

with import_tab:
    upload_tab, sync_tab, paste_tab, demo_tab = st.tabs(["上传文件", "从 WeFlow 同步", "粘贴聊天记录", "示例数据"])
    with upload_tab:
        uploads = st.file_uploader("选择导出文件（可多选）", accept_multiple_files=True)
        saved = [history.keep_upload(upload.name, upload.getvalue()) for upload in uploads or []]
        if saved:
            st.dataframe([{"文件": u.name, "识别为": _detected(u)} for u in saved], hide_index=True, width="stretch")
        left, right = st.columns(2)
        group = left.text_input("导入到哪个群", placeholder="留空则用文件里的群名；订单表必须填写")
        fmt = right.selectbox("格式", ["auto", *FORMATS], format_func=lambda n: "自动识别" if n == "auto" else FORMATS[n])
        left, right = st.columns(2)
        at = left.text_input("成员名单的导出时间", placeholder="例如 2024-06-08 21:00（名单里没有时间时填写）")
        tz = right.text_input("时区（TXT/Excel 导出用导出电脑的时区）", value="Asia/Shanghai")
        allow_private = st.checkbox("也导入私聊（按两人群导入）", help="默认只导入群聊，私聊会被拒绝。")
        if st.button("开始导入", type="primary", disabled=not saved):
            bar = st.progress(0.0, text="正在导入…")
            try:
                _remember(history.import_files(saved, group=group or None, fmt=fmt, at=at or None, tz=tz,
                                               allow_private=allow_private, progress=_progress(bar)))  # fmt: skip
            except AssistantError as exc:
                st.error(str(exc))

    with sync_tab:
        _sync_form()

    with paste_tab:
        pasted = st.text_area(
            "从聊天窗口复制的消息", height=200, placeholder="张三 2024/6/1 20:15\n今晚8点开团\n\n李四 2024/6/1 20:16\n+1"
        )
        paste_group = st.text_input("这些消息属于哪个群", key="paste_group")
        if st.button("导入粘贴的内容", disabled=not (pasted.strip() and paste_group.strip())):
            try:
                _remember([history.import_text(pasted, group=paste_group, tz=tz)])
            except AssistantError as exc:
                st.error(str(exc))

    with demo_tab:
        st.write("生成一个虚构的社群（3 个不同类型的群、约 600 人、10 周），按真实导出格式写成文件后导入，用来体验看板。")
        if st.button("加载示例数据"):
            bar = st.progress(0.0, text="正在生成示例数据…")
            try:
                _remember(history.demo(progress=_progress(bar)))
            except AssistantError as exc:
                st.error(str(exc))

    if st.session_state["history_reports"]:
        st.subheader("导入报告")
        for report in st.session_state["history_reports"]:
            lines = report.lines()
            show = st.success if report.status == "ok" else st.error if report.status == "failed" else st.info
            show(lines[0])
            with st.expander("详情", expanded=report.status == "failed"):
                st.text("\n".join(lines[1:]) or "（无）")

    st.subheader("已导入的群")
    groups = history.groups()
    if not groups:
        st.info("还没有数据。上传导出文件、粘贴聊天记录，或在「示例数据」里加载示例。")
    else:
        st.dataframe(
            [{"群名": g.name, "平台": label("platform", g.platform, settings.language), "开始": g.first, "结束": g.last, "消息": g.messages,
              "现有成员": g.members_now, "成员快照": g.snapshots} for g in groups],
            hide_index=True, width="stretch",
        )  # fmt: skip
        for g in history.stats().groups:
            with st.expander(f"{escape(g.group)} · {g.first or '-'} ~ {g.last or '-'}"):
                cols = st.columns(4)
                cols[0].metric("消息", g.messages)
                cols[1].metric("现有成员", g.members_now)
                cols[2].metric("入群", g.joins["total"])
                cols[3].metric("退群", g.exits["total"])
                st.caption(f"现有成员：{escape(g.members_note)}")
                st.write("入群方式：" + via_text(g.joins["by_via"]))
                st.write(f"退群：主动 {g.exits['voluntary']}，被移出 {g.exits['removed']}，快照推断 {g.exits['inferred']}")
                if g.exits["inferred_note"]:
                    st.caption(g.exits["inferred_note"])
                if g.orders["count"]:
                    st.write(f"订单 {g.orders['count']} 笔，金额 {g.orders['amount']:.2f}，退款 {g.orders['refund']:.2f}"
                             + (f"（其中 {g.orders['from_solitaire']} 笔读自群接龙）" if g.orders.get("from_solitaire") else ""))
                admins_view.show(assistant, settings, g.group)
