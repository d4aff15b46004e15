"""Membership reconstruction: exits from snapshots with their interval, rejoins, names matched to ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

GROUP = "测试群"


@pytest.fixture
def members_csv(tmp_path: Path):
    def write(name: str, *rows: tuple[str, str]) -> Path:
        path = tmp_path / name
        path.write_text("微信号,群昵称\n" + "".join(f"{i},{n}\n" for i, n in rows), encoding="utf-8")
        return path

    return write


def inferred(sql) -> list[tuple]:
    return sql(
        "SELECT kind, member_id, strftime(happened_earliest, '%m-%d %H:%M'), strftime(happened_at, '%m-%d %H:%M') "
        "FROM member_events WHERE inferred ORDER BY happened_at, kind"
    )


def test_exit_between_snapshots_is_inferred_and_narrowed_by_the_last_message(history, members_csv, sql) -> None:
    history.import_files(
        [members_csv("s1.csv", ("wxid_a", "阿甲"), ("wxid_b", "阿乙"))], group=GROUP, at="2024-06-01 21:00"
    )
    history.import_text("阿乙 2024/6/3 10:30\n我先退了，再见", group=GROUP)
    history.import_files([members_csv("s2.csv", ("wxid_a", "阿甲"))], group=GROUP, at="2024-06-08 21:00")
    assert inferred(sql) == [("exit", "wxid_b", "06-03 10:30", "06-08 21:00")]  # after their last word
    assert sql("SELECT member_id, is_member_now FROM members ORDER BY member_id") == [
        ("wxid_a", True),
        ("wxid_b", False),
    ]
    assert sql("SELECT end_kind, end_inferred FROM membership_spans WHERE member_id = 'wxid_b'") == [("exit", True)]


def test_left_and_came_back_between_snapshots_counts_one_exit_and_one_join(history, members_csv, sql) -> None:
    history.import_files(
        [members_csv("s1.csv", ("wxid_a", "阿甲"), ("wxid_b", "阿乙"))], group=GROUP, at="2024-06-01 21:00"
    )
    history.import_files([members_csv("s2.csv", ("wxid_a", "阿甲"))], group=GROUP, at="2024-06-08 21:00")
    history.import_files(
        [members_csv("s3.csv", ("wxid_a", "阿甲"), ("wxid_b", "阿乙"))], group=GROUP, at="2024-06-15 21:00"
    )
    assert inferred(sql) == [
        ("exit", "wxid_b", "06-01 21:00", "06-08 21:00"),
        ("join", "wxid_b", "06-08 21:00", "06-15 21:00"),
    ]
    [stats] = history.stats(GROUP).groups
    assert (stats.members_now, stats.joins["inferred"], stats.exits["inferred"]) == (2, 1, 1)
    assert sql("SELECT count(*) FROM membership_spans WHERE member_id = 'wxid_b'") == [(2,)]


def test_a_wechat_rejoin_notice_implies_the_unrecorded_exit_before_it(history, members_csv, sql) -> None:
    """WeChat says nothing when 阿乙 leaves, but "邀请 阿乙 加入" while they were in means they had left."""
    history.import_files(
        [members_csv("s1.csv", ("wxid_a", "阿甲"), ("wxid_b", "阿乙"))], group=GROUP, at="2024-06-01 21:00"
    )
    history.import_text('"阿甲"邀请"阿乙"加入了群聊', group=GROUP, at="2024-06-05 09:00")
    history.import_files(
        [members_csv("s2.csv", ("wxid_a", "阿甲"), ("wxid_b", "阿乙"))], group=GROUP, at="2024-06-08 21:00"
    )
    assert sql("SELECT kind, member_id, actor_id FROM member_events WHERE NOT inferred") == [
        ("join", "wxid_b", "wxid_a")
    ]
    assert inferred(sql) == [("exit", "wxid_b", "06-01 21:00", "06-05 09:00")]
    [stats] = history.stats(GROUP).groups
    assert (stats.joins["total"], stats.exits["total"], stats.members_now) == (1, 1, 2)


def test_stated_leave_and_rejoin_on_telegram(history, tmp_path: Path, sql) -> None:
    def service(n: int, ts: int, action: str, **extra: object) -> dict:
        return {
            "id": n,
            "type": "service",
            "date_unixtime": str(ts),
            "actor": "阿乙",
            "actor_id": "user2",
            "action": action,
            **extra,
        }

    export = {"name": GROUP, "type": "private_supergroup", "id": 42, "messages": [
        service(1, 1717200000, "join_group_by_link"), service(2, 1717300000, "remove_members", members=["阿乙"]),
        service(3, 1717400000, "join_group_by_link"),
    ]}  # fmt: skip
    path = tmp_path / "result.json"
    path.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    history.import_files([path])
    [stats] = history.stats(GROUP).groups
    assert stats.joins["total"] == 2 and stats.exits["voluntary"] == 1 and stats.members_now == 1
    assert inferred(sql) == []
    assert sql("SELECT start_source, end_kind FROM membership_spans ORDER BY started_at") == [
        ("join", "leave"),
        ("join", None),
    ]


def test_names_are_matched_with_a_confidence_and_ambiguity_is_kept_apart(history, members_csv, sql) -> None:
    history.import_files(
        [members_csv("s1.csv", ("wxid_z", "团长 张三"), ("wxid_w1", "小王"), ("wxid_w2", "小王"))],
        group=GROUP,
        at="2024-06-01 21:00",
    )
    history.import_text(
        "团长_张三 2024/6/2 10:00\n开团\n\n小王 2024/6/2 10:01\n+1\n\n路人 2024/6/2 10:02\n?", group=GROUP
    )
    rows = sql("SELECT sender_name, sender_id, sender_confidence FROM messages ORDER BY sent_at")
    assert rows == [
        ("团长_张三", "wxid_z", 0.8),  # MemoTrace-sanitised spelling of "团长 张三"
        ("小王", "name:小王", 0.2),  # two members are called 小王: not merged into either
        ("路人", "name:路人", 0.5),  # nobody of that name: a placeholder
    ]


def test_without_snapshots_wechat_members_now_is_an_upper_bound(history, fx) -> None:
    history.import_files([fx("memotrace/幸福里团购1群_utf8.csv")])
    [stats] = history.stats().groups
    assert stats.members_basis == "upper_bound" and "上限" in stats.members_note
    assert stats.members_now == 6 and stats.exits["removed"] == 1  # 钱七 was removed; the rest are unknown
