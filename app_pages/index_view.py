"""The history search index's background update, as a progress bar that follows it.

Shown on the Groups page after an import (and after loading the demo): the bar redraws every second
while the sync runs, and the page reruns once when it ends so the topics and search see the result.
"""

from __future__ import annotations

import streamlit as st

from assistant import Assistant


def render(assistant: Assistant) -> None:
    progress = assistant.history_index_progress()
    with st.container():  # always one element here, so the tabs below keep their identity (and selection)
        if progress.running:
            _follow(assistant)
        elif progress.error:
            st.warning(f"群聊检索索引没有更新：{progress.error}（下次群聊提问时会再试）")
        elif progress.report is not None and st.session_state.pop("index_announce", False):
            report = progress.report
            st.caption(f"群聊检索索引已更新：新增 {report.added} 段对话，移除 {report.removed} 段"
                       f"（{progress.seconds:.0f} 秒）。")


@st.fragment(run_every=1.0)
def _follow(assistant: Assistant) -> None:
    progress = assistant.history_index_progress()
    if not progress.running:
        st.session_state["index_announce"] = True
        st.rerun()
    total = f"{progress.done:,}/{progress.total:,} 条消息" if progress.total else "准备中"
    st.progress(progress.share, text=f"正在后台更新群聊检索索引：{total}。可以先看看板；群聊提问会等它完成。")
