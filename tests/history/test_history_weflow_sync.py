"""``history sync weflow``: a running WeFlow's HTTP API (a loopback server speaking it) pulls, then pulls
only what is new; the token stays secret."""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli.history import history as history_cli
from assistant.history import History
from assistant.history.errors import InputError
from tests.support.weflow_server import OWNER, FakeWeFlow

GROUP = "20009990000@chatroom"
T0 = 1780272000  # 2026-06-01 08:00 Asia/Shanghai


@pytest.fixture
def weflow() -> Iterator[FakeWeFlow]:
    server = FakeWeFlow().start()
    server.chat(GROUP, "幸福里同步群")
    server.chat("30008880000@chatroom", "另一个群")
    server.chat("wxid_friend", "老朋友", kind="private")
    server.say(GROUP, GROUP, "幸福里同步群", T0, 80, '"张三"邀请"李四"加入了群聊')
    for n in range(7):
        server.say(GROUP, "wxid_zs", "张三", T0 + 60 * (n + 1), 0, f"第 {n + 1} 条")
    server.say(GROUP, "wxid_ls", "李四", T0 + 600, 0, "+1")
    server.say(GROUP, "wxid_ww", "王五", T0 + 600, 0, "+1")  # the same second and text as 李四
    server.say(GROUP, OWNER, "我", T0 + 700, 22, '"我" 拍了拍 "张三"')
    server.say(GROUP, "wxid_ls", "李四", T0 + 720, 20, "恭喜发财，大吉大利")
    yield server
    server.stop()


def test_first_sync_pulls_everything_then_only_what_is_new(history: History, weflow: FakeWeFlow, sql) -> None:
    [first] = history.sync_weflow(weflow.url, weflow.token, ["幸福里同步群"], page=4)
    assert (first.status, first.format, first.groups) == ("ok", "chatlab_json", ["幸福里同步群"])
    assert first.messages == first.messages_added == 9 and first.member_events == {"join": 1}
    assert first.group_events == {"pat": 1, "red_packet": 1}
    pulls = [r for r in weflow.requests if r.path == "/api/v1/messages"]
    assert [r.query["offset"] for r in pulls] == ["0", "4", "8", "12"] and "start" not in pulls[0].query
    assert all(r.query["format"] == "chatlab" and r.authorization == f"Bearer {weflow.token}" for r in pulls)

    weflow.say(GROUP, "wxid_zs", "张三", T0 + 720, 0, "同一秒又说了一句")  # in the last stored second
    weflow.say(GROUP, "wxid_zl", "赵六", T0 + 900, 0, "新消息")
    weflow.requests.clear()
    [second] = history.sync_weflow(weflow.url, weflow.token, page=4)  # the groups of the last sync
    assert second.messages_added == 2 and second.member_events_added == 0 and second.group_events_added == 0
    assert weflow.requests[-1].query["start"] == str(T0 + 599)  # a second before the last stored message (the pat and
    # the red packet after it are events, fetched again and merged away)
    assert sql("SELECT count(*), count(DISTINCT msg_key) FROM messages") == [(11, 11)]
    assert sql("SELECT count(*) FROM messages WHERE text = '+1'") == [(2,)]
    assert sql("SELECT DISTINCT is_self FROM messages WHERE sender_id = ?", OWNER) == []  # the owner only patted

    [third] = history.sync_weflow(weflow.url, weflow.token)
    assert third.status in ("ok", "duplicate") and third.messages_added == 0


def test_sync_and_a_chatlab_file_of_the_same_group_meet(history: History, weflow: FakeWeFlow, tmp_path, sql) -> None:
    history.sync_weflow(weflow.url, weflow.token, [GROUP])
    exported = tmp_path / "群聊_幸福里同步群.json"
    _status, body = weflow._messages({"talker": GROUP, "limit": "100"})
    body["messages"].reverse()  # the file export is oldest first
    exported.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    [report] = history.import_files([exported])
    assert report.ok and report.messages_added == 0 and sql("SELECT count(*) FROM groups") == [(1,)]


def test_wrong_token_unknown_group_private_chat_and_remote_host_are_refused(history: History, weflow: FakeWeFlow) -> None:
    with pytest.raises(InputError, match="拒绝了访问令牌") as refused:
        history.sync_weflow(weflow.url, "wrong-token", [GROUP])
    assert "wrong-token" not in str(refused.value)
    with pytest.raises(InputError, match="没有叫「不存在的群」的群聊.*幸福里同步群"):
        history.sync_weflow(weflow.url, weflow.token, ["不存在的群"])
    with pytest.raises(InputError, match="没有叫「老朋友」的群聊"):  # private chats are not offered
        history.sync_weflow(weflow.url, weflow.token, ["老朋友"])
    with pytest.raises(InputError, match="只在本机"):
        history.sync_weflow("http://192.168.1.20:5031", weflow.token, [GROUP])
    with pytest.raises(InputError, match="请选择要同步的群.*另一个群"):
        history.sync_weflow(weflow.url, weflow.token)
    assert [g.name for g in history.weflow_groups(weflow.url, weflow.token)] == ["幸福里同步群", "另一个群"]


def test_a_stopped_weflow_gets_a_fix_it_message(history: History, weflow: FakeWeFlow) -> None:
    url = weflow.url
    weflow.stop()
    with pytest.raises(InputError, match="连不上 WeFlow.*API 服务"):
        history.sync_weflow(url, "any-token", [GROUP])


def test_the_token_is_kept_only_when_asked_with_mode_0600(history: History, weflow: FakeWeFlow) -> None:
    folder = history.db_path.parent
    history.sync_weflow(weflow.url, weflow.token, [GROUP])
    assert not (folder / "weflow_token").exists()
    saved = json.loads((folder / "weflow.json").read_text(encoding="utf-8"))
    assert saved == {"url": weflow.url, "groups": [GROUP]} and weflow.token not in json.dumps(saved)
    history.sync_weflow(weflow.url, weflow.token, [GROUP], remember_token=True)
    assert stat.S_IMODE((folder / "weflow_token").stat().st_mode) == 0o600
    [again] = history.sync_weflow()  # URL, groups and token all remembered
    assert again.messages_added == 0
    history.forget_weflow_token()
    assert not (folder / "weflow_token").exists()


def test_cli_sync_lists_pulls_and_never_prints_the_token(weflow: FakeWeFlow, isolated_env: Path) -> None:
    runner = CliRunner()
    listed = runner.invoke(history_cli, ["sync", "weflow", "--url", weflow.url, "--token", weflow.token, "--list"])
    assert listed.exit_code == 0 and f"幸福里同步群  ({GROUP})" in listed.output
    pulled = runner.invoke(history_cli, ["sync", "weflow", "--url", weflow.url, "--token", weflow.token,
                                         "--group", "幸福里同步群", "--json", "--no-index"])  # fmt: skip
    assert pulled.exit_code == 0, pulled.output
    [report] = json.loads(pulled.output)
    assert report["messages_added"] == 9 and report["file"] == "WeFlow 同步 · 幸福里同步群"
    asked = runner.invoke(history_cli, ["sync", "weflow", "--url", weflow.url, "--no-index"], input=f"{weflow.token}\n")
    assert asked.exit_code == 0, asked.output
    for result in (listed, pulled, asked):
        assert weflow.token not in result.output
