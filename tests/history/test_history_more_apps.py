"""留痕 CSV/XLSX, the older PyWxDump CSV, EchoTrace JSON, WhatsApp (both date orders, 12/24 h, zip) and
LINE: sniffed by content, notices as events, private chats refused the same way."""

from __future__ import annotations

from tests.history.exports import FIXTURES, liuhen_xlsx, whatsapp_zip

LIUHEN = FIXTURES / "liuhen" / "幸福里团购4群.csv"
ANDROID = FIXTURES / "whatsapp" / "WhatsApp Chat with Sunny Court Group Buy.txt"
IOS = FIXTURES / "whatsapp" / "_chat.txt"
LINE = FIXTURES / "line" / "[LINE] Chat history in 幸福里LINE团购.txt"


def test_liuhen_csv_chinese_header_types_quotes_and_notices(history, sql) -> None:
    [report] = history.import_files([LIUHEN])
    assert (report.status, report.format, report.encoding, report.groups) == ("ok", "liuhen_table", "utf-8-sig", ["幸福里团购4群"])
    assert report.member_events == {"join": 1, "removed": 1}
    assert report.group_events == {"pat": 1, "red_packet": 1, "revoke": 1}
    assert sql("SELECT text FROM messages WHERE kind = 'reply'") == [("收到",)]  # "\n引用：李四: …" is the quote
    assert sql("SELECT count(*) FROM messages WHERE text = '+1'") == [(2,)]  # two people, the same second


def test_liuhen_xlsx_member_sheet_links_names_to_wxids(history, tmp_path, sql) -> None:
    [report] = history.import_files([liuhen_xlsx(tmp_path / "幸福里团购4群.xlsx")], at="2025-05-10 21:00")
    assert (report.status, report.format, report.snapshots, report.snapshot_members) == ("ok", "liuhen_table", 1, 4)
    assert sql("SELECT DISTINCT sender_id FROM messages WHERE sender_name = '李四'") == [("wxid_lisi4",)]
    [private] = history.import_files([liuhen_xlsx(tmp_path / "李四.xlsx", private=True)])
    assert private.status == "failed" and "私聊" in private.error and "--allow-private" in private.error


def test_older_pywxdump_csv_with_json_content_and_self_as_我(history, sql) -> None:
    [report] = history.import_files([FIXTURES / "pywxdump" / "old_20007770000@chatroom_0_5000.csv"])
    assert (report.status, report.format, report.messages) == ("ok", "pywxdump_csv", 4)
    assert sql("SELECT is_self, sender_name FROM messages WHERE text = '收到'") == [(True, "我")]
    assert sql("SELECT text FROM messages WHERE kind = 'reply'") == [("好的",)]


def test_echotrace_json_local_types_and_system_rows(history, sql) -> None:
    [report] = history.import_files([next((FIXTURES / "echotrace").iterdir())])
    assert (report.status, report.format, report.groups) == ("ok", "echotrace_json", ["开学季文具团"])
    assert report.member_events == {"join": 1} and report.group_events == {"pat": 1, "red_packet": 1}
    assert sql("SELECT kind, is_self FROM messages ORDER BY sent_at") == [("text", False), ("image", False), ("reply", True)]


def test_whatsapp_android_day_first_24h_with_joins_leaves_removals_and_deletions(history, sql) -> None:
    [report] = history.import_files([ANDROID])
    assert (report.status, report.format, report.groups) == ("ok", "whatsapp_txt", ["Sunny Court Group Buy"])
    assert (report.first, report.last) == ("2024-06-12 19:58", "2024-06-14 09:05")  # 13/06 can only be day first
    assert sql("SELECT kind, member_name, actor_name, via FROM member_events ORDER BY happened_at, member_name") == [
        ("join", "Ben", "Grace", "invite"), ("join", "Chloe", "Grace", "invite"), ("join", "Dan", None, "link"),
        ("leave", "Ben", None, None), ("removed", "Dan", "Grace", None)]  # fmt: skip
    assert sql("SELECT kind, actor_name FROM group_events WHERE kind = 'revoke'") == [("revoke", "Ben")]
    assert sql("SELECT text FROM messages WHERE sender_name = 'Chloe' AND kind = 'text'") == [
        ("+1\none box, and can I pick up at gate 3?",)]  # the continuation line belongs to the message
    assert sql("SELECT text FROM messages ORDER BY sent_at DESC LIMIT 1") == [("Orders closed, thanks!",)]


def test_whatsapp_ios_month_first_12h_notices_from_the_group_name(history, sql) -> None:
    [report] = history.import_files([IOS])
    assert report.ok and report.groups == ["Maple Street Moms"] and report.messages == 6
    assert ("Maple Street Moms",) not in sql("SELECT DISTINCT sender_name FROM messages")
    times = [row[0] for row in sql("SELECT strftime(sent_at, '%m-%d %H:%M') FROM messages ORDER BY sent_at")]
    assert times[:3] == ["06-03 08:20", "06-03 09:01", "06-03 09:02"] and "06-03 12:05" in times  # 12:05 PM is noon
    assert report.member_events == {"join": 3, "leave": 1}


def test_whatsapp_zip_reads_the_chat_beside_its_media(history, tmp_path) -> None:
    [report] = history.import_files([whatsapp_zip(tmp_path / "WhatsApp Chat - Maple Street Moms.zip")])
    assert (report.status, report.format, report.messages) == ("ok", "whatsapp_txt", 6)


def test_whatsapp_ambiguous_dates_follow_the_chronology_and_say_so(history, tmp_path, sql) -> None:
    path = tmp_path / "chat.txt"
    path.write_text(
        "01/02/2024, 09:00 - Ann: first\n03/02/2024, 09:00 - Bo: second\n05/02/2024, 09:00 - Cy: third\n"
        "07/02/2024, 09:00 - Ann: fourth\n", encoding="utf-8",
    )  # as D/M: Feb 1, 3, 5, 7 in order; as M/D: Jan 2, Mar 2, May 2, Jul 2 also in order -> 24 h says D/M
    [report] = history.import_files([path])
    assert report.first == "2024-02-01 09:00" and any("日/月" in w for w in report.warnings)


def test_line_group_multiline_quotes_notices_and_unsent(history, sql) -> None:
    [report] = history.import_files([LINE])
    assert (report.status, report.format, report.groups) == ("ok", "line_txt", ["幸福里LINE团购"])
    assert report.member_events == {"join": 2, "leave": 1} and report.group_events == {"revoke": 1}
    assert sql("SELECT text FROM messages WHERE sender_name = 'Ken'") == [("+1 peaches\ntwo boxes please",)]


def test_a_one_to_one_chat_is_refused_the_same_way_in_every_family(history, tmp_path) -> None:
    whatsapp = tmp_path / "WhatsApp Chat with Ann.txt"
    whatsapp.write_text("12/06/2024, 19:58 - Ann: hi\n12/06/2024, 19:59 - Bo: hello\n", encoding="utf-8")
    line = tmp_path / "line.txt"
    line.write_text("[LINE] Chat history with Ann\nSaved on: 2024/07/03 21:00\n\n2024.07.01 Monday\n09:00\tAnn\thi\n", encoding="utf-8")
    weflow = tmp_path / "私聊_李四.txt"
    weflow.write_text("2026-06-01 08:00:00 '李四'\n在吗\n\n2026-06-01 08:01:00 '我'\n在\n\n", encoding="utf-8")
    telegram = tmp_path / "result.json"
    telegram.write_text('{"name": "Ann", "type": "personal_chat", "id": 5, "messages": [{"id": 1, "type": "message",'
                        ' "date": "2024-06-01T08:00:00", "date_unixtime": "1717200000", "from": "Ann", "from_id": "user5",'
                        ' "text": "hi", "text_entities": []}]}', encoding="utf-8")  # fmt: skip
    reports = history.import_files([whatsapp, line, weflow, telegram])
    assert [r.status for r in reports] == ["failed"] * 4
    assert all("是私聊" in r.error and "--allow-private" in r.error for r in reports)
    allowed = history.import_files([whatsapp, line, weflow, telegram], allow_private=True)
    assert [r.status for r in allowed] == ["ok"] * 4
