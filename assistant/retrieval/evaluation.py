"""Retrieval evaluation as a feature: does each question find the passage it should?

An operator uploads a sheet of questions with the source each should find (问题 + 期望出处) and
gets hit@1, hit@3 and MRR for each search side — the hybrid search the assistant uses, the
vector side alone and BM25 alone — with every miss listed, so a change of documents, synonyms or
embedding is judged by figures instead of by a few tries. The knowledge page, ``kb eval`` and
``benchmarks/retrieval_quality.py`` all run this module.

期望出处 may name a file (``05-metrics.md``), a heading (``退群率``), both (``05-metrics.md › 退群率``
or ``05-metrics.md#退群率``), or keywords that must all occur in the passage (``关键词A|关键词B``);
the benchmark sets' separate ``file`` and ``section`` / ``section_or_keywords`` columns work too.
A row whose expected source is empty, ``无`` or ``none`` is a question the documents should *not*
answer: it counts as right when the search reports nothing found. A ``上一问`` / ``previous``
column makes the row a follow-up, searched the way the chat searches it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import PurePath

from ..errors import InputError
from ..i18n import t
from ..safety.cells import unguard
from ..safety.workbooks import reading
from .followup import search_query
from .hybrid import HybridSearch
from .synonyms import expand_query
from .vector_store import StoredChunk

SIDES = ("hybrid", "vector", "bm25")
DEPTH = 10  # ranks looked at; a miss beyond it counts 0 in MRR
MAX_CASES = 2_000
_QUESTION = {"问题", "问", "question", "query", "提问"}
_EXPECTED = {"期望出处", "出处", "期望来源", "来源", "expected", "expected source", "source"}
_FILE = {"file", "文件", "文件名", "文档"}
_SECTION = {"section", "section_or_keywords", "标题", "章节", "小节", "关键词", "keywords", "heading"}
_PREVIOUS = {"上一问", "前一问", "previous", "previous question"}
_KIND = {"kind", "类型"}  # a sheet of off-topic questions only: question + kind, nothing expected
_NONE = {"", "无", "没有", "none", "n/a", "-"}
_TITLE_SEPARATORS = (" › ", "›", "#", " > ")


@dataclass(frozen=True)
class Expected:
    """Where a question's answer is: a file, a heading, keywords — any combination."""

    file: str = ""
    heading: str = ""
    keywords: tuple[str, ...] = ()

    @property
    def none(self) -> bool:
        """Nothing should be found (an off-topic question)."""
        return not (self.file or self.heading or self.keywords)

    def matches(self, chunk: StoredChunk) -> bool:
        source, doc = str(chunk.metadata.get("source", "")), str(chunk.metadata.get("doc", ""))
        if self.file and not (source.endswith(self.file) or doc == self.file):
            return False
        if self.heading and chunk.title.split(" › ")[-1] != self.heading:
            return False
        return all(k in chunk.text for k in self.keywords)

    def __str__(self) -> str:
        parts = [self.file, self.heading, "|".join(self.keywords)]
        return " › ".join(p for p in parts if p) or "（不应找到）"


@dataclass(frozen=True)
class Case:
    question: str
    expected: Expected
    previous: str = ""


@dataclass(frozen=True)
class Miss:
    question: str
    expected: str
    rank: int | None  # where it was found beyond 3, if at all within DEPTH
    got: list[str]  # the top three found instead


@dataclass
class SideScore:
    """hit@1, hit@3 and MRR of one search side over the on-topic questions."""

    side: str
    questions: int
    hit1: float
    hit3: float
    mrr: float
    misses: list[Miss] = field(default_factory=list)


@dataclass
class EvaluationReport:
    """Scores per side, plus how the questions that should find nothing fared."""

    sides: dict[str, SideScore]
    on_topic: int
    found_on_topic: int  # on-topic questions the floor let through
    off_topic: int
    declined: int  # off-topic questions answered with "not found"
    wrongly_found: list[str] = field(default_factory=list)
    answered_hit3: float = 0.0  # on-topic questions answered (found) with the right passage in the top 3

    def to_dict(self) -> dict:
        return asdict(self)


def parse_expected(value: str, file: str = "") -> Expected:
    """``Expected`` of one 期望出处 cell (see the module docstring), with an optional file column."""
    text = (value or "").strip()
    if text.lower() in _NONE and not file:
        return Expected()
    if "|" in text:
        return Expected(file, "", tuple(k.strip() for k in text.split("|") if k.strip()))
    for separator in _TITLE_SEPARATORS:
        if separator in text and not file:
            head, _, tail = text.partition(separator)
            return Expected(head.strip(), tail.strip().split(" › ")[-1])
    if not file and PurePath(text).suffix.lower() in {".md", ".txt", ".pdf", ".docx", ".html", ".csv", ".xlsx"}:
        return Expected(text)
    return Expected(file, "" if text.lower() in _NONE else text)


def read_cases(name: str, data: bytes, language: str = "zh") -> list[Case]:
    """The cases of a CSV, TSV or XLSX sheet (first row: column names); errors in ``language``."""
    rows = _xlsx_rows(name, data, language) if data.startswith(b"PK\x03\x04") else _text_rows(name, data, language)
    if not rows:
        raise InputError(t("eval.error.empty", language, name=name))
    header = [h.strip().lower() for h in rows[0]]
    column = {key: _find(header, names) for key, names in
              (("q", _QUESTION), ("e", _EXPECTED), ("f", _FILE), ("s", _SECTION), ("p", _PREVIOUS), ("k", _KIND))}
    expects = column["e"] is not None or column["f"] is not None or column["s"] is not None
    if column["q"] is None or not (expects or column["k"] is not None):
        raise InputError(t("eval.error.columns", language, name=name, first=t("tool.names", language).join(rows[0])))
    cases = []
    for row in rows[1:]:
        question = _cell(row, column["q"])
        if not question:
            continue
        expected = parse_expected(_cell(row, column["e"]) or _cell(row, column["s"]), _cell(row, column["f"]))
        cases.append(Case(question, expected, _cell(row, column["p"])))
    if not cases:
        raise InputError(t("eval.error.no_rows", language, name=name))
    if len(cases) > MAX_CASES:
        raise InputError(t("eval.error.too_many", language, name=name, n=len(cases), limit=MAX_CASES))
    return cases


def evaluate(index: HybridSearch, cases: Iterable[Case], collections: Collection[str] | None = None) -> EvaluationReport:
    """Score every side of ``index`` on ``cases``."""
    ranks: dict[str, list[tuple[Case, int | None, list[str]]]] = {side: [] for side in SIDES}
    on, found_on, off, declined, wrongly, answered = 0, 0, 0, 0, [], 0
    for case in cases:
        searched = search_query(case.question, case.previous)
        query = searched.text
        retrieved = index.retrieve(query, DEPTH, collections, focus=searched.focus)
        if case.expected.none:
            off += 1
            if retrieved.found:
                wrongly.append(case.question)
            else:
                declined += 1
            continue
        on += 1
        found_on += retrieved.found
        expanded = expand_query(query)
        ranked = {"hybrid": [p.id for p in retrieved.passages],
                  "vector": [i for i, _ in index.vector_hits(index.vector_text(query, expanded), collections)],
                  "bm25": [i for i, _ in index.bm25_hits(expanded, collections)]}
        for side, ids in ranked.items():
            chunks = [c for c in (index.chunk(i) for i in ids[:DEPTH]) if c is not None]
            rank = next((n for n, c in enumerate(chunks, start=1) if case.expected.matches(c)), None)
            ranks[side].append((case, rank, [_where(c) for c in chunks[:3]]))
            if side == "hybrid" and retrieved.found and rank is not None and rank <= 3:
                answered += 1
    sides = {side: _score(side, rows) for side, rows in ranks.items()}
    return EvaluationReport(sides, on, found_on, off, declined, wrongly, round(answered / (on or 1), 4))


def _score(side: str, rows: list[tuple[Case, int | None, list[str]]]) -> SideScore:
    n = len(rows) or 1
    hit1 = sum(r == 1 for _, r, _ in rows) / n
    hit3 = sum(r is not None and r <= 3 for _, r, _ in rows) / n
    mrr = sum(1 / r for _, r, _ in rows if r) / n
    misses = [Miss(c.question, str(c.expected), r, got) for c, r, got in rows if r is None or r > 3]
    return SideScore(side, len(rows), round(hit1, 4), round(hit3, 4), round(mrr, 4), misses)


def _where(chunk: StoredChunk) -> str:
    doc = str(chunk.metadata.get("doc") or chunk.metadata.get("source", ""))
    return f"{doc} › {chunk.title.split(' › ')[-1]}" if chunk.title else doc


def _find(header: list[str], names: set[str]) -> int | None:
    return next((i for i, h in enumerate(header) if h in names), None)


def _cell(row: list[str], index: int | None) -> str:
    return row[index].strip() if index is not None and index < len(row) and row[index] else ""


def _text_rows(name: str, data: bytes, language: str) -> list[list[str]]:
    from .loaders.decoding import decode_text

    text, _ = decode_text(data, name, language)
    first = text.split("\n", 1)[0]
    dialect = "excel-tab" if "\t" in first else "excel"
    try:
        return [[unguard(c) for c in row] for row in csv.reader(io.StringIO(text), dialect=dialect) if any(row)]
    except csv.Error as exc:
        raise InputError(t("kb.error.csv", language, name=name, error=exc)) from exc


def _xlsx_rows(name: str, data: bytes, language: str) -> list[list[str]]:
    with reading(io.BytesIO(data), name, language) as workbook:
        sheet = workbook.worksheets[0]
        return [["" if v is None else unguard(str(v)) for v in row]
                for row in sheet.iter_rows(values_only=True) if any(v not in (None, "") for v in row)]
