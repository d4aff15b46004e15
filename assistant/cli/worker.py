"""The scheduler worker: APScheduler runs the schedules on time in a process beside the app.

At start it runs what was missed while nothing was running (once per schedule, however many fire
times were missed), then keeps one APScheduler job per schedule, with the schedule's own cron
triggers. Each job calls ``Schedules.run_due`` for its schedule, which claims the fire time in the
database first, so a cron ``run-due`` line next to the worker never doubles a run. Schedules edited
on the 定时任务 page or with ``schedule add`` are picked up within :data:`RELOAD_SECONDS`.
``coalesce`` and an unlimited misfire grace time make a run missed while the machine slept (the
process alive but suspended) happen once on wake-up.
"""

from __future__ import annotations

import logging
import signal

import click
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger

from ..errors import AssistantError
from .. import Assistant
from ..i18n import t

RELOAD_SECONDS = 30
log = logging.getLogger("assistant.worker")


def run_worker(assistant: Assistant) -> None:
    schedules = assistant.briefing.schedules
    words = assistant.settings.language
    scheduler = BlockingScheduler(job_defaults={"coalesce": True, "misfire_grace_time": None, "max_instances": 1},
                                  timezone="Asia/Shanghai")
    _report(schedules.run_due())  # missed while the worker was not running
    state: dict[int, tuple] = {}

    def reload() -> None:
        try:
            current = {s.schedule_id: s for s in schedules.list()}
        except AssistantError as exc:
            click.echo(t("worker.cli.reload_failed", words, error=exc), err=True)
            return
        for schedule_id in set(state) - set(current):
            scheduler.remove_job(f"schedule-{schedule_id}")
            del state[schedule_id]
        for schedule_id, s in current.items():
            key = (s.times, s.days, s.tz, s.paused)
            if state.get(schedule_id) == key:
                continue
            job_id = f"schedule-{schedule_id}"
            if scheduler.get_job(job_id):
                scheduler.remove_job(job_id)
            if not s.paused:
                scheduler.add_job(_run, s.trigger(), args=[schedules, schedule_id, words], id=job_id, name=s.name)
            state[schedule_id] = key

    reload()
    scheduler.add_job(reload, IntervalTrigger(seconds=RELOAD_SECONDS), id="reload")
    signal.signal(signal.SIGTERM, lambda *_: scheduler.shutdown(wait=False))
    click.echo(t("worker.cli.started", words, n=len(state)), err=True)
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        pass


def _run(schedules, schedule_id: int, words: str = "zh") -> None:  # noqa: ANN001 - a Schedules
    try:
        _report(schedules.run_due(only=schedule_id))
    except AssistantError as exc:
        click.echo(t("worker.cli.failed", words, id=schedule_id, error=exc), err=True)


def _report(runs: list) -> None:  # noqa: ANN001
    for r in runs:
        click.echo(f"[{r.status}] {r.job} due {r.due_at}: " + " | ".join(r.log), err=True)
