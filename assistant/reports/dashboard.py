"""The 群数据 dashboard as data: tiles, charts and tables in the chosen language, and its exports.

The page only lays these out. Every figure is formatted here once (rates in percent, whole
numbers without ".0", GMV with ¥), the charts are the report's chart definitions
(:mod:`assistant.reports.charts`), and the tables the page shows are the ones the XLSX download
holds, each cell passed through ``safe_cell``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from openpyxl import Workbook

from ..analytics.churn import ChurnReport
from ..analytics.metrics import RATES, Metric, MetricsReport
from ..analytics.periods import Period
from ..analytics.risks import Flag
from ..i18n import label, t
from ..safety.cells import safe_cell
from .model import NUMBER, RATIO, Chart, Num, Table, in_language

TILES = ("members_end", "joins", "exits", "exit_rate", "activity_rate", "messages_per_day", "conversion_rate",
         "gmv", "activation_rate", "first_response_minutes")
LOWER_IS_BETTER = {"exits", "exit_rate", "first_response_minutes", "refund_rate", "unanswered_questions"}
MONEY = {"gmv"}
TILES_PER_ROW = 5


@dataclass(frozen=True)
class Tile:
    key: str
    label: str
    value: str
    delta: str | None
    status: str  # health key
    status_label: str
    note: str
    lower_is_better: bool


def value_text(key: str, value: float | None, signed: bool = False) -> str:
    """A metric as the dashboard prints it: 12.3%, 1,234, 3.5, ¥1,234.50 (¥13,378 from ten thousand
    on: with the cents it no longer fits a tile of a five-tile row)."""
    if value is None:
        return "—"
    if key in RATES:
        return f"{value:+.1%}" if signed else f"{value:.1%}"
    if key in MONEY:
        sign = ("+" if value >= 0 else "-") if signed else ("-" if value < 0 else "")
        if abs(value) >= 10_000:
            return f"{sign}¥{abs(value):,.0f}"
        return f"{sign}¥{abs(value):,.2f}".replace(".00", "")
    text = f"{value:+,.1f}" if signed else f"{value:,.1f}"
    return text.removesuffix(".0")


def tiles(report: MetricsReport, language: str) -> list[Tile]:
    """The KPI tiles in reading order (rows of :data:`TILES_PER_ROW`)."""
    found = []
    for key in TILES:
        metric = report.get(key)
        found.append(Tile(key, label("metric", key, language), value_text(key, metric.value),
                          None if metric.delta is None else value_text(key, metric.delta, signed=True),
                          metric.status, label("health", metric.status, language),
                          _note(metric, language), key in LOWER_IS_BETTER))
    return found


def _note(metric: Metric, language: str) -> str:
    """The analytics write the note in their own language: shown when it is the page's."""
    return metric.note if metric.language == language else ""


def rows_of(items: list, size: int = TILES_PER_ROW) -> list[list]:
    return [items[n:n + size] for n in range(0, len(items), size)]


def trend_charts(rows: list[dict], language: str) -> list[Chart]:
    """Members (line) and joins/exits (bars, two colours) per period, summed over the groups shown."""
    periods: dict[str, dict] = {}
    for row in rows:
        total = periods.setdefault(row["week"], {"members": 0, "joins": 0, "exits": None, "complete": True})
        total["members"] += row["members"]
        total["joins"] += row["joins"]
        if row["exits"] is not None:
            total["exits"] = (total["exits"] or 0) + row["exits"]
        total["complete"] &= row.get("complete", True)
    labels = list(periods)
    unfinished = tuple(p for p, v in periods.items() if not v["complete"])
    axis = t("dash.period", language)
    members = Chart("members", t("dash.members_chart", language), "line", labels,
                    {t("dash.members", language): [periods[p]["members"] for p in labels]}, NUMBER, unfinished, axis)
    flow = Chart("joins_exits", t("dash.flow_chart", language), "bar", labels,
                 {t("dash.joins", language): [periods[p]["joins"] for p in labels],
                  t("dash.exits", language): [periods[p]["exits"] for p in labels]}, NUMBER, unfinished, axis)
    return [members, flow]


def heat_chart(rows: list[dict], language: str) -> Chart:
    days = t("dash.weekdays", language).split()
    hours = [str(h) for h in range(24)]
    grid = {name: [0.0] * 24 for name in days}
    for row in rows:
        grid[days[row["weekday"] - 1]][row["hour"]] += row["messages"]
    return Chart("heatmap", t("dash.heat_chart", language), "heat", hours, grid, NUMBER, (), t("dash.hour", language))


def kpi_table(report: MetricsReport, language: str) -> Table:
    headers = tuple(t(f"dash.col.{c}", language) for c in ("metric", "now", "before", "change", "status", "note"))
    rows = [(label("metric", m.key, language), *(_num(m.key, v) for v in (m.value, m.previous)),
             _num(m.key, m.delta, signed=True), label("health", m.status, language), _note(m, language))
            for m in report.metrics]
    return Table("kpis", t("dash.kpis", language), headers, rows)


def trend_table(rows: list[dict], language: str) -> Table:
    headers = (t("dash.col.group", language), t("dash.period", language), t("dash.members", language),
               t("dash.joins", language), t("dash.exits", language), t("dash.messages", language))
    body = [(r["group"], r["week"] + ("" if r.get("complete", True) else "*"), Num(r["members"]), Num(r["joins"]),
             Num(r["exits"]), Num(r["messages"])) for r in rows]
    return Table("trend", t("dash.flow_chart", language), headers, body)


def cohort_table(rows: list[dict], language: str) -> Table:
    weeks = sorted(int(k[1:]) for k in (rows[0] if rows else {}) if k.startswith("w") and k[1:].isdigit())
    headers = (t("dash.cohort", language), t("dash.joined", language), *(t("dash.week_n", language, n=k) for k in weeks))
    body = [(r["cohort"], Num(r["joined"]), *(Num(r[f"w{k}"], RATIO) for k in weeks)) for r in rows]
    return Table("cohorts", t("dash.cohorts", language), headers, body)


def segment_table(report: ChurnReport, language: str) -> Table:
    headers = tuple(t(f"dash.col.{c}", language) for c in ("dimension", "value")) + (
        t("dash.exits", language), t("dash.col.members", language), t("dash.col.rate", language),
        t("dash.col.excess", language))
    body = [(label("dimension", s.dimension, language), s.value_in(language), Num(s.exits), Num(s.members), Num(s.exit_rate, RATIO),
             Num(s.excess)) for s in report.segments]
    return Table("churn_segments", t("dash.where", language), headers, body)


def churn_line(report: ChurnReport, language: str) -> str:
    split = ("，" if language == "zh" else ", ").join(
        f"{label('exit', k, language)} {v}" for k, v in report.exit_types.items())
    return t("dash.churn_line", language, exits=report.exits, split=split or t("dash.none", language),
             rate=value_text("exit_rate", report.exit_rate), baseline=value_text("exit_rate", report.baseline_rate))


def driver_title(driver, language: str) -> str:  # noqa: ANN001 - analytics.drivers.base.Driver
    return t("dash.driver", language, label=label("driver", driver.id, language), score=f"{driver.score:.2f}",
             confidence=label("confidence", driver.confidence, language))


def evidence_table(items: list[dict], language: str, key: str = "evidence") -> Table:
    """Cited messages by group, time and sender (what finds them again: ``history context``); their raw
    ids mean nothing to a reader and stay in ``--json``."""
    headers = tuple(t(f"dash.col.{c}", language) for c in ("group", "time", "sender", "text"))
    body = [(e.get("group", ""), e["ts"], label("sender", e["sender"], language),
             in_language(e["text"], e.get("text_en", ""), language)) for e in items]
    return Table(key, key, headers, body)


def risk_table(flags: list[Flag], language: str) -> Table:
    headers = tuple(t(f"dash.col.{c}", language) for c in ("kind", "rule", "group", "time", "sender", "text"))
    body = [(label("risk", f.kind, language), label("risk_rule", f.rule, language), f.group, f.ts,
             label("sender", f.sender, language), f.text) for f in flags]
    return Table("risks", t("dash.risks", language), headers, body)


def segment_counts(counts: dict[str, dict[str, int]], language: str) -> list[tuple[str, Table]]:
    titles = {"stage": "dash.stage", "tier": "dash.tier", "churn_risk": "dash.churn_risk"}
    found = []
    for kind, values in counts.items():
        headers = (t("dash.col.value", language), t("dash.col.count", language))
        rows = [(label("stage", k, language), Num(v)) for k, v in values.items()]
        found.append((t(titles[kind], language), Table(f"segments_{kind}", t(titles[kind], language), headers, rows)))
    return found


def period_text(period: Period, language: str, unfinished: bool = False) -> str:
    return period.label + (f" ({t('dash.unfinished', language)})" if unfinished else "")


def frame_rows(table: Table) -> list[dict]:
    """The table as rows for a data grid: numbers formatted (percent, thousands), columns named."""
    return [{h: (c.text() if isinstance(c, Num) else c) for h, c in zip(table.headers, row, strict=True)}
            for row in table.rows]


def workbook(tables: list[Table], language: str) -> bytes:
    """Every dashboard table on its own sheet; numbers stay numbers, text cannot run as a formula."""
    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(_sheet_name(table.title, [s.title for s in book.worksheets]))
        sheet.append([safe_cell(h) for h in table.headers])
        for row in table.rows:
            sheet.append([_cell(c) for c in row])
            for column, cell in enumerate(row, start=1):
                if isinstance(cell, Num) and cell.kind == RATIO:
                    sheet.cell(sheet.max_row, column).number_format = "0.0%"
    if not book.worksheets:
        book.create_sheet(t("dash.kpis", language))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _num(key: str, value: float | None, signed: bool = False) -> Num:
    return Num(value, RATIO if key in RATES else NUMBER, signed)


def _cell(cell: object) -> object:
    return cell.value if isinstance(cell, Num) else safe_cell(cell)


def _sheet_name(title: str, taken: list[str]) -> str:
    base = "".join("_" if c in "[]:*?/\\" else c for c in title)[:28] or "sheet"
    name, n = base, 2
    while name in taken:
        name, n = f"{base[:25]}_{n}", n + 1
    return name
