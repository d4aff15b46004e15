"""The reports page (周报): choose a group and a week, generate, preview, download in four formats.

UI only: the report, its figures and its files come from ``assistant.reports``. A generated report
and its files are kept in the session, so switching a selectbox or clicking a download button does
not recompute anything.
"""

from __future__ import annotations

import re

import streamlit as st

from app_pages import state
from assistant import AssistantError
from assistant.reports import FORMATS, WeeklyReport, charts
from assistant.reports.layout import sections
from assistant.reports.exports import markdown
from assistant.reports.exports.markdown import escape
from assistant.safety.markup import neutralize

ALL = "全部群"
KEY = "weekly_report"

settings = state.settings()
assistant = state.assistant(settings)


def _file_stem(report: WeeklyReport) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", f"周报_{report.scope}_{report.week}")


def _generate(group: str | None, week: str) -> None:
    with st.spinner("正在生成周报…"):
        try:
            report = assistant.weekly_report(group=group, week=week)
            files = {ext: fmt.render(report) for ext, fmt in FORMATS.items()}
        except AssistantError as exc:
            st.error(str(exc))
            return
    st.session_state[KEY] = (report, files)


def _show(report: WeeklyReport, files: dict[str, bytes]) -> None:
    st.caption(f"{escape(report.scope)} · {report.week}（{report.first_day} 至 {report.last_day}）· "
               + ("摘要为离线模板生成" if report.summary.mode == "offline" else f"摘要由模型 {report.summary.mode} 撰写"))
    if report.summary.notice:
        st.warning(report.summary.notice)
    columns = st.columns(len(FORMATS))
    for column, (ext, fmt) in zip(columns, FORMATS.items(), strict=True):
        column.download_button(f"下载 {fmt.name}", files[ext], file_name=_file_stem(report) + ext, mime=fmt.mime,
                               key=f"report-download-{ext[1:]}", width="stretch")
    with st.container(border=True):
        st.markdown(neutralize(markdown.render(report)))
        for chart in (c for section in sections(report) for c in section.charts):
            st.altair_chart(charts.figure(chart, width="container"), width="stretch")


st.title("周报")
st.caption("按周汇总一个群或全部群：核心指标与健康状态、趋势图、退群原因、高频话题（是否已有手册答案）、未回复提问、风险、订单、成员分层，"
           "以及根据运营手册生成的下周行动清单。数字全部来自已导入的群数据。")
try:
    names = assistant.analytics.group_names()
    left, right = st.columns(2)
    choice = left.selectbox("群", [ALL, *names], key="report-group")
    group = None if choice == ALL else choice
    weeks = assistant.analytics.recent_weeks(10, group=group)[::-1]  # newest first
except AssistantError as exc:
    st.info(str(exc))
    st.stop()
week = right.selectbox("周", [w.label for w in weeks], key="report-week")
if st.button("生成周报", type="primary", key="report-generate"):
    _generate(group, week)
if KEY in st.session_state:
    _show(*st.session_state[KEY])
else:
    st.info("选择群和周，然后点「生成周报」。")
