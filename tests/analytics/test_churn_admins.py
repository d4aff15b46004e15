"""The churn explainer on small hand-built histories: admins inferred from behaviour, "answered" as
a response to that question, chatter overload, snapshot exits over an interval, the over-dispersed
test, and honest output (not_judged, a rise no driver explains)."""

from __future__ import annotations

import json
from datetime import timedelta

from click.testing import CliRunner

from assistant.analytics import admins, churn
from assistant.analytics.chatlog import Message
from assistant.analytics.drivers.replies import answer_of, responds
from assistant.analytics.groups import select_groups
from assistant.analytics.periods import parse_week
from assistant.analytics.significance import exit_rise
from assistant.conversations.topics import mine
from tests.analytics.builder import BulkMessages, HistoryBuilder, at, days

WEEK = parse_week("2026-W10")
BASELINE = "2026-01-05"  # Monday of W02: eight weeks before W10
CHATTER = ["今天天气不错", "收到", "谢谢", "好的呀", "我家孩子也喜欢"]


def _telegram_group(tmp_path, answering_in_target: bool, members: int = 60):  # noqa: ANN001, ANN202
    """A Telegram group with no role information: the owner posts a notice every morning and
    answers questions by replying to them; exits are one a week."""
    b = HistoryBuilder(tmp_path / "tg.duckdb")
    g = b.group("电报团购群", platform="telegram")
    people = b.members_before(g, members)
    b.span(g, "owner", None, "snapshot")
    bulk = BulkMessages(b)
    askers: list[str] = []
    for n, day in enumerate(days(BASELINE, 63)):
        target = day >= "2026-03-02"
        bulk.add(g, "owner", at(day, 9), "今日团购：草莓39元一份，晚上8点截单，明天下午到自提点取货", name="团长")
        for i in range(8):
            bulk.add(g, people[(n * 7 + i) % members], at(day, 11 + i % 8, 5 * i), CHATTER[i % len(CHATTER)])
        for q in range(3):
            asker = people[(n * 3 + q) % members]
            key = bulk.add(g, asker, at(day, 14 + q), "请问发票怎么开？")
            if target:
                askers.append(asker)
            if not target or answering_in_target:
                bulk.add(g, "owner", at(day, 14 + q, 20), "发票在小程序订单里申请就行", name="团长", reply_to=key)
    bulk.flush()
    gone: set[str] = set()
    for week in range(8):
        leaver = people[40 + week]
        b.con.execute("UPDATE membership_spans SET ended_at = $t, ended_earliest = $t, end_kind = 'leave', "
                      "end_inferred = false WHERE member_id = $m", {"t": at(days(BASELINE, 63)[week * 7 + 3], 20), "m": leaver})
        gone.add(leaver)
    leavers = [a for a in dict.fromkeys(askers) if a not in gone][:8]
    for i, member in enumerate(leavers):
        b.con.execute("UPDATE membership_spans SET ended_at = $t, ended_earliest = $t, end_kind = 'leave', "
                      "end_inferred = false WHERE member_id = $m", {"t": at("2026-03-07", 12 + i), "m": member})
    return b


def test_telegram_without_roles_still_finds_the_admin_who_stopped_answering(tmp_path) -> None:
    b = _telegram_group(tmp_path, answering_in_target=False)
    [group] = select_groups(b.con)
    found = admins.resolve(b.con, group)
    assert found.ids == {"owner"} and found.basis == "inferred"
    assert any("天发布通知" in r.text() for r in found.admins[0].reasons)
    report = churn.explain(b.con, WEEK)
    assert report.significant
    assert [d.id for d in report.drivers][0] == "admin_unresponsive"
    assert "admin_unresponsive" not in {n.id for n in report.not_judged}
    assert report.to_dict()["admins"][0]["basis"] == "inferred"


def test_the_reasons_are_data_worded_in_either_language_and_old_sentences_are_inferred_again(tmp_path) -> None:
    b = _telegram_group(tmp_path, answering_in_target=False)
    [group] = select_groups(b.con)
    [owner] = admins.resolve(b.con, group).admins
    notices = next(r for r in owner.reasons if r.id == "notices")
    assert notices.text("zh") == f"{notices.days} 天中有 {notices.notice_days} 天发布通知、团购、接龙或促销（共 {notices.n} 条）"
    assert notices.text("en") == (f"posted notices, group buys, sign-up lists or deals on {notices.notice_days} of "
                                  f"{notices.days} days ({notices.n} in all)")
    carried = churn.explain(b.con, WEEK).to_dict()["admins"][0]["admins"][0]["reasons"]
    assert {"id": "notices", "n": notices.n, "days": notices.days, "notice_days": notices.notice_days} in carried
    assert all(admins.reason_text(r, "en") == admins.Reason(**r).text("en") for r in carried)
    b.con.execute("UPDATE admin_guesses SET reasons = ['移出过 3 名成员']")  # stored by an older version
    assert admins.resolve(b.con, group).admins[0].reasons == owner.reasons


def test_the_same_group_still_answering_is_not_called_unresponsive(tmp_path) -> None:
    b = _telegram_group(tmp_path, answering_in_target=True)
    report = churn.explain(b.con, WEEK)
    assert "admin_unresponsive" not in [d.id for d in report.drivers]


def test_a_user_correction_beats_inference_and_unknown_admins_are_not_judged(tmp_path) -> None:
    b = _telegram_group(tmp_path, answering_in_target=False)
    [group] = select_groups(b.con)
    admins.choose(b.con, group, "owner", False)
    assert not admins.resolve(b.con, group).ids
    report = churn.explain(b.con, WEEK)
    judged = {n.id: n.reason for n in report.not_judged}
    assert "管理员未知" in judged["admin_unresponsive"] and "unresolved_complaints" in judged
    assert report.significant and not report.drivers
    assert report.unexplained and "没有找到符合条件的原因" in report.finding()
    assert report.to_dict()["not_judged"] and report.segments
    admins.choose(b.con, group, "团长", True)
    assert admins.resolve(b.con, group).admins[0].source == admins.CONFIRMED


def _m(key: str, sender: str, minutes: int, text: str, admin: bool = False, reply_to: str | None = None,
       mentions: tuple[str, ...] = ()) -> Message:
    return Message(key, "g", "Asia/Shanghai", at("2026-03-02", 10) + timedelta(minutes=minutes), sender, sender, text,
                   reply_to, mentions, admin)


def test_answered_means_a_response_to_that_question() -> None:
    question = _m("q", "小王", 0, "请问发票怎么开？")
    assert responds(question, _m("a", "团长", 30, "好的", True, reply_to="q"))  # a reply/quote
    assert responds(question, _m("a", "团长", 300, "@小王 在小程序里申请", True, mentions=("小王",)))  # an @ of the asker
    assert responds(question, _m("a", "团长", 40, "发票在小程序订单里申请", True))  # the same topic soon after
    assert not responds(question, _m("a", "团长", 10, "大家中午好，记得喝水", True))  # any admin message is not an answer
    assert not responds(question, _m("a", "团长", 10, "限时秒杀！发票也能开，戳链接 https://x.cn/1", True))  # a promotion
    assert not responds(question, _m("a", "团长", 15 * 60, "发票在小程序订单里申请", True))  # too late for a topic match


def test_topics_count_answers_with_the_same_rule() -> None:
    messages = [_m("q1", "小王", 0, "请问发票怎么开？"), _m("n", "团长", 5, "今日团购：草莓上新，接龙下单", True),
                _m("q2", "小李", 60, "请问发票怎么开？"), _m("a", "团长", 70, "发票在小程序订单里申请", True)]
    [topic] = mine(messages)
    admin_messages = [m for m in messages if m.from_admin]
    times = [m.sent_at for m in admin_messages]
    agreed = sum(answer_of(a.message, admin_messages, times) is not None for a in topic.asked)
    assert topic.count == 2 and topic.answered == agreed == 2  # the notice at +5 min answers nobody; the answer at +70 answers both


def test_chatter_flood_is_overload(tmp_path) -> None:
    b = HistoryBuilder(tmp_path / "flood.duckdb")
    g = b.group("闲聊群", platform="telegram")
    people = b.members_before(g, 100)
    b.role(g, people[0], "owner")
    bulk = BulkMessages(b)
    for n, day in enumerate(days(BASELINE, 63)):
        for i in range(18):  # ~0.18 per member a day: healthy
            bulk.add(g, people[1 + (n * 18 + i) % 99], at(day, 9 + i % 12, i), CHATTER[i % len(CHATTER)])
        if day >= "2026-03-03":
            for i in range(60):  # a dozen members flood with 哈哈/+1/[表情]/666
                bulk.add(g, people[80 + i % 12], at(day, 20, i % 60), ["哈哈", "+1", "[表情]", "666"][i % 4])
    bulk.flush()
    for i in range(12):
        b.con.execute("UPDATE membership_spans SET ended_at = $t, ended_earliest = $t, end_kind = 'leave', "
                      "end_inferred = false WHERE member_id = $m", {"t": at("2026-03-05", 10 + i % 10), "m": people[20 + i]})
    for week in range(8):
        b.con.execute("UPDATE membership_spans SET ended_at = $t, ended_earliest = $t, end_kind = 'leave', "
                      "end_inferred = false WHERE member_id = $m", {"t": at(days(BASELINE, 63)[week * 7 + 2], 20), "m": people[40 + week]})
    report = churn.explain(b.con, WEEK)
    assert report.drivers and report.drivers[0].id == "message_overload"
    numbers = report.drivers[0].numbers
    assert numbers["messages_per_day"] > 2 * numbers["baseline_per_day"] and numbers["chatter_share"] > numbers["baseline_chatter_share"]


def test_snapshot_exits_are_spread_over_their_interval(tmp_path) -> None:
    b = HistoryBuilder(tmp_path / "snap.duckdb")
    g = b.group("微信群", platform="wechat")
    people = b.members_before(g, 200)
    monday_noon = at("2026-03-09", 12)  # snapshots every Monday noon: half of each interval is in each week
    for week in range(9):
        b.snapshot(g, monday_noon - timedelta(weeks=week))
    for i, member in enumerate(people[:12]):  # a wave seen only in the Monday snapshot after W10
        b.con.execute("UPDATE membership_spans SET ended_earliest = $a, ended_at = $t, end_kind = 'exit', "
                      "end_inferred = true WHERE member_id = $m",
                      {"a": monday_noon - timedelta(weeks=1), "t": monday_noon, "m": member})
    for week in range(1, 8):
        member = people[100 + week]
        b.con.execute("UPDATE membership_spans SET ended_earliest = $a, ended_at = $t, end_kind = 'exit', "
                      "end_inferred = true WHERE member_id = $m",
                      {"a": monday_noon - timedelta(weeks=week + 1), "t": monday_noon - timedelta(weeks=week), "m": member})
    b.message(g, people[150], at("2026-03-09", 13))
    report = churn.explain(b.con, WEEK)
    # 12 × (6.5 of the interval's 7 days fall in W10) + half a day of the previous interval's exit
    assert report.exits == round(12 * 6.5 / 7 + 0.5 / 7) == 11 and report.exit_types == {"inferred": 11}
    assert churn.explain(b.con, parse_week("2026-W11")).exits == round(12 * 0.5 / 7)
    assert report.significant


def test_over_dispersed_history_widens_the_expected_range() -> None:
    steady = exit_rise(9, 500, [(3, 500)] * 6)
    lumpy = exit_rise(9, 500, [(0, 500), (8, 500), (1, 500), (6, 500), (0, 500), (3, 500)])
    assert steady.significant and not lumpy.significant  # same mean of 3 a week, but lumpy weeks are normal there
    assert lumpy.dispersion > 1 and lumpy.expected_range[1] > steady.expected_range[1]
    assert "正常范围" in steady.reason


def test_cli_groups_admins_and_churn_json(tmp_path, monkeypatch) -> None:
    from assistant.cli import cli

    b = _telegram_group(tmp_path, answering_in_target=False)
    b.con.close()
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path))
    (tmp_path / "history.duckdb").write_bytes((tmp_path / "tg.duckdb").read_bytes())
    runner = CliRunner()
    listed = runner.invoke(cli, ["groups", "admins", "list"])
    assert listed.exit_code == 0 and "owner" in listed.output and "按行为推断" in listed.output
    data = json.loads(runner.invoke(cli, ["churn", "--group", "电报团购群", "--week", "2026-W10", "--json"]).output)
    assert data["significant"] and data["drivers"][0]["id"] == "admin_unresponsive" and "not_judged" in data
    unset = runner.invoke(cli, ["groups", "admins", "unset", "owner", "--group", "电报团购群"])
    assert unset.exit_code == 0 and "已标记为非管理员" in unset.output
    data = json.loads(runner.invoke(cli, ["churn", "--group", "电报团购群", "--week", "2026-W10", "--json"]).output)
    assert {n["id"] for n in data["not_judged"]} >= {"admin_unresponsive", "unresolved_complaints", "promo_fatigue"}
    assert runner.invoke(cli, ["groups", "admins", "set", "nobody", "--group", "电报团购群"]).exit_code == 1
