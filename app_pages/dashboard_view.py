"""The dashboard of the 群数据 page: KPI tiles, charts, the churn explainer, segments and risks.

UI only: every number comes from ``assistant.analytics`` (the same objects ``metrics --json``
prints). Results are cached per history-file version, so a dashboard redraw does not recompute
and a new import invalidates the cache.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from app_pages import state
from assistant import Assistant, AssistantError
from assistant.analytics.metrics import RATES
from assistant.analytics.segments import summary, to_csv
from assistant.reports.exports.markdown import escape
from assistant.safety.markup import neutralize

TILES = ("members_end", "joins", "exits", "exit_rate", "activity_rate", "messages_per_day", "conversion_rate",
         "gmv", "activation_rate", "first_response_minutes")
LOWER_IS_BETTER = {"exits", "exit_rate", "first_response_minutes", "refund_rate", "unanswered_questions"}
BADGES = {"healthy": ":green-badge[健康]", "watch": ":orange-badge[关注]", "action": ":red-badge[需处理]",
          "unsupported": ":gray-badge[无法计算]", "insufficient": ":gray-badge[数据不足]", "info": ""}
ALL = "全部群"
WEEKDAYS = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
EXIT_TYPES = {"voluntary": "主动退群", "removed": "被移出", "inferred": "快照推断"}


def render(assistant: Assistant) -> None:
    analytics = assistant.analytics
    version = state.history_version(assistant)
    try:
        names = _cached(version, "group_names", assistant)
    except AssistantError as exc:
        st.info(str(exc))
        return
    left, right = st.columns(2)
    group_choice = left.selectbox("群", [ALL, *names], key="dash-group")
    group = None if group_choice == ALL else group_choice
    latest = analytics.latest_week(group)
    weeks = [latest]
    for _ in range(9):
        weeks.append(weeks[-1].previous())
    week = right.selectbox("周", [w.label for w in weeks], key="dash-week")
    period = next(w for w in weeks if w.label == week)
    reports = _cached(version, "metrics", assistant, period, group)
    report = next(r for r in reports if r.group == (group or (ALL if len(names) > 1 else names[0])))
    _tiles(report)
    _charts(version, assistant, group)
    _churn(_cached(version, "churn", assistant, period, group))
    _segments(version, assistant, group)
    _risks(version, assistant, group)


@st.cache_data(show_spinner="正在计算…", max_entries=64)
def _cached_call(version: str, method: str, db: str, *args: object) -> object:
    from assistant.analytics import Analytics

    return getattr(Analytics(db), method)(*args)


def _cached(version: str, method: str, assistant: Assistant, *args: object) -> object:
    return _cached_call(version, method, str(assistant.settings.history_db), *args)


def _format(key: str, value: float | None) -> str:
    if value is None:
        return "—"
    if key in RATES:
        return f"{value:.1%}"
    return f"{value:,.1f}".removesuffix(".0")


def _tiles(report) -> None:  # noqa: ANN001
    st.subheader(f"{escape(report.group)} · {report.period.label}（对比 {report.previous.label}）")
    columns = st.columns(5)
    for index, key in enumerate(TILES):
        metric = report.get(key)
        delta = None if metric.delta is None else (f"{metric.delta:+.1%}" if key in RATES else f"{metric.delta:+,.1f}")
        with columns[index % 5]:
            st.metric(metric.label, _format(key, metric.value), delta,
                      delta_color="inverse" if key in LOWER_IS_BETTER else "normal", help=metric.note or None)
            if BADGES[metric.status]:
                st.markdown(BADGES[metric.status])


def _charts(version: str, assistant: Assistant, group: str | None) -> None:
    weekly = pd.DataFrame(_cached(version, "weekly", assistant, group))
    left, right = st.columns(2)
    with left:
        st.markdown("**成员、入群与退群（按周）**")
        if not weekly.empty:
            frame = weekly.groupby("week", as_index=False)[["members", "joins", "exits"]].sum(min_count=1)
            frame = frame.rename(columns={"members": "期末人数", "joins": "入群", "exits": "退群"})
            st.line_chart(frame, x="week", y=["期末人数"], height=220)
            st.bar_chart(frame, x="week", y=["入群", "退群"], stack=False, height=220)
    with right:
        st.markdown("**活跃时段（近 4 周，星期 × 小时）**")
        heat = pd.DataFrame(_cached(version, "heatmap", assistant, group))
        heat["星期"] = heat["weekday"].map(lambda d: WEEKDAYS[d - 1])
        chart = alt.Chart(heat).mark_rect().encode(
            x=alt.X("hour:O", title="小时"), y=alt.Y("星期:N", sort=WEEKDAYS), color=alt.Color("messages:Q", title="消息"),
            tooltip=["星期", "hour", "messages"])
        st.altair_chart(chart, width="stretch")
    cohorts = pd.DataFrame(_cached(version, "cohorts", assistant, group))
    if not cohorts.empty:
        st.markdown("**新人留存（按入群周，入群后第 N 周仍在群的比例）**")
        st.dataframe(cohorts.rename(columns={"cohort": "入群周", "joined": "入群人数"}), hide_index=True,
                     column_config={f"w{k}": st.column_config.NumberColumn(f"第{k}周", format="percent") for k in range(1, 7)})


def _churn(report) -> None:  # noqa: ANN001
    st.subheader("退群原因分析")
    split = "，".join(f"{EXIT_TYPES[k]} {v}" for k, v in report.exit_types.items())
    rate = "—" if report.exit_rate is None else f"{report.exit_rate:.1%}"
    baseline = "—" if report.baseline_rate is None else f"{report.baseline_rate:.1%}"
    st.markdown(f"本期退群 **{report.exits}** 人（{split or '无'}），退群率 **{rate}**，基线 {baseline}。")
    (st.warning if report.significant else st.success)(report.verdict.reason)
    if report.note:
        st.caption(neutralize(report.note))
    for driver in report.drivers:
        label = driver.to_dict()["confidence_label"]
        with st.expander(f"{driver.id} · 得分 {driver.score:.2f} · 可信度 {label}", expanded=True):
            st.markdown(neutralize(driver.explanation))
            if driver.evidence:
                st.dataframe(pd.DataFrame([e.to_dict() for e in driver.evidence]).rename(
                    columns={"message_id": "消息ID", "ts": "时间", "sender": "发送者", "text": "内容"}), hide_index=True)
            st.caption(f"如何确认：{neutralize(driver.confirm)}")
    if report.finding():
        (st.warning if report.unexplained else st.info)(neutralize(report.finding()))
    for item in report.not_judged:
        st.caption(f"未能判断 {item.id}：{neutralize(item.reason)}")
    for group in report.admins:
        if group["basis"] == "inferred":
            names = "；".join(f"{a['name']}（{'，'.join(a['reasons'])}）" for a in group["admins"])
            st.caption(neutralize(f"{group['group']} 的管理员按行为推断：{names}。可在下方「管理员」一节更正。"))
    if report.segments:
        st.markdown("**退群集中在哪些人**")
        st.dataframe(pd.DataFrame([s.to_dict() for s in report.segments])[
            ["dimension_label", "value", "exits", "members", "exit_rate", "excess"]].rename(columns={
                "dimension_label": "维度", "value": "分组", "exits": "退群", "members": "期初人数", "exit_rate": "退群率",
                "excess": "超出预期"}), hide_index=True)


def _segments(version: str, assistant: Assistant, group: str | None) -> None:
    st.subheader("成员分层")
    rows = _cached(version, "segments", assistant, group)
    counts = summary(rows)
    cols = st.columns(3)
    for col, (title, values) in zip(cols, (("生命周期", counts["stage"]), ("价值分层", counts["tier"]),
                                           ("流失预警", counts["churn_risk"])), strict=True):
        col.dataframe(pd.DataFrame({"分组": list(values), "人数": list(values.values())}), hide_index=True)
        col.caption(title)
    st.download_button("下载成员分层 CSV", to_csv(rows).encode("utf-8"), file_name="members_segments.csv",
                       mime="text/csv", key="download-segments")


def _risks(version: str, assistant: Assistant, group: str | None) -> None:
    st.subheader("风险提醒（近 4 周）")
    flags = _cached(version, "risks", assistant, group)
    if not flags:
        st.success("没有发现风险消息。")
        return
    st.dataframe(pd.DataFrame([f.to_dict() for f in flags])[["label", "rule", "group", "ts", "sender", "text", "message_id"]]
                 .rename(columns={"label": "类型", "rule": "规则", "group": "群", "ts": "时间", "sender": "发送者",
                                  "text": "内容", "message_id": "消息ID"}), hide_index=True)
