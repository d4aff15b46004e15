"""The demo community: three groups of different kinds, about 600 people, and the stories it tells."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from assistant.history import History, demo
from tests.support.history_file import read_only

END = datetime(2024, 11, 30, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(scope="module")
def community(tmp_path_factory: pytest.TempPathFactory) -> History:
    history = History(tmp_path_factory.mktemp("demo") / "history.duckdb")
    reports = history.demo(end=END)
    assert all(r.status == "ok" for r in reports), [r.error for r in reports if r.error]
    return history


def query(history: History, sql: str) -> list[tuple]:
    con = read_only(history.db_path)
    try:
        con.execute("SET TimeZone = 'Asia/Shanghai'")
        return con.execute(sql).fetchall()
    finally:
        con.close()


def by_platform(history: History) -> dict:
    return {g.platform: g for g in history.stats().groups}


def test_three_groups_of_different_kinds_over_ten_weeks(community: History) -> None:
    groups = community.groups()
    assert {g.platform for g in groups} == {"wechat", "wecom", "telegram"}
    assert all(g.first <= "2024-09-21 09:00" and g.last.startswith("2024-11-30") for g in groups)
    people = query(community, "SELECT count(*) FROM members WHERE member_id NOT LIKE 'name:%'")[0][0]
    assert 550 <= people <= 700


def test_wechat_group_exits_are_inferred_from_weekly_member_lists(community: History) -> None:
    wechat = by_platform(community)["wechat"]
    assert wechat.snapshots == 11 and wechat.members_basis == "snapshot"
    assert wechat.exits["voluntary"] == 0 and wechat.exits["removed"] == 3 and wechat.exits["inferred"] > 20
    assert set(wechat.joins["by_via"]) == {"invite", "qr"}
    assert wechat.orders["count"] > 500 and 0 < wechat.orders["refund"] < wechat.orders["amount"] * 0.2
    complaints = query(community, "SELECT count(*) FROM messages WHERE text LIKE '%退款%' OR text LIKE '%坏了%'")[0][0]
    assert complaints >= 10


def test_wecom_campaign_cohort_leaves_fast(community: History) -> None:
    wecom = by_platform(community)["wecom"]
    assert wecom.joins["by_campaign"]["双11裂变海报"] == 70
    fast = query(
        community,
        """
        SELECT count(*) FROM member_events j JOIN member_events l USING (group_id, member_id)
        WHERE j.kind = 'join' AND j.campaign = '双11裂变海报' AND l.kind = 'leave'
          AND l.happened_at BETWEEN j.happened_at AND j.happened_at + INTERVAL 14 DAY
        """,
    )[0][0]
    assert fast >= 30 and wecom.exits["inferred"] == 0  # WeCom states its leaves


def test_telegram_group_has_an_ad_spam_wave_cleaned_up_by_an_admin(community: History) -> None:
    telegram = by_platform(community)["telegram"]
    assert telegram.exits["removed"] == 15
    wave = query(
        community,
        """
        SELECT count(*), max(happened_at) - min(happened_at) FROM member_events
        WHERE kind = 'removed' AND actor_id = 'user2999999'
        """,
    )[0]
    assert wave[0] == 15 and wave[1].total_seconds() < 3 * 3600
    ads = query(community, "SELECT count(*) FROM messages WHERE text LIKE '%私聊%' OR text LIKE '%加V%'")[0][0]
    assert ads >= 15


def test_same_seed_and_end_give_the_same_files(tmp_path: Path) -> None:
    def digests(folder: Path) -> dict[str, str]:
        demo.write(folder, end=END)
        return {
            p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.rglob("*")
            if p.suffix in {".csv", ".json", ".jsonl", ".xml"}
        }

    assert digests(tmp_path / "a") == digests(tmp_path / "b")


def test_loading_the_demo_again_replaces_it(community: History) -> None:
    before = [(g.name, g.messages, g.members_now) for g in community.groups()]
    community.demo(end=END)
    assert [(g.name, g.messages, g.members_now) for g in community.groups()] == before
