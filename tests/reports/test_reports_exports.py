"""The four export formats open in their usual readers: HTML parses with inline SVG charts and no
script, XLSX and DOCX open with their libraries; hostile text from a chat export stays inert."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from html.parser import HTMLParser

import docx
import openpyxl
import pytest

from assistant import InputError
from assistant.llm import OfflineModel
from assistant.app.root import weekly_report_for
from assistant.reports import FORMATS, export, format_for
from assistant.reports import charts
from assistant.reports.layout import paragraphs
from assistant.reports.model import Chart
from tests.support.demo_workspace import SPAM, demo_assistant, offline_report, template_assistant

# 未回复提问: the demo's admins answer by reply/@ or on the topic; chit-chat questions (周末去扫街吗) an admin
# merely posted near are no longer counted as answered (drivers/replies.py)
SHEETS = ["摘要", "核心指标", "近10周趋势", "内容构成", "退群原因", "原因证据", "退群集中", "高频问题", "未回复提问", "风险提醒",
          "成员分层", "行动清单"]
HEADINGS = ["摘要", "核心指标", "趋势与内容", "退群分析", "高频话题与未回复提问", "风险提醒", "活动成果（订单）",
            "成员分层", "下周行动清单"]


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(page: str) -> Tags:
    parser = Tags()
    parser.feed(page)
    parser.close()
    return parser


def test_html_is_self_contained_with_inline_svg_charts_and_no_script() -> None:
    page = export(offline_report(SPAM), ".html").decode()
    parsed = _parse(page)
    assert parsed.tags.count("svg") == 4 and "path" in parsed.tags
    assert "script" not in parsed.tags and "<script" not in page.lower()
    assert "https://" not in page and not re.search(r'(?:href|src)="http', page)
    text = "".join(parsed.text)
    assert "广告刷屏" in text and "spam_ads" not in text and "收紧入群验证，移出广告账号" in text and "<h2>下周行动清单</h2>" in page


def test_xlsx_has_one_sheet_per_table_with_numbers_kept_as_numbers() -> None:
    report = offline_report(SPAM)
    book = openpyxl.load_workbook(io.BytesIO(export(report, ".xlsx")))
    assert book.sheetnames == SHEETS
    rows = {row[0]: row for row in book["核心指标"].iter_rows(min_row=2, values_only=True)}
    assert rows["退群率"][1] == pytest.approx(report.kpi("exit_rate").value, rel=1e-12)  # Excel keeps 15 digits
    assert book["核心指标"]["B5"].number_format == "0.0%"
    assert len(book["近10周趋势"]._charts) == 2
    assert [r[1] for r in book["行动清单"].iter_rows(min_row=2, values_only=True)] == [a.title for a in report.actions]


def test_docx_opens_with_the_headings_tables_and_numbered_actions() -> None:
    report = offline_report(SPAM)
    document = docx.Document(io.BytesIO(export(report, ".docx")))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == HEADINGS
    assert document.paragraphs[0].text == report.title
    numbered = [p.text for p in document.paragraphs if p.style.name == "List Number"]
    assert len(numbered) == len(report.actions) and numbered[0].startswith("收紧入群验证")
    assert len(document.tables) >= 8 and len(document.inline_shapes) == 4  # the four charts as PNG images
    assert document.tables[0].rows[4].cells[1].text == f"{report.kpi('exit_rate').value:.1%}"


def test_hostile_chat_text_is_escaped_everywhere() -> None:
    assistant = demo_assistant()
    week = template_assistant().analytics.latest_week()
    day = (week.first + timedelta(days=1)).strftime("%Y/%-m/%-d")
    hostile = '<script>alert(1)</script>[点我](javascript:x) 怎么退款？'
    formula = '=HYPERLINK("http://evil.example","点")怎么用？'
    text = "\n\n".join(f"{who} {day} 20:1{n}\n{line}" for n, (who, line) in enumerate(
        [("甲", hostile), ("乙", hostile), ("丙", formula), ("丁", formula)]))
    assistant.history.import_text(text, group="测试群")
    report = weekly_report_for(assistant.settings, assistant.analytics, OfflineModel(), group="测试群", week=week.label)
    assert {q.count for q in report.questions} == {2}
    assert not report.complete  # this group's data stops on the Tuesday of the week
    page = export(report, ".html").decode()
    assert "<script" not in page and "&lt;script&gt;" in page
    markdown = export(report, ".md").decode()
    assert "本周数字不完整" in markdown and "\\<script\\>" in markdown and "\\[点我\\](javascript:x)" in markdown
    sheet = openpyxl.load_workbook(io.BytesIO(export(report, ".xlsx")))["高频问题"]
    cells = [cell for row in sheet.iter_rows(min_row=2, values_only=True) for cell in row[:2]]
    assert "'" + formula in cells and all(not c.startswith("=") for c in cells)
    docx.Document(io.BytesIO(export(report, ".docx")))  # opens


def test_format_is_chosen_by_extension() -> None:
    assert set(FORMATS) == {".md", ".html", ".xlsx", ".docx"}
    assert format_for("周报.HTM").name == "HTML" and format_for("a/b/周报.xlsx").name == "Excel"
    with pytest.raises(InputError, match=".md .html .xlsx .docx"):
        format_for("周报.pdf")


def test_charts_escape_labels_and_skip_missing_points_in_svg_and_png() -> None:
    chart = Chart("t", "<b>标题</b>", "line", ["W1", "W2", "W3"], {"a&b": [1, None, 3]}, unfinished=("W3",))
    drawn = charts.svg(chart)
    parsed = _parse(drawn)
    assert "<b>" not in drawn and "&lt;b&gt;" in drawn and "W3*" in drawn and "script" not in parsed.tags
    bars = Chart("b", "入群与退群", "bar", ["W1", "W2"], {"入群": [3, 4], "退群": [None, 1]})
    assert charts.png(bars).startswith(b"\x89PNG") and "退群" in charts.svg(bars)


def _message_ids(data: object) -> set[str]:
    """Every ``message_id`` anywhere in the report's data (what ``--json`` prints)."""
    if isinstance(data, dict):
        return {str(v) for k, v in data.items() if k == "message_id"} | {i for v in data.values() for i in _message_ids(v)}
    if isinstance(data, list):
        return {i for v in data for i in _message_ids(v)}
    return set()


def test_raw_message_ids_stay_in_the_json_and_out_of_the_documents() -> None:
    report = offline_report(SPAM)
    ids = _message_ids(report.to_dict())
    assert len(ids) >= 5 and all(len(i) >= 6 for i in ids)  # long enough not to match a figure by chance
    book = openpyxl.load_workbook(io.BytesIO(export(report, ".xlsx")))
    cells = "\n".join(str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row)
    document = docx.Document(io.BytesIO(export(report, ".docx")))
    tables = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    for name, text in {"md": export(report, ".md").decode(), "html": export(report, ".html").decode(),
                       "xlsx": cells, "docx": tables + "\n".join(p.text for p in document.paragraphs)}.items():
        assert not [i for i in ids if i in text], name
    assert "消息ID" not in cells and "原因证据" in book.sheetnames


def test_a_summary_line_ending_in_english_is_not_glued_to_the_next() -> None:
    text = "Activity 19.3% (+0.3%).\n幸福里团购群（示例）: as usual.\n\n期末人数 525。\n幸福里团购群：正常。"
    assert paragraphs(text) == ["Activity 19.3% (+0.3%). 幸福里团购群（示例）: as usual.", "期末人数 525。幸福里团购群：正常。"]
