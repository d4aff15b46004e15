"""The demo workspace, built once per run: shared by the report, page, CLI and browser tests.

Generating and importing the demo community takes seconds, so it is built once into a template
directory; each test gets a copy of the history file in its own data directory (the isolated
environment of ``tests/conftest.py``), and read-only tests share offline reports of the template.
Every test module imports it from here, so they share one cache.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from assistant import Assistant, Settings, load_settings
from assistant.history.database import release
from assistant.reports import WeeklyReport

CALM, CAMPAIGN, SPAM = "幸福里团购群（示例）", "品牌福利群（示例）", "摄影爱好者交流群（示例）"


@functools.cache
def template_settings() -> Settings:
    folder = Path(tempfile.mkdtemp(prefix="reports-demo-"))
    atexit.register(shutil.rmtree, folder, True)
    # Chinese whatever the first caller's environment: the cached template outlives that test
    settings = load_settings(env_file=None, data_dir=folder, openai_api_key=None, openai_base_url=None, language="zh")
    Assistant.from_settings(settings).history.demo()
    release(settings.history_db)  # complete on disk for the copies
    return settings


def demo_assistant(chat: object = None) -> Assistant:
    """An Assistant for the current test's settings, over a copy of the demo workspace (answered
    by ``chat`` when given, e.g. the in-process fake model)."""
    settings = load_settings()
    install_demo(settings)
    return Assistant(settings) if chat is None else Assistant(settings, chat=chat)


def install_demo(settings: Settings) -> None:
    """The demo community's history in ``settings``' data dir, as ``history.demo()`` leaves it
    (copied from the template: generating and importing it again costs seconds a test)."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    template = template_settings().history_db
    release(template)
    release(settings.history_db)  # an instance of the file being replaced would read the old one
    shutil.copyfile(template, settings.history_db)


@functools.cache
def template_assistant() -> Assistant:
    return Assistant.from_settings(template_settings())


@functools.cache
def offline_report(group: str | None = None, week: str | None = None) -> WeeklyReport:
    """A report of the shared demo workspace (read-only: do not change it in a test)."""
    return template_assistant().weekly_report(group=group, week=week)
