"""The store's promises: re-imports add nothing, overlaps merge, a failed file changes nothing."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import duckdb
import pytest

from assistant.history import History, membership
from assistant.history.errors import InputError
from assistant.history.migrations import MIGRATIONS

CSV = "memotrace/幸福里团购1群_utf8.csv"
ALL = [
    ("memotrace/幸福里团购1群_utf8.csv", "memotrace_csv"), ("memotrace/幸福里团购1群.txt", "memotrace_txt"),
    ("pywxdump/20009876543@chatroom/20009876543@chatroom_0_5000.csv", "pywxdump_csv"),
    ("pywxdump/20009876543@chatroom/users.json", "pywxdump_users"), ("chatlog/chatlog.csv", "chatlog_csv"),
    ("chatlog/chatlog.json", "chatlog_json"), ("chatlog/chatroom_0601.json", "chatlog_chatroom"),
    ("wecom/archive.jsonl", "wecom_archive"), ("wecom/groupchat_get.json", "wecom_groupchat"),
    ("wecom/change_external_chat.xml", "wecom_events"), ("wecom/statistic_by_day.json", "wecom_statistic"),
    ("qq/全部消息记录.txt", "qq_txt"), ("telegram/result.json", "telegram_json"),
    ("discord/幸福里社区 - 团购 - 团购 [900000000000000001].json", "discord_json"), ("discord/团购.csv", "discord_csv"),
    ("members/members.csv", "member_list"), ("orders/快团团订单.csv", "ktt_orders"), ("orders/orders.csv", "plain_orders"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "fmt"), ALL, ids=[fmt for _, fmt in ALL])
def test_every_fixture_is_sniffed_by_its_content(history, fx, tmp_path: Path, name: str, fmt: str) -> None:
    renamed = tmp_path / "export.dat"  # the file name tells nothing
    renamed.write_bytes(fx(name).read_bytes())
    assert history.sniff(renamed) == fmt


def test_the_same_file_twice_adds_nothing(history, fx, dump) -> None:
    history.import_files([fx(CSV)])
    before = dump()
    [again] = history.import_files([fx(CSV)])
    assert again.status == "duplicate" and "导入过" in again.warnings[0]
    assert dump() == before


def test_overlapping_exports_merge_without_duplicates(history, fx, tmp_path: Path, sql) -> None:
    header, *rows = list(csv.reader(io.StringIO(fx(CSV).read_text(encoding="utf-8-sig"))))
    older, newer = tmp_path / "older.csv", tmp_path / "newer.csv"
    for path, part in ((older, rows[8:]), (newer, rows[:14])):  # newest first: the two parts share 6 rows
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows([header, *part])
    first = history.import_files([older], group="幸福里团购1群")[0]
    second = history.import_files([newer], group="幸福里团购1群")[0]
    assert first.messages_added + second.messages_added == 9 < first.messages + second.messages
    assert sql("SELECT count(*), count(DISTINCT msg_key) FROM messages") == [(9, 9)]
    assert sql("SELECT kind, count(*) FROM group_events GROUP BY kind ORDER BY kind") == [
        ("pat", 1), ("red_packet", 1), ("red_packet_claim", 1), ("rename", 1), ("revoke", 1), ("solitaire", 1),
    ]  # fmt: skip
    assert sql("SELECT count(*) FROM messages WHERE text = '1'") == [(2,)]  # two "1" in one second: both kept
    assert sql("SELECT kind, count(*) FROM member_events GROUP BY kind ORDER BY kind") == [("join", 3), ("removed", 1)]


def test_a_broken_file_is_reported_the_rest_of_the_batch_goes_on_and_the_store_is_unchanged(history, fx, dump) -> None:
    history.import_files([fx("telegram/result.json")])
    before = dump()
    reports = history.import_files([
        fx("broken/result_truncated.json"), fx("broken/memotrace_truncated.csv"), fx("broken/unknown.txt"),
        fx("broken/binary.dat"), fx("does/not/exist.csv"),
    ])  # fmt: skip
    assert [r.status for r in reports] == ["failed"] * 5
    errors = [r.error for r in reports]
    assert "不是完整的 JSON" in errors[0] and "重新导出" in errors[0]
    assert "引号没有闭合" in errors[1] and "第 20 行" in errors[1]
    assert "无法识别" in errors[2] and "--format" in errors[2]
    assert "不是文本文件" in errors[3]
    assert "找不到文件" in errors[4]
    assert dump() == before
    after = history.import_files([fx("broken/unknown.txt"), fx(CSV)])
    assert [r.status for r in after] == ["failed", "ok"]


def test_a_failure_mid_way_rolls_the_whole_file_back(history, fx, dump, monkeypatch) -> None:
    history.import_files([fx("chatlog/chatroom_0601.json")], at="2024-06-01 20:00")
    before = dump()

    def crash(con: duckdb.DuckDBPyConnection, group_id: int) -> None:
        assert con.execute("SELECT count(*) FROM messages").fetchone()[0] > 0  # rows were already written
        raise ValueError("disk full (simulated)")

    monkeypatch.setattr(membership, "walks", crash)  # the file's last step (membership is written by the batch)
    [report] = history.import_files([fx("chatlog/chatlog.json")])
    assert report.status == "failed" and "disk full" in report.error
    assert dump() == before


def test_wrong_encoding_is_reported_with_how_to_fix_it(history, tmp_path: Path) -> None:
    path = tmp_path / "mystery.txt"
    path.write_bytes(bytes(0x80 + (i * 7) % 128 for i in range(600)))  # valid in no encoding we try
    [report] = history.import_files([path])
    assert report.status == "failed" and "无法识别文件编码" in report.error and "UTF-8" in report.error


def test_format_time_zone_and_at_are_checked(history, fx) -> None:
    with pytest.raises(InputError, match="不认识的格式"):
        history.import_files([fx(CSV)], fmt="wechat_html")
    with pytest.raises(InputError, match="Asia/Shanghai"):
        history.import_files([fx(CSV)], tz="Beijing")
    with pytest.raises(InputError, match="2024-06-01"):
        history.import_files([fx(CSV)], at="last sunday")
    [forced] = history.import_files([fx("telegram/result.json")], fmt="discord_json")
    assert forced.status == "failed" and "Discord" in forced.error


def test_time_zone_is_applied_to_naive_times_and_reported(history, fx, sql) -> None:
    [report] = history.import_files([fx("chatlog/chatlog.csv")], tz="Asia/Tokyo")
    assert report.tz == "Asia/Tokyo"
    assert sql("SELECT strftime(min(sent_at), '%H:%M') FROM messages") == [("07:01",)]  # 08:01 Tokyo = 07:01 Shanghai


def test_migrations_run_once_and_are_recorded(history, sql) -> None:
    history.groups()
    History(history.db_path).groups()
    assert sql("SELECT name FROM schema_migrations") == [(name,) for name, _ in MIGRATIONS]


def test_delete_group_forgets_its_rows_and_imports(history, fx, sql) -> None:
    history.import_files([fx(CSV)])
    assert history.delete_group("幸福里团购1群") and not history.delete_group("幸福里团购1群")
    assert sql("SELECT (SELECT count(*) FROM messages) + (SELECT count(*) FROM imports)") == [(0,)]
    assert history.import_files([fx(CSV)])[0].status == "ok"  # not "already imported"


def test_a_missing_field_is_the_products_parse_error(history, fx, tmp_path: Path) -> None:
    from assistant.errors import ParseError
    from assistant.history.importers import discord_json
    from assistant.history.importers.base import load_json
    from assistant.history.source import Source

    source = Source.open(fx("telegram/result.json"), "result.json")
    with pytest.raises(ParseError, match="guild"):
        discord_json.read(source, None, None)  # the telegram file has no "guild"
    assert isinstance(load_json(source), dict)


def test_a_bug_in_a_parser_propagates_instead_of_reading_as_a_malformed_file(history, fx, monkeypatch) -> None:
    from assistant.history.importers import telegram_json

    def buggy(source, options, batch) -> None:
        raise TypeError("unsupported operand (a bug, not a bad file)")

    monkeypatch.setattr(telegram_json, "read", buggy)
    with pytest.raises(TypeError, match="a bug"):
        history.import_files([fx("telegram/result.json")])
