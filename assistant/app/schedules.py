"""Use case: schedules (daily digest, weekly report, alert checks, WeFlow sync) and their runs.

:meth:`Schedules.run_due` is the one way anything runs on time: the scheduler worker calls it
when APScheduler fires, and ``schedule run-due [--now TIME]`` calls it from cron or a test. Each due
schedule is *claimed* in the database before it runs (its ``last_due`` moves forward only if no one
else moved it), so the worker and a cron line never run the same fire time twice. Every run is
logged with its lines and status; a failing job is logged as failed and does not stop the others.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from ..briefing.outgoing import alerts_message, digest_message
from ..briefing.senders import Outgoing
from ..briefing.store import BriefingStore
from ..briefing.timetable import (ALERT_CHECK, DAILY_DIGEST, JOBS, WEEKLY_REPORT, WEFLOW_SYNC, Schedule,
                                  check_zone, parse_days, parse_times, schedule_from_row)
from ..errors import AssistantError, InputError
from ..i18n import t
from .alerts import Alerts
from .delivery import Delivery
from .digests import Digests

ALERTS_SENT = "alerts.delivered_id"
PERIODS = ("yesterday", "today")


class WeeklyReporter(Protocol):
    def __call__(self, group: str | None) -> Outgoing: ...


class Syncer(Protocol):
    def __call__(self) -> str | None: ...  # a log line, or None when there is nothing connected to pull


@dataclass
class Run:
    run_id: int
    schedule_id: int | None
    job: str
    due_at: str | None
    started_at: str
    finished_at: str | None
    status: str  # running | ok | failed | skipped
    log: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


class Schedules:
    def __init__(self, store: BriefingStore, digests: Digests, alerts: Alerts, delivery: Delivery,
                 weekly: WeeklyReporter | None = None, sync: Syncer | None = None, language: str = "zh",
                 now: Callable[[], datetime] = lambda: datetime.now(ZoneInfo("Asia/Shanghai"))) -> None:
        self.store, self.digests, self.alerts, self.delivery = store, digests, alerts, delivery
        self.weekly, self.sync, self.language, self.now = weekly, sync, language, now

    # the timetable ---------------------------------------------------------------------------
    def list(self) -> list[Schedule]:
        with self.store.connect() as con:
            return [schedule_from_row(r) for r in con.execute("SELECT * FROM schedules ORDER BY schedule_id")]

    def get(self, schedule_id: int) -> Schedule:
        found = next((s for s in self.list() if s.schedule_id == schedule_id), None)
        if found is None:
            raise InputError(t("schedule.error.none", self.language, id=schedule_id))
        return found

    def add(self, job: str, at: str, days: str | None = None, tz: str = "Asia/Shanghai", name: str = "",
            options: dict | None = None) -> Schedule:
        """A new schedule; it first fires at the next of its times after now."""
        values = self._checked(job, at, days, tz, options or {})
        created = self.now().isoformat()
        with self.store.connect() as con:
            cursor = con.execute(
                "INSERT INTO schedules (name, job, times, days, tz, options, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [name.strip() or JOBS[job][self.language], job, *values, created],
            )
        return self.get(cursor.lastrowid)

    def update(self, schedule_id: int, at: str | None = None, days: str | None = None, name: str | None = None,
               options: dict | None = None) -> Schedule:
        current = self.get(schedule_id)
        values = self._checked(current.job, at or ",".join(current.times),
                               days if days is not None else ",".join(str(d + 1) for d in current.days),
                               current.tz, options if options is not None else current.options)
        with self.store.connect() as con:
            con.execute("UPDATE schedules SET name = ?, times = ?, days = ?, tz = ?, options = ? WHERE schedule_id = ?",
                        [name if name else current.name, *values, schedule_id])
        return self.get(schedule_id)

    def pause(self, schedule_id: int, paused: bool = True) -> Schedule:
        self.get(schedule_id)
        with self.store.connect() as con:
            # resuming does not replay what was due while paused
            con.execute("UPDATE schedules SET paused = ?, last_due = CASE WHEN ? THEN last_due ELSE ? END "
                        "WHERE schedule_id = ?", [int(paused), int(paused), self.now().isoformat(), schedule_id])
        return self.get(schedule_id)

    def remove(self, schedule_id: int) -> None:
        self.get(schedule_id)
        with self.store.connect() as con:
            con.execute("DELETE FROM schedules WHERE schedule_id = ?", [schedule_id])

    def _checked(self, job: str, at: str, days: str | None, tz: str, options: dict) -> list:
        if job not in JOBS:
            names = t("tool.names", self.language).join(t("schedule.error.job_name", self.language, name=k, label=v[self.language])
                                                        for k, v in JOBS.items())
            raise InputError(t("schedule.error.job", self.language, names=names))
        if options.get("period", "yesterday") not in PERIODS:
            raise InputError(t("schedule.error.period", self.language))
        channels = options.setdefault("channels", ["inbox"])
        for channel in channels:
            found = self.delivery.channel(channel)
            if found.audience == "group" and not options.get("group"):
                raise InputError(t("schedule.error.group_channel", self.language, channel=channel))
        return [json.dumps(parse_times(at, self.language)), json.dumps(parse_days(days, self.language)),
                check_zone(tz, self.language),
                json.dumps(options, ensure_ascii=False)]

    # running ---------------------------------------------------------------------------------
    def run_due(self, now: datetime | None = None, only: int | None = None) -> list[Run]:
        """Run every schedule due at ``now`` (default: the clock) exactly once."""
        now = now or self.now()
        runs = []
        for schedule in self.list():
            if schedule.paused or (only is not None and schedule.schedule_id != only):
                continue
            due = schedule.due(now)
            if due is not None and self._claim(schedule, due):
                runs.append(self._run(schedule, due))
        return runs

    def run_now(self, schedule_id: int) -> Run:
        """Run a schedule at once ("立即运行"), without moving its timetable."""
        return self._run(self.get(schedule_id), self.now())

    def _claim(self, schedule: Schedule, due: datetime) -> bool:
        with self.store.connect() as con:
            return bool(con.execute(
                "UPDATE schedules SET last_due = ? WHERE schedule_id = ? AND coalesce(last_due, '') = ?",
                [due.isoformat(), schedule.schedule_id, schedule.last_due or ""]).rowcount)

    def _run(self, schedule: Schedule, due: datetime) -> Run:
        started = self.now()
        with self.store.connect() as con:
            run_id = con.execute("INSERT INTO runs (schedule_id, job, due_at, started_at, status) VALUES (?, ?, ?, ?, ?)",
                                 [schedule.schedule_id, schedule.job, due.isoformat(), _stamp(started), "running"]).lastrowid
        log: list[str] = []
        try:
            status = self._job(schedule, due, log)
        except AssistantError as exc:
            log.append(t("run.failed", self.language, error=exc))
            status = "failed"
        finished = _stamp(self.now())
        with self.store.connect() as con:
            con.execute("UPDATE runs SET finished_at = ?, status = ?, log = ? WHERE run_id = ?",
                        [finished, status, "\n".join(log), run_id])
        return Run(run_id, schedule.schedule_id, schedule.job, due.isoformat(), _stamp(started), finished, status, log)

    def _job(self, schedule: Schedule, due: datetime, log: list[str]) -> str:
        options = schedule.options
        channels = options.get("channels") or ["inbox"]
        if schedule.job == DAILY_DIGEST:
            local = due.astimezone(ZoneInfo(schedule.tz)).date()
            day = local if options.get("period") == "today" else local - timedelta(days=1)
            digest = self.digests.digest(options.get("group"), on=day, member=options.get("member"))
            log.append(t("run.digest", self.language, scope=digest.scope, period=digest.period, n=len(digest.groups)))
            return self._send(digest_message(digest), channels, [g.group for g in digest.groups], log)
        if schedule.job == WEEKLY_REPORT:
            if self.weekly is None:
                log.append(t("run.no_weekly", self.language))
                return "skipped"
            message = self.weekly(options.get("group"))
            log.append(t("run.weekly", self.language, subject=message.subject))
            return self._send(message, channels, [options["group"]] if options.get("group") else [], log)
        if schedule.job == ALERT_CHECK:
            report = self.alerts.check()
            log.append(t("run.checked", self.language, checked=report.checked, filed=report.filed))
            return self._send_alerts(channels, log)
        if schedule.job == WEFLOW_SYNC:
            done = self.sync() if self.sync is not None else None
            log.append(done or t("run.no_sync", self.language))
            return "ok" if done else "skipped"
        raise InputError(t("schedule.error.unknown_job", self.language, job=schedule.job))

    def _send(self, message: Outgoing, channels: list[str], groups: list[str], log: list[str]) -> str:
        results = self.delivery.deliver(message, channels, groups)
        for r in results:
            log.append(t("run.sent", self.language, channel=r.channel, attempts=r.attempts, parts=r.parts,
                         status=t("run.ok" if r.status == "ok" else "run.not_sent", self.language),
                         masked=t("delivery.cli.masked", self.language) if r.masked else "",
                         detail=t("delivery.cli.detail", self.language, detail=r.detail) if r.detail else ""))
        return "ok" if all(r.status == "ok" for r in results) else "failed"

    def _send_alerts(self, channels: list[str], log: list[str]) -> str:
        with self.store.connect() as con:
            row = con.execute("SELECT value FROM state WHERE key = ?", [ALERTS_SENT]).fetchone()
        after = int(row[0]) if row else 0
        fresh = [a for a in self.alerts.list(status="new", limit=500) if a.alert_id > after]
        if not fresh:
            return "ok"
        rows = [(f"［{a.rule}］{a.group} {a.ts} {a.sender}", a.text) for a in sorted(fresh, key=lambda a: a.alert_id)]
        subject = f"新提醒 {len(fresh)} 条" if self.language == "zh" else f"{len(fresh)} new alerts"
        status = self._send(alerts_message(subject, rows), channels, sorted({a.group for a in fresh}), log)
        with self.store.connect() as con:
            con.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", [ALERTS_SENT, str(max(a.alert_id for a in fresh))])
        return status

    def runs(self, schedule_id: int | None = None, limit: int = 50) -> list[Run]:
        sql, params = "SELECT * FROM runs", []
        if schedule_id is not None:
            sql, params = sql + " WHERE schedule_id = ?", [schedule_id]
        with self.store.connect() as con:
            rows = con.execute(sql + " ORDER BY run_id DESC LIMIT ?", [*params, limit]).fetchall()
        return [Run(r["run_id"], r["schedule_id"], r["job"], r["due_at"], r["started_at"], r["finished_at"], r["status"],
                    [line for line in r["log"].splitlines() if line]) for r in rows]


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def parse_now(text: str, tz: str = "Asia/Shanghai", language: str = "zh") -> datetime:
    """``2026-12-01 08:00`` (local to ``tz``) or an ISO instant → an aware datetime."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("T", " "))
    except ValueError:
        raise InputError(t("schedule.error.now", language, value=text)) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(tz))


__all__ = ["Run", "Schedules", "parse_now"]
