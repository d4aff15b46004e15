"""WeChat exports: MemoTrace CSV and TXT, PyWxDump parts, chatlog CSV/JSON and its member lists."""

from __future__ import annotations

from assistant.history.errors import PRIVATE_SKIP

MEMOTRACE_CSV = "memotrace/幸福里团购1群_utf8.csv"


def test_memotrace_csv_reads_bom_quoted_newlines_newest_first_and_skips_a_bad_row(history, fx, sql) -> None:
    [report] = history.import_files([fx(MEMOTRACE_CSV)])
    assert (report.status, report.format, report.groups) == ("ok", "memotrace_csv", ["幸福里团购1群"])
    assert report.encoding == "utf-8-sig"
    assert report.messages_by_kind == {"text": 8, "image": 1}
    assert (report.first, report.last) == ("2024-06-01 08:00", "2024-06-02 20:06")  # re-sorted, local time
    assert report.skipped == 1 and report.skipped_reasons == {"CreateTime 和 StrTime 都无法识别": 1}
    assert any("文件名作群名" in w for w in report.warnings)
    assert report.group_events == {"pat": 1, "red_packet": 1, "red_packet_claim": 1, "rename": 1, "revoke": 1, "solitaire": 1}
    senders = dict(sql("SELECT text, sender_id FROM messages WHERE kind = 'text'"))
    assert senders["大家好\n我是新来的"] == "wxid_lisi_demo"
    assert senders["收到"] == "wxid_sunba_demo"  # 'wxid_sunba_demo:25319:1' cut at ':'
    assert sql("SELECT mentions FROM messages WHERE text LIKE '@%'") == [(["张三"],)]


def test_wechat_system_rows_become_member_and_group_events_not_chatter(history, fx, sql) -> None:
    history.import_files([fx(MEMOTRACE_CSV)])
    assert sql("SELECT count(*) FROM messages WHERE text LIKE '%加入了群聊%' OR text LIKE '%撤回%'") == [(0,)]
    events = sql("SELECT kind, member_id, actor_id, via FROM member_events WHERE NOT inferred ORDER BY happened_at")
    assert events == [
        ("join", "wxid_lisi_demo", "wxid_zhangsan_demo", "invite"),  # "张三"邀请"李四", names matched to wxids
        ("join", "wxid_zhaoliu_demo", "wxid_zhangsan_demo", "qr"),  # 通过扫描"张三"分享的二维码
        ("removed", "wxid_qianqi_demo", "wxid_zhangsan_demo", None),  # 你将"钱七"移出了群聊: "你" = the exporter
        ("join", "wxid_zhoujiu_demo", "wxid_zhangsan_demo", "invite"),  # <sysmsg> template carries the wxids
    ]
    kinds = sql("SELECT kind, actor_id, target_name, detail FROM group_events ORDER BY happened_at")
    assert [k[0] for k in kinds] == ["revoke", "solitaire", "red_packet", "red_packet_claim", "rename", "pat"]
    assert kinds[1][1] == kinds[2][1] == "wxid_zhangsan_demo"  # 接龙 and red packets: events with their sender
    assert kinds[4][3] == "幸福里团购1群" and kinds[5][2] == "李四"


def test_memotrace_txt_tells_system_lines_from_senders_and_keeps_date_lines_as_text(history, fx, sql) -> None:
    [report] = history.import_files([fx("memotrace/幸福里团购1群.txt")], group="团购1群TXT")
    assert report.format == "memotrace_txt" and report.groups == ["团购1群TXT"]
    assert report.messages_by_kind == {"text": 5, "image": 1, "link": 1, "reply": 1}
    assert report.member_events == {"join": 2}
    senders = {row[0] for row in sql("SELECT sender_name FROM messages")}
    assert not any("邀请" in name or "撤回" in name for name in senders)
    assert sql("SELECT text FROM messages WHERE text LIKE '2024-06-03%'") == [
        ("2024-06-03 自提点改到3号门了吗\n对，3号门",)
    ]
    assert sql("SELECT kind, text FROM messages WHERE kind IN ('link', 'reply') ORDER BY kind") == [
        ("link", "自提点地图"), ("reply", "好的"),
    ]  # fmt: skip


def test_memotrace_txt_after_csv_adds_only_what_is_new(history, fx, sql) -> None:
    history.import_files([fx(MEMOTRACE_CSV)])
    [report] = history.import_files([fx("memotrace/幸福里团购1群.txt")], group="幸福里团购1群")
    assert report.messages == 8 and report.messages_added == 3  # the three messages of June 3
    assert report.member_events_added == 0
    assert sql("SELECT count(*) FROM messages") == [(12,)]
    # TXT senders are display names; they are matched to the wxids the CSV brought
    assert sql("SELECT sender_id, sender_confidence FROM messages WHERE text = '好的'") == [("wxid_wangwu_demo", 0.9)]


def test_pywxdump_folder_of_parts_with_users_json(history, fx, sql) -> None:
    reports = history.import_files([fx("pywxdump/20009876543@chatroom")])
    assert [r.format for r in reports] == ["pywxdump_csv", "pywxdump_csv", "pywxdump_users"]
    assert all(r.ok for r in reports) and reports[0].groups == ["20009876543@chatroom"]
    assert reports[0].messages_by_kind == {"text": 1, "image": 1}
    assert reports[1].messages_by_kind == {"reply": 1, "text": 1}
    assert sql("SELECT text FROM messages WHERE kind = 'reply'") == [("好的",)]
    assert sql("SELECT kind FROM group_events ORDER BY kind") == [("pat",), ("revoke",), ("solitaire",)]
    # joins name people only; users.json (read last) lets the store link them to wxids
    joins = sql("SELECT member_id, actor_id FROM member_events WHERE kind = 'join' ORDER BY happened_at")
    assert joins == [("wxid_lisi_demo", "wxid_zhangsan_demo"), ("wxid_zhaoliu_demo", "wxid_lisi_demo")]


def test_chatlog_csv_placeholders_ids_in_system_text_and_private_chats_skipped(history, fx, sql) -> None:
    [report] = history.import_files([fx("chatlog/chatlog.csv")])
    assert report.format == "chatlog_csv" and report.groups == ["幸福里团购1群"]
    assert report.messages_by_kind == {"image": 1, "text": 1, "reply": 1, "other": 1, "link": 1}
    assert report.skipped_reasons == {PRIVATE_SKIP: 1}
    assert sql("SELECT chat_id FROM groups") == [("20001234567@chatroom",)]
    assert sql("SELECT member_id, actor_id, member_confidence FROM member_events WHERE kind = 'join'") == [
        ("wxid_ls_demo", "wxid_zs_demo", 1.0)  # chatlog renders 昵称(wxid)
    ]
    assert sql("SELECT text FROM messages WHERE kind = 'reply'") == [("好的，我要两盒",)]


def test_chatlog_json_types_self_and_joins(history, fx, sql) -> None:
    [report] = history.import_files([fx("chatlog/chatlog.json")])
    assert report.format == "chatlog_json"
    assert report.messages_by_kind == {"text": 1, "image": 1, "reply": 1}
    assert report.member_events == {"join": 2}
    assert sql("SELECT via FROM member_events WHERE member_id = 'wxid_ww_demo'") == [("qr",)]
    assert sql("SELECT count(*) FROM messages WHERE is_self") == [(1,)]  # the image; 接龙 and 红包 are events
    assert sql("SELECT kind, detail FROM group_events ORDER BY happened_at") == [
        ("solitaire", "#接龙\n1. 李四 草莓2盒"),
        ("red_packet", None),
    ]


def test_chatlog_chatroom_snapshots_infer_an_exit_within_the_interval(history, fx, sql) -> None:
    first = history.import_files([fx("chatlog/chatroom_0601.json")], at="2024-06-01 20:00")[0]
    assert first.format == "chatlog_chatroom" and first.snapshots == 1 and first.snapshot_members == 4
    assert sql("SELECT member_id FROM member_roles WHERE role = 'owner'") == [("wxid_zs_demo",)]
    second = history.import_files([fx("chatlog/chatroom_0608.json")], at="2024-06-08 20:00")[0]
    assert (second.inferred_exits, second.inferred_joins) == (1, 1)
    rows = sql(
        "SELECT kind, member_id, strftime(happened_earliest, '%m-%d %H:%M'), strftime(happened_at, '%m-%d %H:%M'), source "
        "FROM member_events WHERE inferred ORDER BY kind"
    )
    assert rows == [
        ("exit", "wxid_ww_demo", "06-01 20:00", "06-08 20:00", "snapshot_diff"),
        ("join", "wxid_zj_demo", "06-01 20:00", "06-08 20:00", "later_evidence"),
    ]
    [stats] = history.stats("幸福里团购1群").groups
    assert stats.members_now == 4 and stats.members_basis == "snapshot"
    assert stats.exits["inferred"] == 1 and "两次快照之间" in stats.exits["inferred_note"]
