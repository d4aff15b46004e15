"""QQ NT via QQChatExporter (shuakami/qq-chat-exporter): JSON in both shapes, chunked JSONL as a
folder or a zip, TXT and Excel."""

from __future__ import annotations

import json

from tests.history.exports import FIXTURES, qce_chunked_zip, qce_xlsx

QCE = FIXTURES / "qce"
CURRENT = QCE / "幸福里团购QQ群.json"
CHUNKED = QCE / "幸福里团购QQ群_chunked_jsonl"


def test_current_shape_members_by_qq_number_and_anonymous_gray_tips_as_events(history, sql) -> None:
    [report] = history.import_files([CURRENT])
    assert (report.status, report.format, report.groups) == ("ok", "qce_json", ["幸福里团购QQ群"])
    assert report.member_events == {"join": 2, "leave": 1}
    assert report.group_events == {"pat": 1, "red_packet": 1, "revoke": 1}
    assert sql("SELECT member_id, member_name, actor_id, via FROM member_events ORDER BY happened_at") == [
        ("10002", "李四", "10001", "invite"), ("10005", "孙八", "10001", "qr"), ("name:钱七", "钱七", None, None)]  # fmt: skip
    senders = {row[0] for row in sql("SELECT sender_id FROM messages")}
    assert "未知" not in senders and "0" not in senders and None not in senders
    # an element QCE does not know flags the message "system", but it has a real sender: still a message
    assert sql("SELECT kind FROM messages WHERE sender_id = '10006'") == [("other",)]


def test_current_shape_replies_mentions_faces_and_self(history, sql) -> None:
    history.import_files([CURRENT])
    [(reply_to, text)] = sql("SELECT reply_to, text FROM messages WHERE kind = 'reply'")
    assert text == "收到，晚上送到"  # "[回复消息]" is QCE's marker, not the text
    assert sql("SELECT platform_msg_id FROM messages WHERE msg_key = ?", reply_to) == [("7400000000000000003",)]
    assert sql("SELECT mentions FROM messages WHERE sender_id = '10002'") == [(["张三"],)]
    assert sql("SELECT kind FROM messages WHERE sender_id = '10004' ORDER BY sent_at") == [("sticker",), ("text",)]
    assert sql("SELECT DISTINCT is_self FROM messages WHERE sender_id = '10001'") == [(True,)]  # chatInfo.selfUin


def test_v4_shape_iso_times_message_ids_roles_and_recalls(history, sql) -> None:
    [report] = history.import_files([QCE / "阿甲的社区团购群_v4.json"])
    assert (report.status, report.first, report.messages) == ("ok", "2025-10-01 09:00", 5)
    assert sql("SELECT member_id, role FROM member_roles ORDER BY role") == [("20002", "admin"), ("20001", "owner")]
    assert report.member_events == {"join": 1, "removed": 1}
    assert sql("SELECT kind, actor_id FROM group_events") == [("revoke", "20003")]
    assert sql("SELECT count(*) FROM messages m JOIN messages t ON m.reply_to = t.msg_key") == [(1,)]


def test_chunked_folder_and_zip_are_one_export_each_and_equal_the_single_file(history, tmp_path, sql) -> None:
    [folder] = history.import_files([CHUNKED])  # the folder: read through its manifest
    assert (folder.status, folder.format, folder.file) == ("ok", "qce_chunked", "manifest.json")
    [zipped] = history.import_files([qce_chunked_zip(tmp_path / "幸福里团购QQ群_chunked_jsonl.zip")])
    assert zipped.ok and zipped.messages == folder.messages and zipped.messages_added == 0
    [single] = history.import_files([CURRENT])
    assert single.messages == folder.messages and single.messages_added == 0


def test_chunked_export_missing_a_chunk_is_refused(history, tmp_path, dump) -> None:
    copy = tmp_path / "export"
    (copy / "chunks").mkdir(parents=True)
    (copy / "manifest.json").write_bytes((CHUNKED / "manifest.json").read_bytes())
    (copy / "chunks" / "c000001.jsonl").write_bytes((CHUNKED / "chunks" / "c000001.jsonl").read_bytes())
    history.groups()  # create the store
    before = dump()
    [report] = history.import_files([copy])
    assert report.status == "failed" and "缺少分块文件 chunks/c000002.jsonl" in report.error and dump() == before


def test_txt_names_only_faces_and_its_closing_count(history, sql) -> None:
    [report] = history.import_files([QCE / "幸福里团购QQ群.txt"])
    assert (report.status, report.format, report.groups) == ("ok", "qce_txt", ["幸福里团购QQ群"])
    assert report.member_events == {"join": 2, "leave": 1} and not report.warnings
    assert sql("SELECT count(*) FROM messages WHERE sender_id NOT LIKE 'name:%'") == [(0,)]  # no QQ numbers in TXT
    assert sql("SELECT text FROM messages WHERE kind = 'text' AND sender_name = '张三' ORDER BY sent_at LIMIT 1") == [
        ("今晚团购：草莓 2 盒起\n需要的请接龙",)]  # multi-line content; "[群主]" is a title, not part of the name


def test_excel_utc_times_qq_numbers_and_recalled_flag(history, tmp_path, sql) -> None:
    [report] = history.import_files([qce_xlsx(tmp_path / "export.xlsx")], group="幸福里团购QQ群")
    assert (report.status, report.format, report.first) == ("ok", "qce_xlsx", "2026-08-01 08:00")
    assert report.member_events == {"join": 2, "leave": 1}
    assert {row[0] for row in sql("SELECT DISTINCT sender_id FROM messages")} >= {"10001", "10002"}


def test_private_and_temp_qce_chats_are_refused(history, tmp_path) -> None:
    doc = json.loads(CURRENT.read_text(encoding="utf-8"))
    for kind in ("private", "temp"):
        doc["chatInfo"]["type"] = kind
        path = tmp_path / f"{kind}.json"
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        [report] = history.import_files([path])
        assert report.status == "failed" and report.format == "qce_json" and "--allow-private" in report.error
