"""One definition per chart, drawn the same on the dashboard, in the HTML report and in DOCX/PNG.

A :class:`~assistant.reports.model.Chart` (labels and named series) becomes an Altair chart here;
Streamlit shows the Altair object, and ``vl-convert`` (Vega-Lite compiled into the wheel, no
browser, no network) turns the same specification into SVG for the HTML report and PNG for Word
and downloads. Joins, exits, members and messages keep their own colours everywhere; a period
the data stops inside is drawn faint and its label ends with ``*``.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import vl_convert

from .model import RATIO, Chart

VEGA_LITE = "6.4"  # the Vega-Lite version vl-convert compiles Altair 6's specifications with
FONT = "PingFang SC, Microsoft YaHei, Noto Sans CJK SC, Noto Sans SC, sans-serif"
PALETTE = ("#2f6fde", "#e4572e", "#29a36a", "#f0a202", "#7b5ea7", "#5c6b73")
WIDTH, HEIGHT = 560, 220
MARK = "*"
HEAT_ROW = 24  # px per heat-map row: room for a weekday label at Streamlit's label size


def figure(chart: Chart, width: int | str = WIDTH) -> alt.Chart:
    """The Altair chart for ``chart`` (``width="container"`` on the dashboard)."""
    if chart.kind == "heat":
        drawn = _heat(chart)
    elif chart.kind == "hbar":
        drawn = _hbar(chart)
    else:
        drawn = _columns(chart)
    # "fit-x": a container-wide chart keeps its height (plain "fit" would squash it to the frame's).
    sizing = {"autosize": alt.AutoSizeParams(type="fit-x", contains="padding")} if width == "container" else {}
    return (drawn.properties(title=chart.title, width=width, height=_height(chart), **sizing)
            .configure(font=FONT).configure_title(anchor="start", fontSize=13)
            .configure_legend(orient="top", title=None).configure_view(stroke=None))


def svg(chart: Chart) -> str:
    """The chart as an ``<svg>`` element, text kept as text (searchable, scalable)."""
    drawn = vl_convert.vegalite_to_svg(figure(chart).to_dict(), vl_version=VEGA_LITE)
    return drawn[drawn.index("<svg"):]


def png(chart: Chart, scale: float = 2.0) -> bytes:
    """The chart as a PNG image (``scale`` 2 prints sharply in Word)."""
    return vl_convert.vegalite_to_png(figure(chart).to_dict(), vl_version=VEGA_LITE, scale=scale)


def label_of(period: str, unfinished: tuple[str, ...]) -> str:
    """A period's axis label: ``2026-W12*`` while its data is incomplete."""
    return period + MARK if period in unfinished else period


def _frame(chart: Chart) -> pd.DataFrame:
    rows = [{"x": label_of(x, chart.unfinished), "series": name, "value": value, "order": n,
             "done": x not in chart.unfinished}
            for name, values in chart.series.items() for n, (x, value) in enumerate(zip(chart.labels, values, strict=True))
            if value is not None]
    return pd.DataFrame(rows, columns=["x", "series", "value", "order", "done"])


def _colour(chart: Chart) -> alt.Color:
    names = list(chart.series)
    return alt.Color("series:N", sort=names, legend=alt.Legend() if len(names) > 1 else None,
                     scale=alt.Scale(domain=names, range=list(PALETTE[:len(names)])))


def _y(chart: Chart) -> alt.Y:
    return alt.Y("value:Q", title=None, axis=alt.Axis(format=".0%" if chart.unit == RATIO else "~s", tickMinStep=1))


def _x(chart: Chart) -> alt.X:
    order = [label_of(x, chart.unfinished) for x in chart.labels]
    return alt.X("x:N", sort=order, title=chart.axis or None, axis=alt.Axis(labelAngle=-45, labelOverlap=True))


def _tooltip(chart: Chart) -> list:
    return [alt.Tooltip("x:N", title=chart.axis or " "), alt.Tooltip("series:N", title=" "),
            alt.Tooltip("value:Q", title=" ", format=".1%" if chart.unit == RATIO else ",.0f")]


def _columns(chart: Chart) -> alt.Chart:
    base = alt.Chart(_frame(chart)).encode(x=_x(chart), y=_y(chart), color=_colour(chart), tooltip=_tooltip(chart),
                                           opacity=alt.condition("datum.done", alt.value(1.0), alt.value(0.35)))
    if chart.kind == "line":
        line = base.mark_line(point=False).encode(opacity=alt.value(1.0), strokeDash=alt.value([1, 0]))
        return alt.layer(line, base.mark_point(filled=True, size=40))
    return base.mark_bar().encode(xOffset=alt.XOffset("series:N", sort=list(chart.series)))


def _hbar(chart: Chart) -> alt.Chart:
    frame = _frame(chart)
    bars = alt.Chart(frame).mark_bar(color=PALETTE[0]).encode(
        y=alt.Y("x:N", sort=list(chart.labels), title=None), x=alt.X("value:Q", title=None, axis=alt.Axis(
            format=".0%" if chart.unit == RATIO else "~s")), tooltip=_tooltip(chart))
    text = bars.mark_text(align="left", dx=4, color="#333").encode(
        text=alt.Text("value:Q", format=".0%" if chart.unit == RATIO else ",.0f"))
    return alt.layer(bars, text)


def _heat(chart: Chart) -> alt.Chart:
    frame = _frame(chart)
    return alt.Chart(frame).mark_rect().encode(
        x=alt.X("x:O", sort=list(chart.labels), title=chart.axis or None, axis=alt.Axis(labelAngle=0)),
        # Every weekday named: Streamlit's theme hides overlapping and edge labels, which on 7 short
        # rows left the heat map without any.
        y=alt.Y("series:N", sort=list(chart.series), title=None,
                axis=alt.Axis(labelOverlap=False, labelFlush=False, labelBound=False, labelLimit=0, labelPadding=4)),
        color=alt.Color("value:Q", title=None, scale=alt.Scale(scheme="blues")),
        tooltip=[alt.Tooltip("series:N", title=" "), alt.Tooltip("x:O", title=chart.axis or " "),
                 alt.Tooltip("value:Q", title=" ", format=",.0f")])


def _height(chart: Chart) -> int:
    if chart.kind == "hbar":
        return 24 * max(len(chart.labels), 1)
    if chart.kind == "heat":
        return HEAT_ROW * max(len(chart.series), 1)
    return HEIGHT
