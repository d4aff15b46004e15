"""Delivery against real loopback servers: WeCom, Feishu and DingTalk robots (their JSON, size
limits, signatures, WeCom's file upload), retries with backoff, platform errors, an SMTP server
(aiosmtpd on 127.0.0.1), folders, the inbox, masking, and secrets that are never shown."""

from __future__ import annotations

import base64
import email
import hashlib
import hmac
import socket
import stat
from email import policy
from pathlib import Path
from urllib.parse import unquote_plus

import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner

from assistant.briefing.channel import Channel, inert, public_url, split
from assistant.briefing.outgoing import digest_message
from assistant.briefing.senders import Outgoing
from assistant.cli import cli
from assistant.errors import InputError
from tests.briefing.support import DAY, PASTED, Hook
from tests.support.demo_workspace import CALM, demo_assistant

LONG = "\n".join(f"- 第 {n} 行：草莓到了，明天几点到货？请大家按时到自提点取货。" for n in range(400))


@pytest.fixture
def demo():
    assistant = demo_assistant()
    assistant.history.import_text(PASTED, group=CALM)
    assistant.briefing.delivery.sleep = lambda seconds: None
    return assistant


@pytest.fixture
def hooks():
    started = {p: Hook(p).start() for p in ("wecom", "feishu", "dingtalk")}
    yield started
    for hook in started.values():
        hook.stop()


def _message(markdown: str = LONG) -> Outgoing:
    return Outgoing("群日报", markdown, "<p>日报</p>", markdown, ("digest.html", b"<p>digest</p>", "text/html"))


def test_wecom_robot_gets_the_digest_split_within_4096_bytes_and_the_file(demo, hooks) -> None:
    delivery = demo.briefing.delivery
    delivery.add_channel(Channel("团长企微", "wecom", "admin", {"url": hooks["wecom"].url}))
    digest = demo.briefing.digests.digest(on=DAY)
    [result] = delivery.deliver(digest_message(digest), ["团长企微"], [g.group for g in digest.groups])
    assert result.status == "ok"
    texts = [m["markdown"]["content"] for m in hooks["wecom"].received if m["msgtype"] == "markdown"]
    assert texts and all(len(t.encode()) <= 4096 for t in texts)
    assert "群日报" in texts[0] and "幸福里团购群" in "".join(texts)
    assert "](http" not in "".join(texts) and "<script>" not in "".join(texts)  # hostile text is inert
    assert hooks["wecom"].received[-1] == {"msgtype": "file", "file": {"media_id": "MEDIA1"}}
    assert b"<!DOCTYPE html>" in hooks["wecom"].uploads[0]
    [long] = delivery.deliver(_message(), ["团长企微"], [CALM])
    assert long.parts > 3 and long.status == "ok"


def test_feishu_and_dingtalk_sign_when_a_secret_is_set(demo, hooks) -> None:
    delivery = demo.briefing.delivery
    delivery.add_channel(Channel("飞书", "feishu", "admin", {"url": hooks["feishu"].url, "secret": "fs-secret"}))
    delivery.add_channel(Channel("钉钉", "dingtalk", "admin", {"url": hooks["dingtalk"].url, "secret": "SECdt"}))
    results = delivery.deliver(_message(), ["飞书", "钉钉"], [CALM])
    assert [r.status for r in results] == ["ok", "ok"]
    card = hooks["feishu"].received[0]
    key = f"{card['timestamp']}\n".encode() + b"fs-secret"
    assert card["sign"] == base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()
    assert card["msg_type"] == "interactive" and card["card"]["elements"][0]["tag"] == "markdown"
    query = hooks["dingtalk"].query(0)
    expected = hmac.new(b"SECdt", f"{query['timestamp']}\nSECdt".encode(), hashlib.sha256).digest()
    assert base64.b64decode(unquote_plus(query["sign"]) if "%" in query["sign"] else query["sign"]) == expected
    sent = [m["markdown"]["text"] for m in hooks["dingtalk"].received]
    assert len(sent) == results[1].parts > 1 and all(len(t.encode()) <= 4000 for t in sent)
    assert sent[0].startswith("(1/")


def test_transient_failures_are_retried_with_backoff_and_others_are_not(demo, hooks) -> None:
    delivery = demo.briefing.delivery
    waits: list[float] = []
    delivery.sleep = waits.append
    hooks["wecom"].replies += [(500, {}), (200, {"errcode": 45009, "errmsg": "api freq out of limit"})]
    delivery.add_channel(Channel("企微", "wecom", "admin", {"url": hooks["wecom"].url, "attach": False}))
    [ok] = delivery.deliver(_message("短消息"), ["企微"], [CALM])
    assert ok.status == "ok" and ok.attempts == 3 and waits == [1.0, 2.0]
    hooks["wecom"].replies += [(200, {"errcode": 93000, "errmsg": "invalid webhook url"})]
    [failed] = delivery.deliver(_message("短消息"), ["企微"], [CALM])
    assert failed.status == "failed" and "93000" in failed.detail and "SECRETKEY" not in failed.detail
    log = delivery.log()
    assert [row["status"] for row in log[:2]] == ["failed", "ok"]


def test_an_unreachable_robot_fails_after_its_retries(demo) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again: nothing listens there
    delivery = demo.briefing.delivery
    delivery.add_channel(Channel("坏地址", "wecom", "admin", {"url": f"http://127.0.0.1:{port}/send?key=abcdefgh"}))
    [failed] = delivery.deliver(_message("x"), ["坏地址"], [CALM])
    assert failed.status == "failed" and "3 次" in failed.detail and "abcdefgh" not in failed.detail


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Mailbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, ANN201, N802
        self.messages.append((envelope.rcpt_tos, envelope.content))
        return "250 OK"


def test_email_reaches_a_local_smtp_server_masked(demo) -> None:
    mailbox = _Mailbox()
    port = _free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        delivery = demo.briefing.delivery
        delivery.add_channel(Channel("邮件", "email", "admin", {"host": "127.0.0.1", "port": port, "tls": "none",
                                                                "sender": "bot@example.com", "to": ["boss@example.com"]}))
        digest = demo.briefing.digests.digest(CALM, on=DAY)
        [result] = delivery.deliver(digest_message(digest), ["邮件"], [CALM])
    finally:
        controller.stop()
    assert result.status == "ok" and result.masked
    [(to, raw)] = mailbox.messages
    mail = email.message_from_bytes(raw, policy=policy.default)
    assert to == ["boss@example.com"] and "群日报" in mail["Subject"]
    body = mail.get_body(("plain",)).get_content()
    assert "张三" in body and "13812345678" not in body and "[手机号" in body
    assert any(part.get_filename() for part in mail.iter_attachments())


def test_starttls_against_a_server_without_it_says_what_to_change(demo) -> None:
    mailbox = _Mailbox()
    port = _free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        delivery = demo.briefing.delivery
        delivery.add_channel(Channel("邮件", "email", "admin", {"host": "127.0.0.1", "port": port, "tls": "starttls",
                                                                "sender": "a@example.com", "to": ["b@example.com"]}))
        [result] = delivery.deliver(_message("x"), ["邮件"], [CALM])
    finally:
        controller.stop()
    assert result.status == "failed" and "STARTTLS" in result.detail and not mailbox.messages


def test_folder_inbox_and_group_audience(demo, tmp_path: Path, hooks) -> None:
    delivery = demo.briefing.delivery
    delivery.add_channel(Channel("存档", "folder", "admin", {"path": str(tmp_path / "out")}))
    delivery.add_channel(Channel("群里", "wecom", "group", {"url": hooks["wecom"].url, "attach": False}))
    digest = demo.briefing.digests.digest(on=DAY)
    groups = [g.group for g in digest.groups]
    results = delivery.deliver(digest_message(digest), ["存档", "inbox"], groups)
    assert [r.status for r in results] == ["ok", "ok"]
    assert len(list((tmp_path / "out").glob("*.html"))) == 1 and delivery.inbox()[0].subject.startswith("群日报")
    with pytest.raises(InputError, match="只能发一个群"):
        delivery.deliver(digest_message(digest), ["群里"], groups)
    one = demo.briefing.digests.digest(CALM, on=DAY)
    [r] = delivery.deliver(digest_message(one), ["群里"], [CALM])
    assert r.masked and "13812345678" not in str(hooks["wecom"].received)  # to a group: always masked


def test_secrets_are_stored_private_and_never_printed(demo, hooks) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["schedule", "channel", "add", "--name", "钉钉", "--kind", "dingtalk", "--audience",
                                 "admin", "--url", hooks["dingtalk"].url, "--secret", "SECverysecret"])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(cli, ["schedule", "channel", "list"]).output + \
        runner.invoke(cli, ["schedule", "channel", "list", "--json"]).output
    assert "SECverysecret" not in listed and "SECRETTOKEN9012" not in listed and "…9012" in listed
    db = demo.settings.data_dir / "briefing.db"
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert runner.invoke(cli, ["schedule", "channel", "test", "钉钉"]).exit_code == 0
    assert runner.invoke(cli, ["schedule", "channel", "add", "--name", "x", "--kind", "wecom"]).exit_code == 2
    result = runner.invoke(cli, ["schedule", "channel", "add", "--name", "x", "--kind", "wecom", "--audience", "admin"])
    assert result.exit_code == 1 and "url" in result.output


def test_split_inert_and_public_url() -> None:
    parts = split("一" * 5000, 4096)
    assert all(len(p.encode()) <= 4096 for p in parts) and "".join(parts) == "一" * 5000
    assert inert("[点我](http://a.example) <@all> @张三") == "［点我］（http：//a．example） ＜＠all＞ ＠张三"
    assert public_url("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx") == \
        "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…7xxx"


def test_a_folder_channel_writes_only_inside_the_allowed_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant import load_settings
    from assistant.app.delivery import Delivery
    from assistant.briefing.store import BriefingStore

    settings = load_settings()
    assert settings.folder_roots == [tmp_path]  # the test's directory (conftest); a user's default is below
    delivery = Delivery(BriefingStore(tmp_path / "briefing.db"), folder_roots=settings.folder_roots)
    for path, reason in ((tmp_path.parent / "elsewhere", "ASSISTANT_PUSH_FOLDER_ROOTS"), ("/etc/cron.d", "ASSISTANT_PUSH_FOLDER_ROOTS"),
                         (tmp_path / ".ssh", "隐藏文件夹"), (tmp_path / "ok" / ".." / ".config" / "x", "隐藏文件夹"),
                         (tmp_path / "ok" / ".." / ".." / "up", "ASSISTANT_PUSH_FOLDER_ROOTS")):
        with pytest.raises(InputError, match=reason):
            delivery.add_channel(Channel("存档", "folder", "admin", {"path": str(path)}))
    outbox = tmp_path / "outbox"
    delivery.add_channel(Channel("存档", "folder", "admin", {"path": str(outbox)}))
    [ok] = delivery.deliver(_message("x"), ["存档"], [CALM])
    assert ok.status == "ok" and len(list(outbox.glob("*.md"))) == 1
    # Swapped for a link to somewhere else after it was added: refused when sending, nothing written there.
    elsewhere = tmp_path.parent / f"{tmp_path.name}-elsewhere"
    elsewhere.mkdir()
    for file in outbox.iterdir():
        file.unlink()
    outbox.rmdir()
    outbox.symlink_to(elsewhere, target_is_directory=True)
    [refused] = delivery.deliver(_message("x"), ["存档"], [CALM])
    assert refused.status == "failed" and "ASSISTANT_PUSH_FOLDER_ROOTS" in refused.detail and not list(elsewhere.iterdir())
    monkeypatch.delenv("ASSISTANT_PUSH_FOLDER_ROOTS")
    assert load_settings().folder_roots == [Path.home(), settings.data_dir]  # a synced folder under home, say
