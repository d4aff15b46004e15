"""The report's reading order, once: sections of text, charts, tables and lists.

Markdown, HTML and DOCX walk the same sections and XLSX takes their tables, so a heading, a
figure or a column is defined here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import RATIO, Chart, Num, Question, Table, WeeklyReport, fmt

SHOWN_ROWS = 20
SECTION_KPI, SECTION_ACTIONS = "核心指标", "下周行动清单"


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
    mode = "离线模式（模板生成）" if report.summary.mode == "offline" else f"由模型 {report.summary.mode} 根据下列数据撰写"
    partial = "" if report.complete else "；注意：数据在这一周结束前就截止了，本周数字不完整"
    return [f"统计周：{report.week}（{report.first_day} 至 {report.last_day}），对比 {report.previous_week}{partial}",
            f"范围：{'、'.join(report.groups)}", f"摘要：{mode}；所有数字由分析代码根据导入的群数据计算。"]


def sections(report: WeeklyReport) -> list[Section]:
    summary = [p for p in [report.summary.notice, *paragraphs(report.summary.text)] if p]
    return [Section("摘要", summary), _kpis(report), _trend(report), _churn(report), _questions(report),
            _risks(report), _outcomes(report), _segments(report), _actions(report)]


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, each on one line (Chinese needs no space between lines)."""
    return ["".join(line.strip() for line in block.splitlines()) for block in text.split("\n\n") if block.strip()]


def _kpis(report: WeeklyReport) -> Section:
    headers = ("指标", "本周", "上周", "变化", "健康状态", "说明")
    section = Section(SECTION_KPI, tables=[Table("核心指标", f"核心指标（{report.scope}）", headers,
                                                 [k.cells() for k in report.kpis])])
    if report.multi:
        keys = ("members_end", "joins", "exits", "exit_rate", "activity_rate", "conversion_rate", "gmv",
                "unanswered_questions")
        pool = {(k.group, k.key): k for k in report.group_kpis}
        labels = tuple(pool[(report.groups[0], key)].label for key in keys)
        rows = [(g, *(Num(pool[(g, key)].value, pool[(g, key)].kind) for key in keys)) for g in report.groups]
        section.tables.append(Table("各群对比", "各群对比", ("群", *labels), rows))
    return section


def _trend(report: WeeklyReport) -> Section:
    weeks = [row["week"] for row in report.trend]
    charts = [
        Chart("members", "期末人数（近 10 周）", "line", weeks, {"期末人数": [r["members"] for r in report.trend]}),
        Chart("joins_exits", "入群与退群（近 10 周）", "bar", weeks,
              {"入群": [r["joins"] for r in report.trend], "退群": [r["exits"] for r in report.trend]}),
        Chart("messages", "每周消息数（活跃度）", "bar", weeks, {"消息数": [r["messages"] for r in report.trend]}),
    ]
    rows = [(r["week"], Num(r["members"]), Num(r["joins"]), Num(r["exits"]), Num(r["messages"])) for r in report.trend]
    tables = [Table("近10周趋势", "近 10 周趋势", ("周", "期末人数", "入群", "退群", "消息数"), rows)]
    if report.content_mix:
        mix = report.content_mix
        charts.append(Chart("content_mix", f"内容构成（{report.week}）", "hbar", [m["type"] for m in mix],
                            {"占比": [m["share"] for m in mix]}, RATIO))
        tables.append(Table("内容构成", "内容构成", ("内容类型", "占比", "手册建议"),
                            [(m["type"], Num(m["share"], RATIO), _range(m["recommended"])) for m in mix]))
    return Section("趋势与内容", charts=charts, tables=tables)


def _range(pair: tuple[float, float] | list[float] | None) -> str:
    return "" if not pair else f"{fmt(pair[0], RATIO)} 到 {fmt(pair[1], RATIO)}"


def _churn(report: WeeklyReport) -> Section:
    section = Section("退群分析")
    causes, proof, where = [], [], []
    for c in report.churn:
        section.text.append(f"{c.group}：退群 {c.exits} 人，期初 {c.members_start} 人，退群率 {fmt(c.exit_rate, RATIO)}"
                            f"（基线 {fmt(c.baseline_rate, RATIO)}）。{c.verdict}{c.note}{c.finding}")
        section.text += [f"{c.group} 未能判断（{n['id']}）：{n['reason']}" for n in c.not_judged]
        causes += [(c.group, d.label, d.confidence, d.explanation, d.confirm) for d in c.drivers]
        proof += [(c.group, d.label, e["ts"], e["sender"], e["text"], e["message_id"]) for d in c.drivers for e in d.evidence]
        where += [(c.group, s["dimension_label"], s["value"], Num(s["exits"]), Num(s["members"]), Num(s["excess"]))
                  for s in c.segments]
    if not causes and not any(c.finding for c in report.churn):
        section.text.append("没有发现突出的退群原因。")
    section.tables += [t for t in (
        Table("退群原因", "退群原因", ("群", "原因", "可信度", "说明", "如何确认"), causes),
        Table("原因证据", "原因证据（消息）", ("群", "原因", "时间", "发送者", "内容", "消息ID"), proof),
        Table("退群集中", "退群集中在哪些人", ("群", "维度", "分组", "退群", "期初人数", "超出预期"), where)) if t.rows]
    return section


def _questions(report: WeeklyReport) -> Section:
    section = Section("高频话题与未回复提问", [
        f"本周成员提问 {report.questions_total} 条。同一问题的不同问法合并为一个话题，"
        "“近4周”是截至本周 4 周内被问的次数，用来看它是不是反复出现。"])
    if report.questions:
        rows = [(q.label, q.text, Num(q.count), Num(q.recent), "、".join(q.groups), _answered(q), _coverage(report, q))
                for q in report.questions]
        section.tables.append(Table("高频问题", "高频话题", ("话题", "常见问法", "本周", "近4周", "群", "群内回答", "手册/FAQ"), rows))
        gaps = [q for q in report.questions if not q.covered]
        if report.coverage_checked and gaps:
            section.text.append("手册和 FAQ 还没有答案的话题：" + "、".join(f"「{q.label}」" for q in gaps)
                                + "。管理员已在群里答过的，可在「群数据 › 话题与常见问题」一键生成 FAQ。")
    else:
        section.text.append("本周没有反复出现的提问。")
    if report.unanswered_total is None:
        section.text.append("无法判断哪些提问未回复：不知道谁是群主或管理员。")
        return section
    section.text.append(f"24 小时内无人回复的提问：{fmt(report.unanswered_total)} 个。")
    rows = [(u["group"], u["ts"], u["sender"], u["text"], u["message_id"]) for u in report.unanswered]
    if rows:
        section.tables.append(Table("未回复提问", "未回复提问", ("群", "时间", "提问者", "内容", "消息ID"), rows))
    return section


def _answered(question: Question) -> str:
    return f"{question.answered}/{question.count}" + (f"：{question.answer}" if question.answer else "")


def _coverage(report: WeeklyReport, question: Question) -> str:
    if not report.coverage_checked:
        return "未检查"
    return question.playbook or "✗ 还没有答案"


def _risks(report: WeeklyReport) -> Section:
    if not report.risks:
        return Section("风险提醒", ["本周没有发现风险消息。"])
    counts = "，".join(f"{k} {v} 条" for k, v in report.risk_counts.items())
    rows = [(f["group"], f["label"], f["rule"], f["ts"], f["sender"], f["text"], f["message_id"]) for f in report.risks]
    return Section("风险提醒", [f"本周风险消息 {len(report.risks)} 条：{counts}。"],
                   tables=[Table("风险提醒", "风险消息", ("群", "类型", "规则", "时间", "发送者", "内容", "消息ID"), rows)])


def _outcomes(report: WeeklyReport) -> Section:
    if not report.outcomes:
        return Section("活动成果（订单）", ["没有导入订单数据，无法统计成交与退款。"])
    return Section("活动成果（订单）", tables=[Table("活动成果", "订单与成交", ("指标", "本周", "上周", "变化", "健康状态", "说明"),
                                                 [k.cells() for k in report.outcomes])])


def _segments(report: WeeklyReport) -> Section:
    seg = report.segments
    rows = [("生命周期", k, Num(v)) for k, v in seg.stages.items()] + [("价值分层", k, Num(v)) for k, v in seg.tiers.items()]
    rows.append(("流失预警", "流失预警", Num(seg.churn_risk)))
    examples = f"，例如 {'、'.join(seg.churn_risk_examples)}" if seg.churn_risk_examples else ""
    return Section("成员分层", [f"按数据截止时的成员状态统计。流失预警 {seg.churn_risk} 人{examples}。"],
                   tables=[Table("成员分层", "成员分层", ("维度", "分组", "人数"), rows)])


def _actions(report: WeeklyReport) -> Section:
    if not report.actions:
        return Section(SECTION_ACTIONS, ["本周没有触发需要专门处理的事项，保持现有运营节奏。"])
    items = [f"{a.title}：{a.detail}（依据：{'；'.join(a.reasons)}。参考：{'；'.join(a.sources)}）" for a in report.actions]
    rows = [(n, a.title, a.detail, "；".join(a.reasons), "；".join(a.sources), "、".join(a.groups))
            for n, a in enumerate(report.actions, start=1)]
    return Section(SECTION_ACTIONS, items=items, numbered=True,
                   sheets=[Table("行动清单", "行动清单", ("序号", "行动", "做法", "依据", "参考手册", "群"), rows)])



def shown(table: Table) -> tuple[list[tuple], str]:
    """The rows a reading format shows, and a note on the rest (the XLSX version has them all)."""
    rest = len(table.rows) - SHOWN_ROWS
    return table.rows[:SHOWN_ROWS], (f"另有 {rest} 行未列出，完整列表见 XLSX 版。" if rest > 0 else "")
