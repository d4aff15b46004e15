"""Schedules: run-due runs exactly what is due, once; missed runs collapse into one; pausing,
editing and run-now; a scheduled digest reaches the WeCom loopback robot and the SMTP server; the
CLI for cron users; and the worker's APScheduler jobs."""

from __future__ import annotations

import json
import socket
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner

from assistant.app import parse_now
from assistant.briefing.channel import Channel
from assistant.briefing.rules import RuleDraft
from assistant.briefing.timetable import parse_days, parse_times
from assistant.cli import cli
from assistant.errors import InputError
from tests.briefing.support import DAY, PASTED, Hook
from tests.support.demo_workspace import CALM, demo_assistant

TZ = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    return parse_now(text)


@pytest.fixture
def demo():
    assistant = demo_assistant()
    assistant.history.import_text(PASTED, group=CALM)
    briefing = assistant.briefing
    briefing.now = lambda: at("2026-12-02 12:00")
    briefing.delivery.sleep = lambda seconds: None
    return assistant


def _schedules(demo, now: str = "2026-12-02 12:00"):  # noqa: ANN001, ANN202
    schedules = demo.briefing.schedules
    schedules.now = lambda: at(now)
    return schedules


def test_run_due_runs_exactly_the_due_jobs_once(demo) -> None:
    schedules = _schedules(demo)
    digest = schedules.add("daily_digest", "08:00", options={"group": CALM})
    evening = schedules.add("alert_check", "20:30")
    weekdays = schedules.add("daily_digest", "08:00", days="mon-fri", options={"group": CALM})  # 12-05 is a Saturday
    assert schedules.run_due(at("2026-12-02 20:29")) == []
    assert [r.schedule_id for r in schedules.run_due(at("2026-12-02 20:30"))] == [evening.schedule_id]
    assert schedules.run_due(at("2026-12-03 07:59")) == []
    runs = schedules.run_due(at("2026-12-03 08:00"))  # a Thursday
    assert sorted(r.schedule_id for r in runs) == [digest.schedule_id, weekdays.schedule_id]
    assert all(r.status == "ok" and r.due_at.startswith("2026-12-03T08:00") for r in runs)
    assert schedules.run_due(at("2026-12-03 08:00")) == []  # the same time again: nothing
    friday = {r.schedule_id for r in schedules.run_due(at("2026-12-04 08:00"))}
    assert friday == {digest.schedule_id, evening.schedule_id, weekdays.schedule_id}
    saturday = {r.schedule_id for r in schedules.run_due(at("2026-12-05 08:00"))}
    assert saturday == {digest.schedule_id, evening.schedule_id}  # not the weekdays-only one
    [log] = schedules.runs(digest.schedule_id, limit=1)
    assert "日报" in log.log[0] and log.log[1].startswith("→ inbox：成功")
    assert demo.briefing.delivery.inbox()[0].subject.startswith("群日报")


def test_missed_runs_while_asleep_run_once_at_the_next_start(demo) -> None:
    schedules = _schedules(demo)
    daily = schedules.add("daily_digest", "08:00,20:00", options={"group": CALM})
    [run] = schedules.run_due(at("2026-12-06 09:00"))  # four days asleep: seven fire times missed
    assert run.schedule_id == daily.schedule_id and run.due_at.startswith("2026-12-06T08:00")
    assert schedules.run_due(at("2026-12-06 09:00")) == []
    assert len(schedules.runs(daily.schedule_id)) == 1


def test_pause_edit_and_run_now(demo) -> None:
    schedules = _schedules(demo)
    s = schedules.add("daily_digest", "08:00", options={"group": CALM})
    schedules.pause(s.schedule_id)
    assert schedules.run_due(at("2026-12-03 08:00")) == []
    schedules.now = lambda: at("2026-12-03 09:00")
    schedules.pause(s.schedule_id, False)  # resuming does not replay what was due while paused
    assert schedules.run_due(at("2026-12-03 09:00")) == []
    changed = schedules.update(s.schedule_id, at="9:30, 21:00", days="1-5")
    assert changed.times == ("09:30", "21:00") and changed.days == (0, 1, 2, 3, 4)
    assert schedules.run_now(s.schedule_id).status == "ok"
    assert schedules.run_due(at("2026-12-03 09:30"))[0].schedule_id == s.schedule_id


def test_a_scheduled_digest_reaches_the_wecom_robot_and_mail(demo) -> None:
    hook = Hook("wecom").start()
    mailbox: list[bytes] = []

    class Box:
        async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, ANN201, N802
            mailbox.append(envelope.content)
            return "250 OK"

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    controller = Controller(Box(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        delivery = demo.briefing.delivery
        delivery.add_channel(Channel("团长企微", "wecom", "admin", {"url": hook.url}))
        delivery.add_channel(Channel("老板邮箱", "email", "admin", {"host": "127.0.0.1", "port": port, "tls": "none",
                                                                    "sender": "bot@example.com", "to": ["boss@example.com"]}))
        schedules = _schedules(demo)
        schedules.add("daily_digest", "08:00", options={"channels": ["团长企微", "老板邮箱"]})  # all groups, privately
        [run] = schedules.run_due(at("2026-12-03 08:00"))
    finally:
        controller.stop()
        hook.stop()
    assert run.status == "ok", run.log
    texts = [m["markdown"]["content"] for m in hook.received if m["msgtype"] == "markdown"]
    assert texts and f"全部群 · {DAY}" in texts[0]
    assert all(len(t.encode()) <= 4096 for t in texts)
    assert mailbox and b"boss@example.com" in mailbox[0]


def test_alert_check_job_delivers_new_alerts_once(demo) -> None:
    demo.briefing.alerts.add_rule(RuleDraft("", "intent", "refund"))
    schedules = _schedules(demo)
    schedules.add("alert_check", "09:00")
    demo.history.import_text("王九 2026/12/2 11:00\n我要退款\n", group=CALM)
    [run] = schedules.run_due(at("2026-12-03 09:00"))  # the import itself filed the alert already
    assert run.log[0].startswith("检查了") and run.log[1].startswith("→ inbox：成功")
    assert demo.briefing.delivery.inbox()[0].subject == "新提醒 1 条"
    schedules.run_now(1)
    assert len(demo.briefing.delivery.inbox()) == 1  # already delivered alerts are not sent again


def test_jobs_that_cannot_run_say_so(demo) -> None:
    schedules = _schedules(demo)
    sync = schedules.add("weflow_sync", "08:00")
    assert schedules.run_now(sync.schedule_id).status == "skipped"
    demo.briefing.delivery.add_channel(Channel("群里", "wecom", "group", {"url": "http://127.0.0.1:9/x?key=abcd"}))
    with pytest.raises(InputError, match="--group"):
        schedules.add("daily_digest", "08:00", options={"channels": ["群里"]})
    with pytest.raises(InputError, match="HH:MM"):
        parse_times("8点")
    with pytest.raises(InputError, match="星期"):
        parse_days("someday")
    assert parse_days("mon,wed-fri") == (0, 2, 3, 4) and parse_times("20:30, 8:00") == ("08:00", "20:30")


def test_weekly_report_job(demo) -> None:
    schedules = _schedules(demo)
    s = schedules.add("weekly_report", "09:00", days="mon")
    run = schedules.run_now(s.schedule_id)
    assert run.status == "ok" and "周报" in run.log[0]


def test_cli_schedule(demo) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["schedule", "add", "--job", "daily_digest", "--at", "08:00", "--group", CALM])
    assert result.exit_code == 0 and "已添加定时任务 1" in result.output, result.output
    assert "下次" in runner.invoke(cli, ["schedule", "list"]).output
    result = runner.invoke(cli, ["schedule", "run-due", "--now", "2099-01-01 08:00", "--json"])
    [run] = json.loads(result.output)
    assert run["status"] == "ok" and run["due_at"].startswith("2099-01-01T08:00")
    assert "没有到期的任务" in runner.invoke(cli, ["schedule", "run-due", "--now", "2099-01-01 08:00"]).output
    assert "[ok]" in runner.invoke(cli, ["schedule", "runs"]).output
    assert runner.invoke(cli, ["schedule", "pause", "1"]).exit_code == 0
    assert runner.invoke(cli, ["schedule", "remove", "1"]).exit_code == 0
    assert runner.invoke(cli, ["schedule", "run-due", "--now", "明天"]).exit_code == 1
    assert "群日报" in runner.invoke(cli, ["inbox"]).output


def test_the_worker_keeps_one_apscheduler_job_per_schedule(demo, monkeypatch: pytest.MonkeyPatch) -> None:
    from apscheduler.schedulers.blocking import BlockingScheduler

    from assistant.cli import worker

    seen: dict = {}

    def fake_start(self) -> None:  # noqa: ANN001
        seen["jobs"] = {job.id: job for job in self.get_jobs()}
        seen["defaults"] = self._job_defaults

    monkeypatch.setattr(BlockingScheduler, "start", fake_start)
    monkeypatch.setattr(worker.signal, "signal", lambda *args: None)
    schedules = _schedules(demo)
    schedules.add("daily_digest", "08:00", options={"group": CALM})
    paused = schedules.add("alert_check", "09:00")
    schedules.pause(paused.schedule_id)
    worker.run_worker(demo)
    assert set(seen["jobs"]) == {"schedule-1", "reload"}
    assert seen["defaults"]["misfire_grace_time"] is None and seen["defaults"]["coalesce"]
