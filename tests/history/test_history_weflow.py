"""WeChat 4.x via WeFlow: ChatLab JSON/JSONL, TXT, Excel (both writers), WeClone CSV, and ChatLab files
from other platforms. The quirks are those of WeFlow's exporter source (fixtures/README.md)."""

from __future__ import annotations

import json

import pytest

from tests.history.exports import FIXTURES, weflow_xlsx

JSON = FIXTURES / "weflow" / "群聊_幸福里团购3群.json"
JSONL = FIXTURES / "weflow" / "群聊_幸福里团购3群_20260601-20260602.jsonl"
TXT = FIXTURES / "weflow" / "群聊_幸福里团购3群.txt"
GROUP_ID = "20005551234@chatroom"


def test_chatlab_json_group_id_and_system_sender_are_never_members(history, sql) -> None:
    [report] = history.import_files([JSON])
    assert (report.status, report.groups) == ("ok", ["幸福里团购3群"])
    assert sql("SELECT platform, chat_id FROM groups") == [("wechat", GROUP_ID)]  # WeFlow writes "wechat"
    everyone = sql("SELECT sender_id FROM messages UNION SELECT member_id FROM member_names UNION SELECT member_id FROM members")
    assert all(not str(member).endswith("@chatroom") for (member,) in everyone)
    assert ("孙八",) not in sql("SELECT member_id FROM member_names")  # a forwarded record's author, not a member
    assert ("wxid_sunba3",) in sql("SELECT member_id FROM member_names")  # a current member who never spoke


def test_chatlab_type_80_joins_kicks_recalls_and_pats_become_events(history, sql) -> None:
    history.import_files([JSON])
    assert sql("SELECT kind, member_id, actor_id, via FROM member_events WHERE NOT inferred ORDER BY happened_at") == [
        ("join", "wxid_lisi3", "name:张三", "invite"),  # "张三" is not a name anyone in the file uses
        ("join", "wxid_zhaoliu3", "wxid_zhangsan3", "qr"),
        ("removed", "wxid_qianqi3", "name:你", None),  # the exporter ("你") kicked 钱七; the file has no ownerId
        ("join", "name:你", None, "invite"),  # "$username$" left unfilled by WeFlow: the inviter is unknown
    ]  # fmt: skip
    assert sql("SELECT kind, actor_id, actor_name FROM group_events ORDER BY happened_at") == [
        ("pat", None, "李四"), ("revoke", "wxid_wangwu3", "王五"), ("red_packet", "wxid_zhangsan3", "张三(团长)"),
        ("solitaire", "wxid_zhangsan3", "张三(团长)"),
    ]  # fmt: skip


def test_chatlab_replies_point_at_the_quoted_message_and_mentions_stay_inline(history, sql) -> None:
    history.import_files([JSON])
    [(reply_to, text)] = sql("SELECT reply_to, text FROM messages WHERE kind = 'reply'")
    assert text == "收到，谢谢团长"  # WeFlow's "[引用 张三(团长)：…]" tail is the quote, not the reply
    assert sql("SELECT platform_msg_id FROM messages WHERE msg_key = ?", reply_to) == [("7301000000000000002",)]
    assert sql("SELECT mentions FROM messages WHERE platform_msg_id = '7301000000000000002'") == [(["李四"],)]
    kinds = dict(sql("SELECT platform_msg_id, kind FROM messages"))
    assert (kinds["7301000000000000006"], kinds["7301000000000000015"], kinds["7301000000000000018"]) == (
        "transfer", "forward", "notice")  # type 99 [转账], type 7 [转发的聊天记录], type 7 [群公告]  # fmt: skip


def test_chatlab_jsonl_v001_overlapping_the_json_adds_only_what_is_new(history, sql) -> None:
    history.import_files([JSON])
    [report] = history.import_files([JSONL])
    assert (report.status, report.format, report.messages, report.messages_added) == ("ok", "chatlab_jsonl", 5, 3)
    assert sql("SELECT member_id, actor_id FROM member_events WHERE member_name = '周九'") == [("wxid_zhoujiu3", "wxid_wangwu3")]


def test_chatlab_from_qq_with_system_sender_roles_owner_recall_and_poke(history, sql) -> None:
    [report] = history.import_files([FIXTURES / "chatlab" / "幸福里QQ二群.json"])
    assert report.ok and sql("SELECT platform, chat_id FROM groups") == [("qq", "700800900")]
    assert report.member_events == {"join": 1, "leave": 1} and report.messages == 3
    assert sql("SELECT member_id, role FROM member_roles ORDER BY role") == [("30002", "admin"), ("30001", "owner")]
    assert sql("SELECT kind, actor_id FROM group_events ORDER BY happened_at") == [
        ("revoke", "30002"), ("pat", "30003"), ("red_packet", "30003")]  # fmt: skip
    assert sql("SELECT is_self FROM messages WHERE sender_id = '30001'") == [(True,)]  # meta.ownerId
    assert sql("SELECT count(*) FROM messages m JOIN messages t ON m.reply_to = t.msg_key") == [(1,)]


def test_weflow_txt_learns_the_group_label_and_meets_the_chatlab_export(history, sql) -> None:
    [txt] = history.import_files([TXT])
    assert txt.groups == ["幸福里团购3群"]  # the notices' label, not the file name
    assert ("幸福里团购3群",) not in sql("SELECT sender_name FROM messages")
    assert txt.member_events == {"join": 3, "removed": 1} and txt.group_events["revoke"] == 1
    [chatlab] = history.import_files([JSON])
    # the same messages meet, except the voice note the TXT renders as "[其他消息]" (WeFlow uses that for any
    # type it has no text for), so its kind differs; the TXT's names now resolve to the ChatLab wxids
    assert chatlab.messages_added == 1 and sql("SELECT kind FROM messages WHERE import_id = 2") == [("voice",)]
    assert sql("SELECT count(DISTINCT sender_id) FROM messages WHERE sender_id LIKE 'name:%'") == [(0,)]


def test_weflow_txt_times_are_the_exporting_pcs_local_time(history, sql) -> None:
    history.import_files([TXT], tz="Europe/Berlin")
    assert sql("SELECT strftime(min(sent_at), '%Y-%m-%d %H:%M') FROM messages") == [("2026-06-01 14:01",)]


@pytest.mark.parametrize("streaming", [False, True], ids=["header_row_4", "header_row_5_streaming"])
def test_weflow_excel_header_found_by_序号_in_both_writers(history, tmp_path, sql, streaming) -> None:
    [report] = history.import_files([weflow_xlsx(tmp_path / "export.xlsx", streaming=streaming)])
    assert (report.status, report.format, report.groups) == ("ok", "weflow_xlsx", ["幸福里团购3群"])
    assert sql("SELECT chat_id FROM groups") == [(GROUP_ID,)] and report.messages == 17
    assert report.member_events == {"join": 3, "removed": 1}
    assert sql("SELECT kind FROM messages WHERE sender_id = 'wxid_zhaoliu3' ORDER BY sent_at") == [
        ("text",), ("voice",), ("sticker",)]  # voice is "[其他消息]" in the content, "语音消息" in the type column


def test_weflow_excel_compact_columns_and_a_private_session_is_refused(history, tmp_path) -> None:
    [compact] = history.import_files([weflow_xlsx(tmp_path / "compact.xlsx", streaming=False, compact=True)])
    assert compact.ok and compact.messages == 17 and compact.member_events == {"join": 3, "removed": 1}
    [private] = history.import_files([weflow_xlsx(tmp_path / "p.xlsx", streaming=True, session="wxid_lisi3")])
    assert private.status == "failed" and "私聊" in private.error and "--allow-private" in private.error


def test_weclone_csv_bom_crlf_iso_utc_and_no_quote_replies(history, sql) -> None:
    [report] = history.import_files([FIXTURES / "weflow" / "群聊_幸福里团购3群_weclone.csv"])
    assert (report.status, report.format, report.encoding) == ("ok", "weclone_csv", "utf-8-sig")
    assert report.groups == ["幸福里团购3群"] and report.member_events == {"join": 3, "removed": 1}
    assert sql("SELECT count(*) FROM messages WHERE kind = 'reply'") == [(0,)]
    assert sql("SELECT strftime(min(sent_at), '%H:%M') FROM messages") == [("08:01",)]  # 00:01Z read as UTC


def test_a_private_chatlab_export_is_refused_unless_allowed(history, tmp_path, sql) -> None:
    doc = json.loads(JSON.read_text(encoding="utf-8"))
    doc["meta"] = {"name": "李四", "platform": "wechat", "type": "private"}
    path = tmp_path / "私聊_李四.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    [refused] = history.import_files([path])
    assert refused.status == "failed" and refused.format == "chatlab_json" and "私聊（与「李四」）" in refused.error
    [allowed] = history.import_files([path], allow_private=True)
    assert allowed.ok and sql("SELECT kind FROM groups") == [("private",)]


def test_weflow_txt_recalls_under_a_members_label_do_not_make_them_the_group(history, tmp_path, sql) -> None:
    blocks = [("08:00:00", "幸福里团购3群", '"张三"邀请"王五"加入了群聊')] + [
        (f"08:0{n}:00", "王五", '"王五" 撤回了一条消息') for n in range(1, 4)
    ] + [("08:05:00", "王五", "撤回了三次，终于发对了"), ("08:06:00", "张三", "好的")]  # fmt: skip
    path = tmp_path / "群聊_撤回.txt"
    path.write_text("".join(f"2026-06-01 {t} '{who}'\n{body}\n\n" for t, who, body in blocks), encoding="utf-8")
    [report] = history.import_files([path])
    assert report.groups == ["幸福里团购3群"] and report.messages == 2 and report.group_events == {"revoke": 3}
    assert sql("SELECT sender_name FROM messages ORDER BY sent_at") == [("王五",), ("张三",)]
