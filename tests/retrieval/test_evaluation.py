"""Retrieval evaluation as a feature: a sheet of questions and expected sources → figures per side."""

from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from assistant import InputError
from assistant.cli import cli
from assistant.retrieval.evaluation import Expected, evaluate, parse_expected, read_cases

SHEET = "问题,期望出处\n退群率多少算正常？,05-metrics.md › 退群率\n客户投诉多久要回复,09-complaints.md\n拼团怎么设置阶梯价,拼团秒杀的搭建步骤\n今天天气怎么样？,无\n"


@pytest.mark.parametrize(("cell", "expected"), [
    ("05-metrics.md › 退群率", Expected("05-metrics.md", "退群率")),
    ("05-metrics.md#退群率", Expected("05-metrics.md", "退群率")),
    ("05-metrics.md", Expected("05-metrics.md")),
    ("退群率", Expected("", "退群率")),
    ("分为四类|客户售后群", Expected("", "", ("分为四类", "客户售后群"))),
    ("无", Expected()),
])
def test_expected_sources_are_read_in_every_form(cell: str, expected: Expected) -> None:
    assert parse_expected(cell) == expected


def test_csv_and_xlsx_sheets_give_the_same_cases() -> None:
    from_csv = read_cases("测试.csv", SHEET.encode("utf-8-sig"))
    book = Workbook()
    for row in SHEET.strip().split("\n"):
        book.active.append(row.split(","))
    buffer = io.BytesIO()
    book.save(buffer)
    assert read_cases("测试.xlsx", buffer.getvalue()) == from_csv
    assert [c.expected.none for c in from_csv] == [False, False, False, True]


def test_a_sheet_without_the_columns_says_which_are_needed() -> None:
    with pytest.raises(InputError, match="问题.*期望出处"):
        read_cases("x.csv", "标题,内容\n1,2\n".encode())


def test_every_side_is_scored_and_misses_are_listed(offline_assistant) -> None:
    cases = read_cases("测试.csv", SHEET.encode()) + read_cases("难.csv", "问题,期望出处\n怎么写群公告,07-safe-trading.md › 保留交易记录\n".encode())
    report = evaluate(offline_assistant.knowledge.search_index, cases)
    assert set(report.sides) == {"hybrid", "vector", "bm25"} and report.on_topic == 4 and report.off_topic == 1
    hybrid = report.sides["hybrid"]
    assert hybrid.hit3 == 0.75 and 0 < hybrid.mrr <= 1
    assert [m.question for m in hybrid.misses] == ["怎么写群公告"] and len(hybrid.misses[0].got) == 3


def test_kb_eval_prints_figures_and_json(tmp_path) -> None:
    sheet = tmp_path / "检索测试.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    text = CliRunner().invoke(cli, ["kb", "eval", str(sheet)])
    assert text.exit_code == 0 and "hit@3" in text.output and "混合检索" in text.output
    data = json.loads(CliRunner().invoke(cli, ["kb", "eval", str(sheet), "--json"]).output)
    assert data["sides"]["hybrid"]["questions"] == 3 and data["off_topic"] == 1
    english = CliRunner().invoke(cli, ["kb", "eval", str(sheet)], env={"ASSISTANT_LANGUAGE": "en"})
    assert english.exit_code == 0 and "Hybrid\thit@1" in english.output and "should not be found" in english.output


def test_ask_json_says_whether_anything_was_found_and_follows_up() -> None:
    found = json.loads(CliRunner().invoke(cli, ["ask", "退群率多少算正常？", "--json"]).output)
    assert found["found"] is True and 1 <= len(found["sources"]) <= 3
    nothing = json.loads(CliRunner().invoke(cli, ["ask", "Quantum chromodynamics lattice gauge theory", "--json"]).output)
    assert nothing["found"] is False and nothing["sources"] == []
    follow = json.loads(CliRunner().invoke(cli, ["ask", "那怎么降下来？", "--previous", "退群率多少算正常？", "--json"]).output)
    assert follow["followup_of"] == "退群率多少算正常？" and any("退群率" in s["title"] for s in follow["sources"])
