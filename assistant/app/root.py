"""The composition root of the briefing use cases: real parts built once from the settings.

Front ends get a :class:`Briefing` (through ``Assistant.briefing``) and call its use cases; tests
build the use cases themselves with fakes. Nothing is opened until a use case is first asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import cached_property
from zoneinfo import ZoneInfo

from ..analytics.daylog import DayLogs
from ..briefing.narrate import Narrator
from ..briefing.store import BriefingStore
from ..config import Settings
from ..llm import ChatClient, TokenCounter, context_window_for
from ..prompts import load_prompt
from .alerts import Alerts
from .delivery import Delivery
from .digests import Digests
from .schedules import Schedules, Syncer, WeeklyReporter


class Briefing:
    """Digests, alerts, schedules and delivery for one workspace."""

    def __init__(self, settings: Settings, chat: ChatClient | None, weekly: WeeklyReporter | None = None,
                 sync: Syncer | None = None, now: Callable[[], datetime] | None = None) -> None:
        self.settings = settings
        self.chat = chat
        self.weekly = weekly
        self.sync = sync
        self.now = now or (lambda: datetime.now(ZoneInfo("Asia/Shanghai")))

    @cached_property
    def store(self) -> BriefingStore:
        return BriefingStore(self.settings.data_dir)

    @cached_property
    def reader(self) -> DayLogs:
        return DayLogs(self.settings.history_db)

    @cached_property
    def narrator(self) -> Narrator:
        s = self.settings
        return Narrator(load_prompt(s.prompts_dir, "digest"), load_prompt(s.prompts_dir, "digest_map"), self.chat,
                        TokenCounter.for_model(s.chat_model), s.context_window or context_window_for(s.chat_model),
                        s.max_output_tokens)

    @cached_property
    def digests(self) -> Digests:
        return Digests(self.reader, self.narrator, self.settings.language, self.now)

    @cached_property
    def alerts(self) -> Alerts:
        return Alerts(self.store, self.reader, self.now)

    @cached_property
    def delivery(self) -> Delivery:
        return Delivery(self.store, self.settings.pii_masking, now=self.now)

    @cached_property
    def schedules(self) -> Schedules:
        return Schedules(self.store, self.digests, self.alerts, self.delivery, self.weekly, self.sync,
                         self.settings.language, self.now)
