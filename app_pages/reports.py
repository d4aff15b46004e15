"""The reports page (周报): choose a group and a week, generate, preview, download in four formats.

UI only: the report, its figures and its files come from ``assistant.reports``. A generated report
is kept in the session, so switching a selectbox or clicking a download button does not recompute
it. Each file is rendered when its download button is clicked (once per report), not when the
report is generated: the four formats (the Word and Excel files most of all) were most of the wait
after 生成周报, for files the user mostly never downloads.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

import streamlit as st

from app_pages import state
from assistant import AssistantError
from assistant.i18n import group_or_all, t
from assistant.app import REPORT_FORMATS as FORMATS
from assistant.app import WeeklyReport, charts, neutralize
from assistant.app import escape_markdown as escape
from assistant.app import report_markdown
from assistant.app import report_sections as sections

KEY = "weekly_report"

settings = state.settings()
assistant = state.assistant(settings)
lang = settings.language


def _file_stem(report: WeeklyReport) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", f"{t('reports.file', lang)}_{report.scope}_{report.week}")


def _generate(group: str | None, week: str) -> None:
    with st.spinner(t("reports.running", lang)):
        try:
            report = assistant.weekly_report(group=group, week=week)
        except AssistantError as exc:
            st.error(str(exc))
            return
    st.session_state[KEY] = (report, {ext: _lazy(fmt.render, report) for ext, fmt in FORMATS.items()})


def _lazy(render: Callable[[WeeklyReport], bytes], report: WeeklyReport) -> Callable[[], bytes]:
    """The file's bytes, rendered by the first click on its download button and kept for the next."""
    return cache(lambda: render(report))


def _show(report: WeeklyReport, files: dict[str, Callable[[], bytes]]) -> None:
    mode = (t("reports.offline", lang) if report.summary.mode == "offline"
            else t("reports.model", lang, model=report.summary.mode))
    st.caption(t("reports.caption", lang, scope=escape(report.scope_name), week=report.week, first=report.first_day,
                 last=report.last_day, mode=mode))
    if report.summary.notice:
        st.warning(report.summary.notice)
    columns = st.columns(len(FORMATS))
    for column, (ext, fmt) in zip(columns, FORMATS.items(), strict=True):
        column.download_button(t("reports.download", lang, name=fmt.name), files[ext], file_name=_file_stem(report) + ext, mime=fmt.mime,
                               key=f"report-download-{ext[1:]}", width="stretch")
    with st.container(border=True):
        st.markdown(neutralize(report_markdown(report)))
        for chart in (c for section in sections(report) for c in section.charts):
            st.altair_chart(charts.figure(chart, width="container"), width="stretch")


st.title(t("nav.reports", lang))
st.caption(t("reports.intro", lang))
try:
    names = assistant.numbers.group_names()
    left, right = st.columns(2)
    group = left.selectbox(t("reports.group", lang), [None, *names], key="report-group",  # None: every group
                           format_func=lambda g: group_or_all(g, lang))
    weeks = assistant.numbers.recent_weeks(10, group=group)[::-1]  # newest first
except AssistantError as exc:
    st.info(str(exc))
    st.stop()
week = right.selectbox(t("reports.week", lang), [w.label for w in weeks], key="report-week")
if st.button(t("reports.generate", lang), type="primary", key="report-generate"):
    _generate(group, week)
if KEY in st.session_state:
    _show(*st.session_state[KEY])
else:
    st.info(t("reports.hint", lang))
