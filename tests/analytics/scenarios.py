"""Generated communities with one planted cause of churn each (or none), for the explainer tests.

Every scenario shares eight calm weeks (W02–W09 of 2026): 300 members, about 45 messages a day,
an admin who greets every morning and answers questions within 20 minutes, a product post every
other day, three invited joins and two to four voluntary exits a week. Week W10 carries the plant.
"""

from __future__ import annotations

import random
from datetime import timedelta

from tests.analytics.builder import BulkMessages, HistoryBuilder, at, days

GROUP = "测试社群"
CALM_START = "2026-01-05"  # Monday of W02
TARGET_START = "2026-03-02"  # Monday of W10
WEEKLY_EXITS = [3, 2, 4, 3, 2, 3, 4, 2]
CHATTER = ["早上好", "今天的橙子很甜", "收到", "谢谢团长", "已经收到货啦", "明天见", "这个好吃", "哈哈是的"]


class Community:
    def __init__(self, path, seed: int = 7) -> None:  # noqa: ANN001
        self.rng = random.Random(seed)
        self.b = HistoryBuilder(path)
        self.g = self.b.group(GROUP)
        self.members = self.b.members_before(self.g, 300)
        self.admin = "admin"
        self.b.span(self.g, self.admin, None, "snapshot")
        self.b.role(self.g, self.admin, "admin")
        self.b.con.execute("INSERT INTO member_names VALUES (?, ?, '小美', 'display', NULL, NULL)", [self.g, self.admin])
        self.messages = BulkMessages(self.b)
        self.gone: set[str] = set()
        self._calm_weeks()

    @property
    def con(self):  # noqa: ANN201
        self.messages.flush()
        return self.b.con

    def present(self) -> list[str]:
        return [m for m in self.members if m not in self.gone]

    def day_of_chatter(self, day: str, speakers: int = 40, admin: bool = True, question: bool = True) -> None:
        for member in self.rng.sample(self.present(), speakers):
            self.messages.add(self.g, member, at(day, self.rng.randint(8, 21), self.rng.randint(0, 59)),
                              self.rng.choice(CHATTER))
        if admin:
            self.messages.add(self.g, self.admin, at(day, 9), "早上好，今天也要开心", name="小美")
        if question:
            asker = self.rng.choice(self.present())
            self.messages.add(self.g, asker, at(day, 10), "请问今天几点截单？")
            if admin:
                self.messages.add(self.g, self.admin, at(day, 10, 20), "晚上十点截单哦", name="小美")

    def leave(self, when, count: int, pool: list[str] | None = None) -> list[str]:  # noqa: ANN001
        leavers = self.rng.sample([m for m in (pool or self.present()) if m not in self.gone], count)
        for member in leavers:
            self.b.con.execute(
                "UPDATE membership_spans SET ended_earliest = $t, ended_at = $t, end_kind = 'leave', end_inferred = false "
                "WHERE member_id = $m AND ended_at IS NULL", {"t": when, "m": member})
            self.b.event(self.g, member, when, "leave")
            self.gone.add(member)
        return leavers

    def join(self, when, member: str, via: str = "invite", campaign: str | None = None) -> None:  # noqa: ANN001
        self.b.span(self.g, member, when, via=via, inviter=None if campaign else "老会员", campaign=campaign)
        self.members.append(member)

    def _calm_weeks(self) -> None:
        for week, exits in enumerate(WEEKLY_EXITS):
            week_days = days((at(CALM_START) + timedelta(weeks=week)).date().isoformat(), 7)
            for n, day in enumerate(week_days):
                self.day_of_chatter(day)
                if n % 2 == 0:
                    self.messages.add(self.g, self.admin, at(day, 19), "新品上新：脐橙39元一箱包邮，接龙下单", name="小美")
            for i in range(3):
                self.join(at(week_days[i * 2], 15), f"w{week}j{i}")
            self.leave(at(week_days[4], 20), exits)

    def target_week(self, admin: bool = True, question: bool = True, speakers: int = 40) -> list[str]:
        week_days = days(TARGET_START, 7)
        for day in week_days:
            self.day_of_chatter(day, speakers=speakers, admin=admin, question=question)
            if admin and week_days.index(day) % 2 == 0:
                self.messages.add(self.g, self.admin, at(day, 19), "新品上新：脐橙39元一箱包邮，接龙下单", name="小美")
        # the week after, so that W10's questions are fully observed
        self.messages.add(self.g, self.members[0], at("2026-03-10", 12), "收到")
        return week_days
