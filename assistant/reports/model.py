"""The weekly report as data: what the exporters render and what ``--json`` prints.

The model holds analytics results only (values, previous values, statuses, evidence), never text
an exporter would have to parse back into numbers. Formatting lives in :func:`fmt`, one place, so
the Markdown, HTML, XLSX and DOCX versions of a figure are always the same string.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from ..analytics.metrics import RATES, Metric
from ..i18n import ALL_GROUPS, label, relabel, t
from ..jobs.results import STATUS

RATIO, NUMBER = "ratio", "number"


def fmt(value: float | None, kind: str = NUMBER, signed: bool = False) -> str:
    """A figure as the report prints it: ratios in percent, other numbers with thousands separators."""
    if value is None:
        return "—"
    if kind == RATIO:
        return f"{value:+.1%}" if signed else f"{value:.1%}"
    text = f"{value:+,.1f}" if signed else f"{value:,.1f}"
    return text.removesuffix(".0")


def in_language(chinese: str, english: str, language: str) -> str:
    """The analytics hand over some sentences in both languages; English falls back to the Chinese
    where the analytics wrote none."""
    return english or chinese if language == "en" else chinese


@dataclass(frozen=True)
class Num:
    """A table cell holding a number: exporters print :meth:`text`, spreadsheets keep ``value``."""

    value: float | None
    kind: str = NUMBER
    signed: bool = False

    def text(self) -> str:
        return fmt(self.value, self.kind, self.signed)


def cell_text(cell: object) -> str:
    return cell.text() if isinstance(cell, Num) else "" if cell is None else str(cell)


@dataclass(frozen=True)
class Kpi:
    """One metric of one group: this week, last week, the change and its health status."""

    group: str
    key: str
    label: str
    value: float | None
    previous: float | None
    delta: float | None
    status: str
    note: str = ""
    kind: str = NUMBER

    @classmethod
    def of(cls, group: str, metric: Metric) -> Kpi:
        kind = RATIO if metric.key in RATES else NUMBER
        return cls(group, metric.key, metric.label, metric.value, metric.previous, metric.delta, metric.status,
                   metric.note, kind)

    @property
    def status_label(self) -> str:
        return STATUS.get(self.status, "")

    def cells(self) -> tuple:
        return (self.label, Num(self.value, self.kind), Num(self.previous, self.kind),
                Num(self.delta, self.kind, signed=True), self.status_label, self.note)


@dataclass(frozen=True)
class DriverSummary:
    id: str
    label: str
    confidence: str
    explanation: str
    confirm: str
    evidence: list[dict]
    explanation_en: str = ""
    confirm_en: str = ""

    def explanation_in(self, language: str) -> str:
        return in_language(self.explanation, self.explanation_en, language)

    def confirm_in(self, language: str) -> str:
        return in_language(self.confirm, self.confirm_en, language)


@dataclass(frozen=True)
class ChurnSummary:
    """The churn explainer's result for one group, as the report shows it."""

    group: str
    exits: int
    members_start: int
    exit_rate: float | None
    baseline_rate: float | None
    significant: bool
    verdict: str
    drivers: list[DriverSummary]
    segments: list[dict]
    lines: list[str]
    note: str = ""
    finding: str = ""  # e.g. a significant rise that no driver explains
    not_judged: list[dict] = field(default_factory=list)  # {"id", "reason"}: drivers the data could not decide
    verdict_en: str = ""  # the verdict in English (``verdict`` is the Chinese sentence)
    note_en: str = ""
    finding_en: str = ""

    def verdict_in(self, language: str) -> str:
        return in_language(self.verdict, self.verdict_en, language)

    def note_in(self, language: str) -> str:
        return in_language(self.note, self.note_en, language)

    def finding_in(self, language: str) -> str:
        return in_language(self.finding, self.finding_en, language)


@dataclass(frozen=True)
class Question:
    """A topic of member questions in the report's week (its wordings clustered as one)."""

    text: str  # the commonest wording
    count: int  # times asked this week
    groups: list[str]
    label: str = ""  # the topic's key words
    askers: int = 0  # members who asked it this week
    recent: int = 0  # times asked in the four weeks ending with this one
    answered: int = 0  # of this week's askings, how many an admin answered in the group
    answer: str = ""  # the admin answer given most often, if any
    playbook: str = ""  # "knowledge/… › heading" of the passage that answers it; "" = not in the playbook or FAQ

    @property
    def covered(self) -> bool:
        return bool(self.playbook)


@dataclass(frozen=True)
class Action:
    """One thing to do next week, why, and where in the playbooks the advice comes from."""

    id: str
    title: str
    detail: str
    reasons: list[str]
    sources: list[str]
    groups: list[str]


@dataclass(frozen=True)
class Narrative:
    text: str
    mode: str  # "offline" or the chat model's name
    notice: str = ""


@dataclass(frozen=True)
class Chart:
    """A small chart: categories along x and one or more named series."""

    key: str
    title: str
    kind: str  # line | bar | hbar | heat (series = rows, labels = columns)
    labels: list[str]
    series: dict[str, list[float | None]]
    unit: str = NUMBER
    unfinished: tuple[str, ...] = ()  # labels of periods the data stops inside (drawn faint)
    axis: str = ""  # the x axis title ("" = none)


@dataclass(frozen=True)
class Table:
    key: str  # stable name, also the XLSX sheet name
    title: str
    headers: tuple[str, ...]
    rows: list[tuple]
    language: str = "zh"  # of the note on rows left out


@dataclass(frozen=True)
class Segments:
    stages: dict[str, int]
    tiers: dict[str, int]
    churn_risk: int
    churn_risk_examples: list[str]
    lines: list[str]


@dataclass
class WeeklyReport:
    """Everything the weekly report says about one group (or all groups) and one ISO week."""

    scope: str
    groups: list[str]
    week: str
    first_day: str
    last_day: str
    previous_week: str
    complete: bool
    kpis: list[Kpi]
    group_kpis: list[Kpi]
    outcomes: list[Kpi]
    trend: list[dict]
    content_mix: list[dict]
    churn: list[ChurnSummary]
    questions: list[Question]
    questions_total: int
    coverage_checked: bool
    unanswered: list[dict]
    unanswered_total: int | None
    risks: list[dict]
    risk_counts: dict[str, int]
    segments: Segments
    metric_lines: list[str] = field(default_factory=list)  # the chat tools' wording of the metrics
    actions: list[Action] = field(default_factory=list)
    summary: Narrative = field(default_factory=lambda: Narrative("", "offline"))
    language: str = "zh"  # the language its headings and fixed sentences are written in

    @property
    def multi(self) -> bool:
        return len(self.groups) > 1

    @property
    def scope_name(self) -> str:
        """The scope as a reader sees it: "全部群" / "All groups", or the group's name."""
        return t("report.all", self.language) if self.scope == ALL_GROUPS else self.scope

    @property
    def title(self) -> str:
        return t("report.title", self.language, scope=self.scope_name, week=self.week)

    def kpi(self, key: str, group: str | None = None) -> Kpi:
        pool = self.kpis if group is None or group == self.scope else self.group_kpis
        return next(k for k in pool if k.key == key and (group is None or k.group == group))

    def to_dict(self) -> dict:
        """The report as data, in its language: keys (every-group scope, confidence, risk rules,
        content kinds) stay as they are with a ``…_label`` beside them in English, and the analytics'
        sentences are given in English where they were written in both languages."""
        data = asdict(self)
        if self.language != "zh":
            _in_english(data, self.language)
        return data


def _in_english(data: dict, language: str) -> None:
    data["scope_label"] = label("scope", data["scope"], language)
    for kpi in data["kpis"] + data["group_kpis"] + data["outcomes"]:
        kpi["group_label"] = label("scope", kpi["group"], language)
    for part in data["content_mix"]:
        part["type_label"] = relabel("content", part["type"], language)
    for flag in data["risks"]:
        flag["rule_label"] = label("risk_rule", flag["rule"], language)
    for action in data["actions"]:
        action["groups_label"] = [label("scope", group, language) for group in action["groups"]]
    for churn in data["churn"]:
        _churn_in_english(churn, language)


def _churn_in_english(churn: dict, language: str) -> None:
    for name in ("verdict", "note", "finding"):
        churn[name] = in_language(churn[name], churn[f"{name}_en"], language)
    for driver in churn["drivers"]:
        driver["label"] = label("driver", driver["id"], language)
        driver["confidence_label"] = relabel("confidence", driver["confidence"], language)
        driver["explanation"] = in_language(driver["explanation"], driver["explanation_en"], language)
        driver["confirm"] = in_language(driver["confirm"], driver["confirm_en"], language)
        for item in driver["evidence"]:
            item["text"] = in_language(item["text"], item.get("text_en", ""), language)
    for segment in churn["segments"]:
        segment["dimension_label"] = label("dimension", segment.get("dimension"), language) or segment["dimension_label"]
        segment["value"] = in_language(segment["value"], segment.get("value_en", ""), language)
    for undecided in churn["not_judged"]:
        undecided["reason"] = in_language(undecided["reason"], undecided.get("reason_en", ""), language)
