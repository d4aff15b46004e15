"""The dashboard of the 群数据 page: filters, KPI tiles, charts, the churn explainer, segments,
risks, and downloads of its tables (XLSX) and charts (PNG/SVG).

UI only: numbers come from the ``Numbers`` use case and are formatted, labelled and charted by
``dashboard`` / ``charts`` (the report's chart definitions; all three from ``assistant.app``). Results are cached
per history-file version, so a redraw does not recompute and a new import invalidates the cache.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from app_pages import state
from assistant import Assistant, AssistantError
from assistant.app import admins_text
from assistant.app import Numbers, Period, charts, neutralize, parse_range, parse_week
from assistant.app import ReportTable as Table
from assistant.app import dashboard as board
from assistant.app import day_period as day
from assistant.app import escape_markdown as escape
from assistant.app import segment_summary as summary
from assistant.app import segments_csv as to_csv
from assistant.i18n import ALL_GROUPS, colon, group_or_all, label, t

BADGES = {"healthy": "green", "watch": "orange", "action": "red", "unsupported": "gray", "insufficient": "gray"}
GRANULARITY = ("week", "day", "range")


def render(assistant: Assistant) -> None:
    lang = assistant.settings.language
    version = state.history_version(assistant)
    try:
        names = _cached(version, "group_names", assistant)
    except AssistantError as exc:
        st.info(str(exc))
        return
    group, period, trend = _filters(version, assistant, names, lang)
    if period is None:
        return
    reports = _cached(version, "metrics", assistant, period, group)
    report = next(r for r in reports if r.group == group) if group else reports[-1]  # the last one sums them all
    tables: list[Table] = [board.kpi_table(report, lang)]
    _tiles(report, period, names, lang)
    tables += _charts(version, assistant, group, trend, lang)
    churn = _cached(version, "churn", assistant, period, group)
    tables += _churn(churn, lang)
    tables += _segments(version, assistant, group, lang)
    tables += _risks(version, assistant, group, lang)
    st.download_button(t("dash.export_tables", lang), lambda: board.workbook(tables, lang), key="dash-xlsx", on_click="ignore",
                       file_name=f"dashboard_{period.label}.xlsx", icon=":material/table_view:",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _filters(version: str, assistant: Assistant, names: list[str], lang: str):  # noqa: ANN202
    """Owner/admin, group and period choices; returns (group or None, period, the trend rows)."""
    owners = _cached(version, "owners", assistant)
    first, second, third = st.columns(3)
    owner = first.selectbox(t("dash.owner", lang), [None, *owners], key="dash-owner",
                            format_func=lambda o: t("dash.owner.any", lang) if o is None else o)
    offered = owners[owner] if owner else names
    choices = ([None] if len(offered) > 1 and not owner else []) + list(offered)
    group = second.selectbox(t("dash.group", lang), choices, key="dash-group",
                             format_func=lambda g: group_or_all(g, lang))
    labels = {"week": "dash.by_week", "day": "dash.by_day", "range": "dash.by_range"}
    grain = third.radio(t("dash.granularity", lang), GRANULARITY, horizontal=True, key="dash-grain",
                        format_func=lambda g: t(labels[g], lang))
    if grain == "week":
        trend = _cached(version, "weekly", assistant, group)
        return group, _week_picker(version, assistant, group, trend, lang), trend
    daily = _cached(version, "daily", assistant, group, 28)
    days = sorted({row["week"] for row in daily})
    if not days:
        return group, None, daily
    last, earliest = date.fromisoformat(days[-1]), date.fromisoformat(days[0])
    if grain == "day":
        chosen = st.date_input(t("dash.day", lang), value=last, min_value=earliest, max_value=last, key="dash-day")
        return group, day(chosen), daily
    picked = st.date_input(t("dash.range", lang), value=(last.replace(day=1) if last.day > 1 else earliest, last),
                           max_value=last, key="dash-range")
    if not isinstance(picked, tuple | list) or len(picked) != 2:
        st.info(t("dash.range_incomplete", lang))
        return group, None, daily
    period = parse_range(picked[0].isoformat(), picked[1].isoformat())
    return group, period, _cached(version, "span", assistant, period, group)


def _week_picker(version: str, assistant: Assistant, group: str | None, trend: list[dict], lang: str) -> Period:
    """Every week the chart shows, newest first, the unfinished one marked; the latest complete is the default."""
    complete = {w: all(r.get("complete", True) for r in trend if r["week"] == w) for w in {r["week"] for r in trend}}
    weeks = sorted(complete, reverse=True)
    latest = _cached(version, "latest_week", assistant, group).label
    index = weeks.index(latest) if latest in weeks else 0
    label = st.selectbox(t("dash.week", lang), weeks, index=index, key="dash-week",
                         format_func=lambda w: w if complete[w] else f"{w}* ({t('dash.unfinished', lang)})")
    return parse_week(label)


@st.cache_data(show_spinner=False, max_entries=64)
def _cached_call(version: str, method: str, db: str, language: str, *args: object) -> object:
    return Numbers.at(db, language).figure(method, *args)


def _cached(version: str, method: str, assistant: Assistant, *args: object) -> object:
    with st.spinner(t("dash.computing", assistant.settings.language)):
        return _cached_call(version, method, str(assistant.settings.history_db), assistant.settings.language, *args)


def _tiles(report, period: Period, names: list[str], lang: str) -> None:  # noqa: ANN001
    name = escape(report.group) if report.group in names else label("scope", ALL_GROUPS, lang)
    st.subheader(t("dash.heading", lang, group=name, period=period.label, previous=report.previous.label))
    for row in board.rows_of(board.tiles(report, lang)):
        for column, tile in zip(st.columns(board.TILES_PER_ROW), row, strict=False):
            with column:
                st.metric(tile.label, tile.value, tile.delta, delta_color="inverse" if tile.lower_is_better else "normal",
                          help=tile.note or None)
                if tile.status in BADGES:
                    st.markdown(f":{BADGES[tile.status]}-badge[{tile.status_label}]")


def _chart(chart, key: str, lang: str) -> None:  # noqa: ANN001 - assistant.reports.model.Chart
    st.altair_chart(charts.figure(chart, width="container"), width="stretch")
    with st.popover(t("dash.export", lang), icon=":material/download:"):
        # Rendered only when clicked (vl-convert takes a fraction of a second per image).
        st.download_button(t("dash.export_png", lang, title=chart.title), lambda: charts.png(chart),
                           file_name=f"{chart.key}.png", mime="image/png", key=f"{key}-png", on_click="ignore")
        st.download_button(t("dash.export_svg", lang, title=chart.title), lambda: charts.svg(chart).encode("utf-8"),
                           file_name=f"{chart.key}.svg", mime="image/svg+xml", key=f"{key}-svg", on_click="ignore")


def _charts(version: str, assistant: Assistant, group: str | None, trend: list[dict], lang: str) -> list[Table]:
    members, flow = board.trend_charts(trend, lang)
    left, right = st.columns(2)
    with left:
        _chart(members, "chart-members", lang)
    with right:
        _chart(flow, "chart-flow", lang)
    if members.unfinished:
        st.caption(t("dash.unfinished_note", lang, end=members.unfinished[-1]))
    _chart(board.heat_chart(_cached(version, "heatmap", assistant, group), lang), "chart-heat", lang)
    tables = [board.trend_table(trend, lang)]
    cohorts = board.cohort_table(_cached(version, "cohorts", assistant, group), lang)
    if cohorts.rows:
        st.markdown(f"**{cohorts.title}**")
        _grid(cohorts)
        tables.append(cohorts)
    return tables


def _grid(table: Table, **options: object) -> None:
    st.dataframe(pd.DataFrame(board.frame_rows(table), columns=list(table.headers)), hide_index=True, width="stretch",
                 **options)


def _churn(report, lang: str) -> list[Table]:  # noqa: ANN001
    st.subheader(t("dash.churn", lang))
    st.markdown(board.churn_line(report, lang))
    (st.warning if report.significant else st.success)(report.verdict.text(lang))
    if report.unseen:
        st.caption(neutralize(report.note_in(lang), lang))
    tables = []
    for n, driver in enumerate(report.drivers):
        with st.expander(board.driver_title(driver, lang), expanded=True):
            st.markdown(neutralize(driver.explain(lang)))
            evidence = board.evidence_table([e.to_dict() for e in driver.evidence], lang, f"evidence_{driver.id}")
            if evidence.rows:
                _grid(evidence)
                tables.append(evidence)
            st.caption(t("dash.confirm", lang, text=neutralize(driver.how_to_confirm(lang))))
    if report.finding(lang):
        (st.warning if report.unexplained else st.info)(neutralize(report.finding(lang)))
    for item in report.not_judged:
        st.caption(neutralize(f"{label('driver', item.id, lang)}{colon(lang)}{item.reason if lang == 'zh' else item.reason_en}",
                              lang))
    for group in report.admins:
        if group["basis"] == "inferred":
            names = admins_text(group["admins"], lang)
            st.caption(neutralize(t("dash.inferred_admins", lang, group=group["group"], names=names)))
    if report.segments:
        where = board.segment_table(report, lang)
        st.markdown(f"**{where.title}**", help=t("dash.excess_help", lang))
        _grid(where)
        tables.append(where)
    return tables


def _segments(version: str, assistant: Assistant, group: str | None, lang: str) -> list[Table]:
    st.subheader(t("dash.segments", lang))
    rows = _cached(version, "segments", assistant, group)
    counts = board.segment_counts(summary(rows), lang)
    for column, (title, table) in zip(st.columns(len(counts)), counts, strict=True):
        with column:
            _grid(table)
            st.caption(title)
    st.download_button(t("dash.download_segments", lang), to_csv(rows, lang).encode("utf-8"), file_name="members_segments.csv",
                       mime="text/csv", key="download-segments")
    return [table for _, table in counts]


def _risks(version: str, assistant: Assistant, group: str | None, lang: str) -> list[Table]:
    st.subheader(t("dash.risks", lang))
    flags = _cached(version, "risks", assistant, group)
    if not flags:
        st.success(t("dash.no_risks", lang))
        return []
    table = board.risk_table(flags, lang)
    _grid(table)
    return [table]
