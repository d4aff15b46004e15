"""Honest detection and errors: what a damaged, cut or mislabelled file is told, in every family, with
the store unchanged and the rest of the batch imported."""

from __future__ import annotations

import json

import pytest

from tests.history.exports import FIXTURES

WEFLOW_TXT = FIXTURES / "weflow" / "群聊_幸福里团购3群.txt"


@pytest.mark.parametrize("name", ["weflow/群聊_幸福里团购3群.txt", "qce/幸福里团购QQ群.txt", "memotrace/幸福里团购1群.txt"])
def test_a_cut_txt_export_is_reported_as_truncated_not_half_imported(history, tmp_path, dump, name) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    cut = tmp_path / "cut.txt"
    cut.write_text(text[: int(len(text) * 0.6)].rstrip("\n") + "半句", encoding="utf-8")
    history.groups()
    before = dump()
    [report] = history.import_files([cut], group="测试群")
    assert report.status == "failed" and "不完整" in report.error and report.format is not None
    assert report.format_label in report.lines()[0] and dump() == before


def test_utf8_cut_mid_character_is_truncation_not_a_wrong_encoding(history, tmp_path) -> None:
    data = WEFLOW_TXT.read_bytes()
    cut = tmp_path / "cut.txt"
    cut.write_bytes(data[: data.index("多行消息".encode()) + 2])  # inside 多 (3 bytes in UTF-8)
    [report] = history.import_files([cut])
    assert report.status == "failed" and "截断" in report.error and "编码" not in report.error


def test_json_nested_too_deep_is_refused_before_parsing(history, tmp_path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text('{"chatlab": {"version": "0.0.2"}, "meta": {"name": "x", "type": "group"}, "messages": ['
                    + "[" * 5000 + "]" * 5000 + "]}", encoding="utf-8")  # fmt: skip
    [report] = history.import_files([deep])
    assert report.status == "failed" and report.format == "chatlab_json" and "嵌套超过 200 层" in report.error


def test_format_option_on_a_file_without_its_header_names_the_missing_line(history) -> None:
    [report] = history.import_files([WEFLOW_TXT], fmt="liuhen_table")
    assert report.status == "failed"
    assert "缺少这种格式的表头行" in report.error and "消息ID,类型,发送人,时间,内容,备注,昵称,更多信息" in report.error
    assert "2026-06-01 08:00:00 '幸福里团购3群'" in report.error  # what the file starts with instead
    [right] = history.import_files([WEFLOW_TXT], fmt="weflow_txt")
    assert right.ok


def test_a_failed_report_names_the_format_it_was_read_as(history, tmp_path) -> None:
    doc = json.loads((FIXTURES / "qce" / "幸福里团购QQ群.json").read_text(encoding="utf-8"))
    doc["messages"] = "not a list"
    bad = tmp_path / "qce.json"
    bad.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    [report] = history.import_files([bad])
    assert (report.status, report.format) == ("failed", "qce_json")
    assert report.error.startswith("按「QQ · QQChatExporter 导出 JSON」读取失败") and "QQChatExporter" in report.lines()[0]


def test_a_qq_txt_without_its_header_is_not_read_as_wechat(history, sql) -> None:
    [report] = history.import_files([FIXTURES / "qq" / "无表头_12小时制.txt"], group="拼单群")
    assert (report.status, report.format) == ("ok", "qq_txt")
    times = sql("SELECT strftime(sent_at, '%Y-%m-%d %H:%M:%S'), sender_id FROM messages ORDER BY sent_at")
    assert times[0] == ("2020-03-04 00:12:29", "852649")  # 12:12:29 AM is just after midnight
    assert times[1] == ("2020-03-04 23:58:29", "852649")  # 11:58:29 PM
    assert ("2020-03-05 13:13:41", "indo@qq.com") in times and report.member_events == {"join": 1}


def test_damaged_archives_say_what_they_were_and_the_batch_goes_on(history, tmp_path, fx) -> None:
    workbook = tmp_path / "export.xlsx"
    from tests.history.exports import weflow_xlsx

    data = weflow_xlsx(workbook, streaming=True).read_bytes()
    workbook.write_bytes(data[: len(data) // 2])
    reports = history.import_files([workbook, fx("telegram/result.json")])
    assert [r.status for r in reports] == ["failed", "ok"]
    assert "Excel 工作簿" in reports[0].error and "截断" in reports[0].error


def test_csv_cut_inside_its_last_row_is_refused(history, tmp_path) -> None:
    data = (FIXTURES / "weflow" / "群聊_幸福里团购3群_weclone.csv").read_bytes()
    cut = tmp_path / "weclone.csv"
    cut.write_bytes(data[: data.rindex(b"\r\n") - 3])  # the last row's CreateTime loses its end
    [report] = history.import_files([cut], group="幸福里团购3群")
    assert report.status == "failed" and report.format == "weclone_csv" and "最后一行没有写完" in report.error
