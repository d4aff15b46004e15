"""QQ, Telegram and Discord exports: their own quirks of encoding, time and membership."""

from __future__ import annotations

from assistant.history.errors import PRIVATE_SKIP

from pathlib import Path

QQ = "qq/全部消息记录.txt"


def test_qq_txt_in_gbk_with_header_system_lines_12_hour_times_and_titles(history, fx, sql) -> None:
    [report] = history.import_files([fx(QQ)])
    assert (report.status, report.format, report.encoding) == ("ok", "qq_txt", "gb18030")
    assert report.groups == ["幸福里团购2群"] and report.skipped_reasons == {PRIVATE_SKIP: 1}
    assert report.messages_by_kind == {"text": 3, "image": 1}
    rows = sql("SELECT strftime(sent_at, '%Y-%m-%d %H:%M:%S'), sender_id, sender_name FROM messages ORDER BY sent_at")
    assert rows == [
        ("2024-06-01 08:01:10", "10001", "张三"),  # 【群主】 stripped
        ("2024-06-01 20:02:44", "10002", "李四(小号)"),  # PM; the last bracket is the QQ number
        ("2024-06-01 21:15:00", "wangwu@example.com", "王五"),
        ("2024-06-02 00:05:00", "10004", "赵六"),  # 12:05 AM
    ]
    assert sql("SELECT text FROM messages WHERE sender_id = '10004'") == [("2024-06-03 到货吗？\n求告知",)]
    assert sql("SELECT member_id, role FROM member_roles ORDER BY role") == [("10004", "admin"), ("10001", "owner")]
    # 系统消息(10000): 赵六加入本群 -> a join matched to the QQ number 赵六 later speaks with
    assert sql("SELECT kind, member_id FROM member_events") == [("join", "10004")]
    assert sql("SELECT kind FROM group_events") == [("revoke",)]


def test_qq_txt_in_utf16_reads_the_same(history, fx, tmp_path: Path) -> None:
    copy = tmp_path / "qq_utf16.txt"
    copy.write_bytes(fx(QQ).read_bytes().decode("gbk").encode("utf-16"))
    [report] = history.import_files([copy])
    assert report.format == "qq_txt" and report.encoding == "utf-16" and report.messages == 4


def test_telegram_result_json_service_actions(history, fx, sql) -> None:
    [report] = history.import_files([fx("telegram/result.json")])
    assert report.format == "telegram_json" and report.groups == ["幸福里团购TG群"]
    assert report.messages_by_kind == {"text": 3, "image": 1, "sticker": 1}
    assert report.member_events == {"join": 4, "leave": 1, "removed": 1}
    events = sql("SELECT kind, member_id, via, actor_id FROM member_events ORDER BY happened_at, member_id")
    assert events == [
        ("join", "user20002", "link", "user20001"),  # joined by 张三's invite link
        ("join", "user20003", "invite", "user20001"),  # invited by name; matched by the name they post under
        ("join", "user20004", "invite", "user20001"),
        ("removed", "user20004", None, "user20001"),  # removed by the admin
        ("leave", "user20002", None, None),  # actor == member: left voluntarily
        ("join", "user20009", "direct", None),  # invited themselves: joined
    ]
    assert sql("SELECT reply_to, mentions FROM messages WHERE platform_msg_id = '12'") == [("tg:11", None)]
    assert sql("SELECT mentions FROM messages WHERE platform_msg_id = '11'") == [(["zhangsan_demo"],)]
    # an old export's message without date_unixtime is read as local time
    assert sql("SELECT strftime(sent_at, '%m-%d %H:%M') FROM messages WHERE platform_msg_id = '18'") == [
        ("06-02 10:00",)
    ]
    [stats] = history.stats().groups
    assert (stats.members_now, stats.members_basis) == (3, "events")
    assert stats.exits == {"total": 2, "voluntary": 1, "removed": 1, "inferred": 0, "inferred_note": None}


def test_discord_json_joins_replies_roles_and_fractional_seconds(history, fx, sql) -> None:
    [report] = history.import_files([fx("discord/幸福里社区 - 团购 - 团购 [900000000000000001].json")])
    assert report.format == "discord_json" and report.groups == ["幸福里社区 · #团购"]
    assert report.messages_by_kind == {"text": 2, "image": 1} and report.member_events == {"join": 1}
    assert sql("SELECT reply_to, mentions FROM messages WHERE kind = 'text' AND reply_to IS NOT NULL") == [
        ("dc:100000000000000002", ["张三"])
    ]
    assert sql("SELECT strftime(sent_at, '%S.%f') FROM messages WHERE platform_msg_id = '100000000000000003'") == [
        ("00.853000",)
    ]
    assert sql("SELECT member_id, role FROM member_roles") == [("300000000000000002", "admin")]
    assert sql("SELECT kind FROM group_events") == [("pin",)]


def test_discord_csv_quoted_fields_discriminators_and_fallback_texts(history, fx, sql) -> None:
    [report] = history.import_files([fx("discord/团购.csv")], group="幸福里社区")
    assert report.format == "discord_csv" and report.groups == ["幸福里社区"]
    assert report.messages_by_kind == {"text": 2, "image": 1}
    assert sql("SELECT kind, member_id, via FROM member_events") == [("join", "300000000000000001", "link")]
    assert sql("SELECT sender_name FROM messages WHERE kind = 'image'") == [("wangwu",)]  # '#1234' dropped
    assert sql("SELECT text FROM messages WHERE text LIKE '%两盒%'") == [('我要"两盒"\n谢谢',)]
