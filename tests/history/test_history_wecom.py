"""WeCom: the message archive, group details as snapshots, change callbacks and daily statistics."""

from __future__ import annotations

from assistant.history.errors import PRIVATE_SKIP

import pytest

ARCHIVE, GROUPCHAT, EVENTS = "wecom/archive.jsonl", "wecom/groupchat_get.json", "wecom/change_external_chat.xml"


def test_archive_keeps_group_messages_and_says_what_it_skipped(history, fx, sql) -> None:
    [report] = history.import_files([fx(ARCHIVE)])
    assert report.format == "wecom_archive" and report.groups == ["wrDEMOroom01"]
    assert report.messages_by_kind == {"text": 1, "image": 1, "link": 1}
    assert report.skipped_reasons == {PRIVATE_SKIP: 1, "切换企业记录（非聊天）": 1}
    assert sql("SELECT kind, actor_id, detail FROM group_events ORDER BY happened_at") == [
        ("revoke", "wmDEMO_lisi", "1001_1717200060"),
        ("red_packet", "zhangsan", "恭喜发财，大吉大利"),
    ]
    assert sql("SELECT text FROM messages WHERE kind = 'link'") == [("自提点地图",)]
    assert sql("SELECT strftime(sent_at, '%H:%M:%S.%g') FROM messages WHERE kind = 'text'") == [("08:01:00.123",)]


def test_groupchat_get_is_a_series_of_snapshots_with_campaigns_and_roles(history, fx, sql) -> None:
    [report] = history.import_files([fx(GROUPCHAT)])
    assert report.format == "wecom_groupchat" and report.groups == ["品牌福利群"]
    assert (report.snapshots, report.snapshot_members) == (2, 6)
    assert report.member_events == {"join": 4}  # join_time of every member listed
    joins = sql("SELECT member_id, via, campaign, actor_id FROM member_events WHERE kind = 'join' ORDER BY happened_at")
    assert joins == [
        ("zhangsan", "invite", None, "zhangsan"),
        ("wmDEMO_lisi", "qr", "618海报", "zhangsan"),
        ("wmDEMO_wangwu", "link", None, "zhangsan"),
        ("wmDEMO_zhaoliu", "qr", "618海报", "zhangsan"),
    ]
    assert sql("SELECT DISTINCT member_id, role FROM member_roles ORDER BY role") == [
        ("wmDEMO_wangwu", "admin"), ("zhangsan", "owner"),
    ]  # fmt: skip
    assert report.inferred_exits == 1  # 李四 is missing from the second list


def test_callbacks_state_leaves_and_removals_and_replace_the_inference(history, fx, sql) -> None:
    history.import_files([fx(ARCHIVE), fx(GROUPCHAT)])
    [report] = history.import_files([fx(EVENTS)])
    assert report.format == "wecom_events" and report.groups == ["品牌福利群"]  # the archive's room got its name
    assert report.member_events == {"leave": 1, "join": 2, "removed": 1}
    assert report.member_events_added == 3  # 赵六's add_member repeats the join groupchat/get listed
    assert any("MemChangeList" in w for w in report.warnings)
    exits = sql("SELECT kind, member_id, inferred FROM member_events WHERE kind <> 'join' ORDER BY happened_at")
    assert exits == [("leave", "wmDEMO_lisi", False), ("removed", "wmDEMO_spam", False)]
    [stats] = history.stats("品牌福利群").groups
    assert stats.exits == {"total": 2, "voluntary": 1, "removed": 1, "inferred": 0, "inferred_note": None}
    assert stats.joins["by_campaign"] == {"618海报": 2} and stats.members_now == 3
    assert sql("SELECT kind, detail FROM group_events WHERE kind NOT IN ('revoke', 'red_packet') ORDER BY happened_at") == [
        ("members_added", "2"), ("rename", "change_name"),
    ]  # fmt: skip


def test_statistic_by_day_and_the_estimated_exits(history, fx, sql) -> None:
    [report] = history.import_files([fx("wecom/statistic_by_day.json")], group="品牌客户群统计")
    assert report.format == "wecom_statistic" and report.daily_stats == 15
    rows = sql("SELECT strftime(day, '%m-%d'), value FROM daily_stats WHERE metric = 'exit_cnt_estimated'")
    assert rows == [("06-02", 2.0)]  # 3 new, total 120 -> 121
    assert sql("SELECT value FROM daily_stats WHERE metric = 'member_total' ORDER BY day") == [(120.0,), (121.0,)]


def test_statistic_by_owner_needs_the_day(history, tmp_path) -> None:
    path = tmp_path / "by_owner.json"
    path.write_text(
        '{"errcode":0,"total":1,"items":[{"owner":"zhangsan","data":{"new_member_cnt":4,"member_total":88}}]}'
    )
    [failed] = history.import_files([path])
    assert failed.status == "failed" and "--at" in failed.error
    [report] = history.import_files([path], at="2024-06-03")
    assert report.groups == ["企业微信客户群统计 · zhangsan"] and report.daily_stats == 2


@pytest.mark.parametrize("name", [ARCHIVE, GROUPCHAT, EVENTS, "wecom/statistic_by_day.json"])
def test_wecom_files_are_sniffed_by_content(history, fx, name) -> None:
    assert history.sniff(fx(name)).startswith("wecom_")
