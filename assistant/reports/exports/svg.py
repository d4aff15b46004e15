"""Small SVG charts drawn by hand, so the HTML report is one file that opens anywhere.

No JavaScript and no chart library: a line chart, a grouped bar chart and a horizontal bar chart
are enough for a weekly report, and each is a few rectangles, a polyline and labels. Every piece
of text goes through ``html.escape``; group names and labels come from users' data.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from html import escape

from ..model import Chart, fmt

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 40, 44
COLORS = ("#2f6fde", "#e4572e", "#29a36a", "#f0a202", "#7b5ea7")
Scale = Callable[[float], float]  # value -> y coordinate
FONT = 'font-family="PingFang SC, Microsoft YaHei, Noto Sans CJK SC, sans-serif" font-size="11"'


def render(chart: Chart) -> str:
    """The chart as an ``<svg>`` element."""
    body = _hbar(chart) if chart.kind == "hbar" else _columns(chart)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {_height(chart)}" width="100%" '
            f'role="img" aria-label="{escape(chart.title)}" {FONT}><title>{escape(chart.title)}</title>'
            f'<text x="{LEFT}" y="16" font-size="13" font-weight="bold">{escape(chart.title)}</text>'
            f'{_legend(chart)}{body}</svg>')


def axis(value: float) -> tuple[float, int]:
    """The top of the y axis and its number of gridline steps: steps of 1, 2 or 5 × 10^k, at most five."""
    if value <= 0:
        return 1.0, 4
    raw = value / 5
    power = 10 ** math.floor(math.log10(raw))
    step = next(s * power for s in (1, 2, 5, 10) if s * power >= raw)
    steps = max(1, math.ceil(value / step - 1e-9))
    return step * steps, steps


def _height(chart: Chart) -> int:
    return TOP + 26 * len(chart.labels) + 12 if chart.kind == "hbar" else HEIGHT


def _values(chart: Chart) -> list[float]:
    return [v for series in chart.series.values() for v in series if v is not None]


def _legend(chart: Chart) -> str:
    if len(chart.series) < 2:
        return ""
    parts, x = [], WIDTH - RIGHT - 90 * len(chart.series)
    for n, name in enumerate(chart.series):
        parts.append(f'<rect x="{x}" y="8" width="10" height="10" fill="{COLORS[n % len(COLORS)]}"/>'
                     f'<text x="{x + 14}" y="17">{escape(name)}</text>')
        x += 90
    return "".join(parts)


def _columns(chart: Chart) -> str:
    """Axes, grid and the series of a line or bar chart."""
    top, steps = axis(max(_values(chart), default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(chart.labels), 1)

    def y(value: float) -> float:
        return TOP + plot_h - value / top * plot_h

    parts = []
    for tick in range(steps + 1):
        value = top * tick / steps
        parts.append(f'<line x1="{LEFT}" y1="{y(value):.1f}" x2="{WIDTH - RIGHT}" y2="{y(value):.1f}" stroke="#e3e3e3"/>'
                     f'<text x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end">{escape(fmt(value, chart.unit))}</text>')
    for n, label in enumerate(chart.labels):
        parts.append(f'<text x="{LEFT + step * (n + 0.5):.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">'
                     f'{escape(label[-3:] if len(chart.labels) > 6 else label)}</text>')
    draw = _lines if chart.kind == "line" else _bars
    return "".join(parts) + draw(chart, step, y)


def _bars(chart: Chart, step: float, y: Scale) -> str:
    width = step * 0.7 / len(chart.series)
    parts = []
    for s, (name, values) in enumerate(chart.series.items()):
        for n, value in enumerate(values):
            if value is None:
                continue
            x = LEFT + step * n + step * 0.15 + width * s
            parts.append(f'<rect x="{x:.1f}" y="{y(value):.1f}" width="{width:.1f}" height="{y(0) - y(value):.1f}" '
                         f'fill="{COLORS[s % len(COLORS)]}"><title>{escape(f"{chart.labels[n]} {name} {fmt(value, chart.unit)}")}'
                         f'</title></rect>')
    return "".join(parts)


def _lines(chart: Chart, step: float, y: Scale) -> str:
    parts = []
    for s, (name, values) in enumerate(chart.series.items()):
        color = COLORS[s % len(COLORS)]
        points = [(LEFT + step * (n + 0.5), y(v), n, v) for n, v in enumerate(values) if v is not None]
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py, _, _ in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2"/>')
        for px, py, n, v in points:
            label = escape(f"{chart.labels[n]} {name} {fmt(v, chart.unit)}")
            parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{color}"><title>{label}</title></circle>')
        if points:
            px, py, _, v = points[-1]
            parts.append(f'<text x="{px:.1f}" y="{py - 8:.1f}" text-anchor="middle">{escape(fmt(v, chart.unit))}</text>')
    return "".join(parts)


def _hbar(chart: Chart) -> str:
    """One horizontal bar per label, with its value at the end."""
    values = next(iter(chart.series.values()), [])
    top = max(_values(chart), default=0) or 1
    label_w, bar_w = 110, WIDTH - LEFT - RIGHT - 110 - 50
    parts = []
    for n, (label, value) in enumerate(zip(chart.labels, values, strict=True)):
        y = TOP + 26 * n
        width = 0 if value is None else value / top * bar_w
        parts.append(f'<text x="{LEFT + label_w - 8}" y="{y + 14}" text-anchor="end">{escape(label)}</text>'
                     f'<rect x="{LEFT + label_w}" y="{y + 2}" width="{width:.1f}" height="16" fill="{COLORS[n % len(COLORS)]}"/>'
                     f'<text x="{LEFT + label_w + width + 6:.1f}" y="{y + 14}">{escape(fmt(value, chart.unit))}</text>')
    return "".join(parts)
