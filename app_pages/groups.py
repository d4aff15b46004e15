"""The Groups page (群数据): the dashboard, recurring topics, and importing exports or pasted text,
the demo, the group list."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.runtime.uploaded_file_manager import UploadedFile

from app_pages import dashboard_view, index_view, state, topics_view
from assistant import AssistantError
from assistant.history.stats import via_text

settings = state.settings()
assistant = state.assistant(settings)
history = assistant.history
FORMATS = dict(history.formats())
UPLOADS = settings.data_dir / "uploads"
st.session_state.setdefault("history_reports", [])


def _save(upload: UploadedFile) -> Path:
    """Keep an uploaded file on disk under its own name (reports and group names use it)."""
    path = UPLOADS / upload.file_id / upload.name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(upload.getvalue())
    return path


def _detected(path: Path) -> str:
    try:
        return FORMATS[history.sniff(path)]
    except AssistantError as exc:
        return f"无法识别：{exc}"


def _remember(new_reports: list) -> None:
    st.session_state["history_reports"] = new_reports
    if any(r.status != "failed" for r in new_reports):
        assistant.index_history_in_background()  # the import is done; the search index follows (bar above)
    st.rerun()  # the dashboard above was drawn before this import: draw it again with the new data


def _progress(bar: DeltaGenerator) -> Callable[[int, int], None]:
    return lambda done, total: bar.progress(done / total, text=f"已处理 {done}/{total} 个文件")


st.title("群数据")
st.caption(
    "导入微信、企业微信、QQ、Telegram、Discord 的聊天导出，以及成员名单和订单表。"
    "按内容识别格式；同一文件重复导入不会重复计数。"
)
index_view.render(assistant)
board_tab, topics_tab, import_tab = st.tabs(["数据看板", "话题与常见问题", "导入与群列表"])
with board_tab:
    dashboard_view.render(assistant)

with topics_tab:
    topics_view.render(assistant)

with import_tab:
    upload_tab, paste_tab, demo_tab = st.tabs(["上传文件", "粘贴聊天记录", "示例数据"])
    with upload_tab:
        uploads = st.file_uploader("选择导出文件（可多选）", accept_multiple_files=True)
        saved = [_save(upload) for upload in uploads or []]
        if saved:
            st.dataframe([{"文件": p.name, "识别为": _detected(p)} for p in saved], hide_index=True, width="stretch")
        left, right = st.columns(2)
        group = left.text_input("导入到哪个群", placeholder="留空则用文件里的群名；订单表必须填写")
        fmt = right.selectbox("格式", ["auto", *FORMATS], format_func=lambda n: "自动识别" if n == "auto" else FORMATS[n])
        left, right = st.columns(2)
        at = left.text_input("成员名单的导出时间", placeholder="例如 2024-06-08 21:00（名单里没有时间时填写）")
        tz = right.text_input("时区", value="Asia/Shanghai")
        if st.button("开始导入", type="primary", disabled=not saved):
            bar = st.progress(0.0, text="正在导入…")
            try:
                _remember(
                    history.import_files(saved, group=group or None, fmt=fmt, at=at or None, tz=tz, progress=_progress(bar))
                )
            except AssistantError as exc:
                st.error(str(exc))

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
            [{"群名": g.name, "平台": g.platform, "开始": g.first, "结束": g.last, "消息": g.messages,
              "现有成员": g.members_now, "成员快照": g.snapshots} for g in groups],
            hide_index=True, width="stretch",
        )  # fmt: skip
        for g in history.stats().groups:
            with st.expander(f"{g.group} · {g.first or '-'} ~ {g.last or '-'}"):
                cols = st.columns(4)
                cols[0].metric("消息", g.messages)
                cols[1].metric("现有成员", g.members_now)
                cols[2].metric("入群", g.joins["total"])
                cols[3].metric("退群", g.exits["total"])
                st.caption(f"现有成员：{g.members_note}")
                st.write("入群方式：" + via_text(g.joins["by_via"]))
                st.write(f"退群：主动 {g.exits['voluntary']}，被移出 {g.exits['removed']}，快照推断 {g.exits['inferred']}")
                if g.exits["inferred_note"]:
                    st.caption(g.exits["inferred_note"])
                if g.orders["count"]:
                    st.write(f"订单 {g.orders['count']} 笔，金额 {g.orders['amount']:.2f}，退款 {g.orders['refund']:.2f}"
                             + (f"（其中 {g.orders['from_solitaire']} 笔读自群接龙）" if g.orders.get("from_solitaire") else ""))
