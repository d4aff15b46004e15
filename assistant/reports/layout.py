"""The report's reading order, once: sections of text, charts, tables and lists.

Markdown, HTML and DOCX walk the same sections and XLSX takes their tables, so a heading, a
figure or a column is defined here and nowhere else. Every heading, column and fixed sentence comes
from the catalogue (``report.…`` keys) in the report's language; sentences the analytics write
(verdicts, driver explanations, actions) are theirs.

A quoted message is named by its group, time and sender, which is what a reader can look up
(``history context --group G --at "YYYY-MM-DD HH:MM" --sender S``); its raw id means nothing to a
reader and stays in the report's ``--json`` only.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..i18n import label, relabel, t
from .model import RATIO, Chart, Kpi, Num, Question, Table, WeeklyReport, fmt, in_language

SHOWN_ROWS = 20


@dataclass
class Section:
    title: str
    text: list[str] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    numbered: bool = False
    sheets: list[Table] = field(default_factory=list)  # tables for the XLSX version only

    def all_tables(self) -> list[Table]:
        return [*self.tables, *self.sheets]


def header_lines(report: WeeklyReport) -> list[str]:
    lang = report.language
    mode = (t("report.mode.offline", lang) if report.summary.mode == "offline"
            else t("report.mode.model", lang, model=report.summary.mode))
    partial = "" if report.complete else t("report.partial", lang)
    return [t("report.header.week", lang, week=report.week, first=report.first_day, last=report.last_day,
              previous=report.previous_week, partial=partial),
            t("report.header.scope", lang, groups=_list(report.groups, lang)),
            t("report.header.mode", lang, mode=mode)]


def sections(report: WeeklyReport) -> list[Section]:
    summary = [p for p in [report.summary.notice, *paragraphs(report.summary.text)] if p]
    found = [Section(t("report.s.summary", report.language), summary), _kpis(report), _trend(report), _churn(report),
             _questions(report), _risks(report), _outcomes(report), _segments(report), _actions(report)]
    for section in found:
        section.tables = [replace(table, language=report.language) for table in section.tables]
        section.sheets = [replace(table, language=report.language) for table in section.sheets]
    return found


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, each on one line (Chinese needs no space between lines;
    a line that ends or starts in Latin script is joined with one: "(+0.3%). 幸福里…")."""
    blocks = [[line.strip() for line in block.splitlines() if line.strip()] for block in text.split("\n\n")]
    return [_join_lines(lines) for lines in blocks if lines]


def _join_lines(lines: list[str]) -> str:
    joined = lines[0]
    for line in lines[1:]:
        latin = joined[-1:].isascii() or line[:1].isascii()
        joined += (" " if latin else "") + line
    return joined


def _list(items: list[str], lang: str) -> str:
    """Group names joined; the every-group scope by its label."""
    return ("、" if lang == "zh" else ", ").join(label("scope", item, lang) for item in items)


def _h(report: WeeklyReport, *keys: str) -> tuple[str, ...]:
    return tuple(t(f"report.c.{key}", report.language) for key in keys)


def _kpi_cells(kpi: Kpi, lang: str) -> tuple:
    return (label("metric", kpi.key, lang), Num(kpi.value, kpi.kind), Num(kpi.previous, kpi.kind),
            Num(kpi.delta, kpi.kind, signed=True), label("health", kpi.status, lang), kpi.note)


def _kpis(report: WeeklyReport) -> Section:
    lang = report.language
    headers = _h(report, "metric", "now", "before", "change", "status", "note")
    section = Section(t("report.s.kpis", lang), tables=[Table("核心指标", t("report.t.kpis", lang, scope=report.scope_name),
                                                             headers, [_kpi_cells(k, lang) for k in report.kpis])])
    if report.multi:
        keys = ("members_end", "joins", "exits", "exit_rate", "activity_rate", "conversion_rate", "gmv",
                "unanswered_questions")
        pool = {(k.group, k.key): k for k in report.group_kpis}
        labels = tuple(label("metric", key, lang) for key in keys)
        rows = [(g, *(Num(pool[(g, key)].value, pool[(g, key)].kind) for key in keys)) for g in report.groups]
        section.tables.append(Table("各群对比", t("report.t.groups", lang), (*_h(report, "group"), *labels), rows))
    return section


def _trend(report: WeeklyReport) -> Section:
    lang = report.language
    weeks = [row["week"] for row in report.trend]
    members, joins, exits, messages = _h(report, "members", "joins", "exits", "messages")
    charts = [
        Chart("members", t("report.chart.members", lang), "line", weeks, {members: [r["members"] for r in report.trend]}),
        Chart("joins_exits", t("report.chart.flow", lang), "bar", weeks,
              {joins: [r["joins"] for r in report.trend], exits: [r["exits"] for r in report.trend]}),
        Chart("messages", t("report.chart.messages", lang), "bar", weeks,
              {messages: [r["messages"] for r in report.trend]}),
    ]
    rows = [(r["week"], Num(r["members"]), Num(r["joins"]), Num(r["exits"]), Num(r["messages"])) for r in report.trend]
    tables = [Table("近10周趋势", t("report.t.trend", lang), _h(report, "week", "members", "joins", "exits", "messages"),
                    rows)]
    if report.content_mix:
        mix = report.content_mix
        kinds = [relabel("content", m["type"], lang) for m in mix]
        charts.append(Chart("content_mix", t("report.chart.mix", lang, week=report.week), "hbar", kinds,
                            {t("report.c.share", lang): [m["share"] for m in mix]}, RATIO))
        tables.append(Table("内容构成", t("report.t.mix", lang), _h(report, "type", "share", "advised"),
                            [(kind, Num(m["share"], RATIO), _range(m["recommended"], lang))
                             for kind, m in zip(kinds, mix, strict=True)]))
    return Section(t("report.s.trend", lang), charts=charts, tables=tables)


def _range(pair: tuple[float, float] | list[float] | None, lang: str) -> str:
    return "" if not pair else t("report.range", lang, low=fmt(pair[0], RATIO), high=fmt(pair[1], RATIO))


def _churn(report: WeeklyReport) -> Section:
    lang = report.language
    section = Section(t("report.s.churn", lang))
    causes, proof, where = [], [], []
    for c in report.churn:
        line = t("report.churn.line", lang, group=c.group, exits=c.exits, start=c.members_start,
                 rate=fmt(c.exit_rate, RATIO), baseline=fmt(c.baseline_rate, RATIO))
        section.text.append(line + ("" if lang == "zh" else " ") + f"{c.verdict_in(lang)}{c.note_in(lang)}{c.finding_in(lang)}")
        section.text += [t("report.churn.undecided", lang, group=c.group, id=label("driver", n["id"], lang),
                           reason=in_language(n["reason"], n["reason_en"], lang)) for n in c.not_judged]
        causes += [(c.group, label("driver", d.id, lang), relabel("confidence", d.confidence, lang),
                    d.explanation_in(lang), d.confirm_in(lang)) for d in c.drivers]
        proof += [(c.group, label("driver", d.id, lang), e["ts"], label("sender", e["sender"], lang),
                   in_language(e["text"], e.get("text_en", ""), lang)) for d in c.drivers for e in d.evidence]
        where += [(c.group, label("dimension", s.get("dimension"), lang) or s["dimension_label"],
                   in_language(s["value"], s["value_en"], lang),
                   Num(s["exits"]), Num(s["members"]), Num(s["excess"])) for s in c.segments]
    if not causes and not any(c.finding for c in report.churn):
        section.text.append(t("report.churn.none", lang))
    section.tables += [table for table in (
        Table("退群原因", t("report.t.causes", lang), _h(report, "group", "cause", "confidence", "explanation", "confirm"),
              causes),
        Table("原因证据", t("report.t.proof", lang), _h(report, "group", "cause", "time", "sender", "text"),
              proof),
        Table("退群集中", t("report.t.where", lang), _h(report, "group", "dimension", "segment", "exits", "start", "excess"),
              where)) if table.rows]
    return section


def _questions(report: WeeklyReport) -> Section:
    lang = report.language
    section = Section(t("report.s.questions", lang), [t("report.q.intro", lang, n=report.questions_total)])
    if report.questions:
        rows = [(q.label, q.text, Num(q.count), Num(q.recent), _list(q.groups, lang), _answered(q), _coverage(report, q))
                for q in report.questions]
        section.tables.append(Table("高频问题", t("report.t.questions", lang),
                                    _h(report, "topic", "wording", "now", "recent", "group", "answered", "playbook"), rows))
        gaps = [q for q in report.questions if not q.covered]
        if report.coverage_checked and gaps:
            quoted = _list([f"「{q.label}」" if lang == "zh" else f"\"{q.label}\"" for q in gaps], lang)
            section.text.append(t("report.q.gaps", lang, topics=quoted))
    else:
        section.text.append(t("report.q.none", lang))
    if report.unanswered_total is None:
        section.text.append(t("report.q.no_admins", lang))
        return section
    section.text.append(t("report.q.unanswered", lang, n=fmt(report.unanswered_total)))
    rows = [(u["group"], u["ts"], u["sender"], u["text"]) for u in report.unanswered]
    if rows:
        section.tables.append(Table("未回复提问", t("report.t.unanswered", lang),
                                    _h(report, "group", "time", "asker", "text"), rows))
    return section


def _answered(question: Question) -> str:
    return f"{question.answered}/{question.count}" + (f"：{question.answer}" if question.answer else "")


def _coverage(report: WeeklyReport, question: Question) -> str:
    if not report.coverage_checked:
        return t("report.q.unchecked", report.language)
    return question.playbook or t("report.q.no_answer", report.language)


def _risks(report: WeeklyReport) -> Section:
    lang = report.language
    if not report.risks:
        return Section(t("report.s.risks", lang), [t("report.risks.none", lang)])
    counts = ("，" if lang == "zh" else ", ").join(
        t("report.risks.item", lang, kind=relabel("risk", k, lang), n=v) for k, v in report.risk_counts.items())
    rows = [(f["group"], relabel("risk", f["label"], lang), label("risk_rule", f["rule"], lang), f["ts"], f["sender"],
             f["text"]) for f in report.risks]
    return Section(t("report.s.risks", lang), [t("report.risks.count", lang, n=len(report.risks), counts=counts)],
                   tables=[Table("风险提醒", t("report.t.risks", lang),
                                 _h(report, "group", "kind", "rule", "time", "sender", "text"), rows)])


def _outcomes(report: WeeklyReport) -> Section:
    lang = report.language
    if not report.outcomes:
        return Section(t("report.s.outcomes", lang), [t("report.orders.none", lang)])
    return Section(t("report.s.outcomes", lang), tables=[Table(
        "活动成果", t("report.t.outcomes", lang), _h(report, "metric", "now", "before", "change", "status", "note"),
        [_kpi_cells(k, lang) for k in report.outcomes])])


def _segments(report: WeeklyReport) -> Section:
    lang = report.language
    seg = report.segments
    stage, tier, risk = (t(f"report.seg.{k}", lang) for k in ("stage", "tier", "risk"))
    rows = [(stage, label("stage", k, lang), Num(v)) for k, v in seg.stages.items()]
    rows += [(tier, label("stage", k, lang), Num(v)) for k, v in seg.tiers.items()]
    rows.append((risk, risk, Num(seg.churn_risk)))
    examples = (t("report.seg.examples", lang, names=_list(seg.churn_risk_examples, lang))
                if seg.churn_risk_examples else "")
    return Section(t("report.s.segments", lang), [t("report.seg.text", lang, n=seg.churn_risk, examples=examples)],
                   tables=[Table("成员分层", t("report.t.segments", lang), _h(report, "dimension", "segment", "count"),
                                 rows)])


def _actions(report: WeeklyReport) -> Section:
    lang = report.language
    if not report.actions:
        return Section(t("report.s.actions", lang), [t("report.actions.none", lang)])
    sep = "；" if lang == "zh" else "; "
    items = [t("report.actions.item", lang, title=a.title, detail=a.detail, reasons=sep.join(a.reasons),
               sources=sep.join(a.sources)) for a in report.actions]
    rows = [(n, a.title, a.detail, sep.join(a.reasons), sep.join(a.sources), _list(a.groups, lang))
            for n, a in enumerate(report.actions, start=1)]
    return Section(t("report.s.actions", lang), items=items, numbered=True,
                   sheets=[Table("行动清单", t("report.t.actions", lang),
                                 _h(report, "n", "action", "how", "why", "sources", "group"), rows)])


def shown(table: Table) -> tuple[list[tuple], str]:
    """The rows a reading format shows, and a note on the rest (the XLSX version has them all)."""
    rest = len(table.rows) - SHOWN_ROWS
    return table.rows[:SHOWN_ROWS], (t("report.more_rows", table.language, n=rest) if rest > 0 else "")
