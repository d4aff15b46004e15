"""The churn explainer: did exits really rise, who left, and what probably drove them out.

It automates the checklist an operator runs by hand: compare this period's exits with a trailing
baseline (a negative-binomial test, since weekly exits vary more than Poisson; the expected range is
reported), break the exits down by segment, then test each candidate driver in the window before
the exits against the baseline weeks. Exits seen only between two member-list snapshots are spread
over their interval, so a WeChat group with weekly lists is judged like a Telegram group. Admins
are confirmed, stated or inferred (``admins.py``); a driver that cannot be judged is listed in
``not_judged`` with the reason, and a significant rise with no qualifying driver says so and shows
which segments left. Every number comes from here; dashboard, chat, weekly report and
``churn --json`` read this one result, and an LLM may narrate it but never computes it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import duckdb

from ..i18n import label, t
from . import admins as admin_list
from . import chatlog
from .decompose import Segment, decompose
from .drivers import ChurnContext, Driver, Exit, NotJudged, test_all
from .drivers.replies import ANSWER_WINDOW
from ..i18n.labels import ALL_GROUPS
from .groups import Group, data_end, select_groups
from .periods import Period
from .population import Span, load_spans, members_at
from .significance import Verdict, exit_rise

BASELINE_PERIODS = 6
LEAD_IN = timedelta(days=3)  # causes show up a little before the people who leave because of them
# short chatter: 哈哈, +1, 666, 收到 (four characters at most), [表情], [图片], stickers and pictures
DAILY_SQL = """
SELECT (sent_at AT TIME ZONE $tz)::DATE AS day, count(*),
       count(*) FILTER (WHERE kind IN ('sticker', 'emoji', 'image') OR length(trim(coalesce(text, ''))) <= 4
                        OR (starts_with(text, '[') AND length(text) <= 8)),
       sent_at >= $b AS is_now
FROM messages WHERE group_id = $g AND sent_at >= $a AND sent_at < $c
  AND coalesce(sender_id, '') NOT IN (SELECT unnest($admins))
GROUP BY day, is_now
"""


@dataclass(frozen=True)
class ChurnReport:
    group: str
    period: Period
    exits: int
    members_start: int
    exit_rate: float | None
    baseline_rate: float | None
    verdict: Verdict
    drivers: list[Driver]
    segments: list[Segment] = field(default_factory=list)
    note: str = ""
    exit_types: dict[str, int] = field(default_factory=dict)
    not_judged: list[NotJudged] = field(default_factory=list)
    admins: list[dict] = field(default_factory=list)  # per group: basis, admins with source and reasons
    unseen: list[str] = field(default_factory=list)  # groups left out: their exports cannot show exits

    @property
    def significant(self) -> bool:
        return self.verdict.significant

    @property
    def unexplained(self) -> bool:
        """A significant rise that no driver explains (the segments say who left)."""
        return self.significant and not self.drivers

    def finding(self, language: str = "zh") -> str:
        """One honest sentence about the causes, in ``language``."""
        if self.drivers:
            return ""
        if self.unexplained:
            top = ("；" if language == "zh" else "; ").join(s.line(language) for s in self.segments[:3])
            return t("churn.unexplained", language) + (t("churn.concentrated", language, top=top) if top else "")
        if self.exits:
            return t("churn.no_driver", language)
        return ""

    def note_in(self, language: str) -> str:
        """The note on groups left out, in ``language``."""
        unseen = self.unseen
        return t("churn.unseen", language, groups=("、" if language == "zh" else ", ").join(unseen)) if unseen else ""

    def to_dict(self, language: str = "zh") -> dict:
        """The report for ``--json`` and the chat's model: the sentences in Chinese with ``_en`` twins,
        the ``…_label`` fields in ``language``."""
        band = self.verdict.expected_range
        return {
            "group": self.group, "period": self.period.label, "exit_rate": self.exit_rate,
            "baseline_rate": self.baseline_rate, "significant": self.significant,
            "drivers": [d.to_dict(language) for d in self.drivers],
            "not_judged": [n.to_dict(language) for n in self.not_judged],
            "unexplained": self.unexplained, "finding": self.finding(language), "finding_en": self.finding("en"),
            "exits": self.exits, "members_start": self.members_start,
            "verdict": self.verdict.reason if language == "zh" else self.verdict.text(language),
            "verdict_en": self.verdict.text("en"),
            "expected_exits": round(self.verdict.expected, 2), "p_value": self.verdict.p_value,
            "expected_range": list(band) if band else None, "dispersion": round(self.verdict.dispersion, 2),
            "segments": [s.to_dict(language) for s in self.segments], "note": self.note_in(language), "note_en": self.note_in("en"),
            "exit_types": self.exit_types, "admins": self.admins if language == "zh" else self._admins_in(language),
            **({} if language == "zh" else {"group_label": label("scope", self.group, language)}),  # "全部群" is a key
        }

    def _admins_in(self, language: str) -> list[dict]:
        def named(people: list[dict]) -> list[dict]:
            return [{**a, "source_label": label("admin_source", a["source"], language)} for a in people]

        return [{**g, "admins": named(g["admins"]), "rejected": named(g["rejected"])} for g in self.admins]


def explain(con: duckdb.DuckDBPyConnection, period: Period, group: str | None = None) -> ChurnReport:
    """Explain the exits of ``period`` in ``group`` (all groups when ``None``)."""
    groups = select_groups(con, group)
    name = groups[0].name if group else (ALL_GROUPS if len(groups) > 1 else groups[0].name)
    unseen = [g.name for g in groups if not g.sees_exits]
    groups = [g for g in groups if g.sees_exits]
    if not groups:
        return _unsupported(name, period, unseen)
    spans = {g.name: load_spans(con, g.id) for g in groups}
    exits, members = _exits(groups, spans, period)
    history = _history(groups, spans, period)
    count = sum(e.weight for e in exits)
    rate = count / members if members else None
    used = [(x, m) for x, m in history if m]
    baseline = sum(x for x, _ in used) / sum(m for _, m in used) if len(used) >= 2 else None
    verdict = exit_rise(count, members, history)
    ctx = _context(con, groups, spans, period, exits)
    drivers, not_judged = test_all(ctx, verdict.significant, con) if exits else ([], [])
    note = t("churn.unseen", "zh", groups="、".join(unseen)) if unseen else ""
    types = {k: round(v) for k, v in _types(exits).items()}
    shown_admins = [a.to_dict() for a in ctx.admins.values()]
    return ChurnReport(name, period, round(count), members, rate, baseline, verdict, drivers, decompose(ctx), note, types,
                       not_judged, shown_admins, unseen)


def _types(exits: list[Exit]) -> Counter:
    types: Counter = Counter()
    for e in exits:
        types[e.span.exit_type] += e.weight
    return types


def _exits(groups: list[Group], spans: dict[str, list[Span]], period: Period) -> tuple[list[Exit], int]:
    """The exits of ``period`` (snapshot exits weighted by how much of their interval falls in it)."""
    exits, members = [], 0
    for g in groups:
        start, end = period.start(g.tz), period.end(g.tz)
        members += members_at(spans[g.name], start)
        for s in spans[g.name]:
            weight = s.exit_weight(start, end)
            if weight > 0:
                exits.append(Exit(g.name, s, weight))
    return exits, members


def _history(groups: list[Group], spans: dict[str, list[Span]], period: Period) -> list[tuple[float, int]]:
    """``(exits, members at start)`` of each of the baseline periods before ``period``."""
    found = []
    earlier = period
    for _ in range(BASELINE_PERIODS):
        earlier = earlier.previous()
        exits, members = _exits(groups, spans, earlier)
        found.append((sum(e.weight for e in exits), members))
    return found


def _context(con: duckdb.DuckDBPyConnection, groups: list[Group], spans: dict[str, list[Span]], period: Period,
             exits: list[Exit]) -> ChurnContext:
    tz = groups[0].tz
    now_start, now_end = period.start(tz) - LEAD_IN, period.end(tz)
    before_start = period.start(tz) - timedelta(days=period.days * BASELINE_PERIODS)
    ctx = ChurnContext(groups, period, now_start, now_end, before_start, exits, [], [], spans, {})
    for g in groups:
        ctx.admins[g.name] = admin_list.resolve(con, g)
        admins = ctx.admins[g.name].ids
        names = chatlog.admin_names(con, g, admins)
        every_name = {n for group_names in names.values() for n in group_names}
        ctx.now += chatlog.load(con, g, now_start, now_end, admins, True, every_name)
        ctx.before += chatlog.load(con, g, before_start, now_start, admins, True, every_name)
        ctx.after += [m for m in chatlog.load(con, g, now_end, now_end + ANSWER_WINDOW, admins, True, every_name) if m.from_admin]
        ends = [e for e in (ctx.observed_until, data_end(con, g.id)) if e is not None]
        ctx.observed_until = max(ends) if ends else None
        ctx.admin_names[g.name] = names
        ctx.members[g.name] = members_at(spans[g.name], period.start(g.tz))
        _volume(con, ctx, g, admins)
    ctx.loudest = ctx.loudest[:3]
    return ctx


def _volume(con: duckdb.DuckDBPyConnection, ctx: ChurnContext, g: Group, admins: set[str]) -> None:
    """Counts that need every member message (chatter included), computed in SQL."""
    window = {"g": g.id, "a": ctx.before_start, "b": ctx.now_start, "c": ctx.now_end, "tz": g.tz,
              "admins": sorted(admins) or [""]}
    rows = con.execute(DAILY_SQL, window).fetchall()
    ctx.daily[g.name] = {day: count for day, count, _, _ in rows}
    for key, now in (("now", True), ("before", False)):
        total = sum(n for _, n, _, is_now in rows if is_now == now)
        short = sum(c for _, _, c, is_now in rows if is_now == now)
        ctx.volume_now += total if now else 0
        ctx.volume_before += 0 if now else total
        if total:
            ctx.chatter[key] = round(short / total, 2)
    recent = {"g": g.id, "since": ctx.now_end - timedelta(days=30), "c": ctx.now_end}
    for member, count in con.execute(
            "SELECT sender_id, count(*) FROM messages WHERE group_id = $g AND sent_at >= $since AND sent_at < $c "
            "AND sender_id IS NOT NULL GROUP BY sender_id", recent).fetchall():
        ctx.activity[f"{g.name}/{member}"] = count
    loud = con.execute(
        "SELECT coalesce(sender_name, sender_id), count(*) AS n FROM messages WHERE group_id = $g AND sent_at >= $b "
        "AND sent_at < $c AND coalesce(sender_id, '') NOT IN (SELECT unnest($admins)) GROUP BY 1 ORDER BY n DESC LIMIT 3",
        {"g": g.id, "b": ctx.now_start, "c": ctx.now_end, "admins": window["admins"]}).fetchall()
    ctx.loudest = sorted([*ctx.loudest, *loud], key=lambda pair: pair[1], reverse=True)
    day = con.execute(
        "SELECT (sent_at AT TIME ZONE $tz)::DATE AS d FROM messages WHERE group_id = $g AND sent_at >= $b "
        "AND sent_at < $c GROUP BY d ORDER BY count(*) DESC LIMIT 1", {"tz": g.tz, "g": g.id, "b": ctx.now_start,
                                                                          "c": ctx.now_end}).fetchone()
    if day:
        start = datetime.combine(day[0], datetime.min.time(), ZoneInfo(g.tz))
        ctx.busiest += chatlog.load(con, g, start, start + timedelta(days=1), admins)[:200]


def _unsupported(name: str, period: Period, unseen: list[str]) -> ChurnReport:
    reason = t("churn.unsupported", "zh", groups="、".join(unseen))
    verdict = Verdict(False, 0, 0.0, None, reason, kind="custom", reason_en=t("churn.unsupported", "en", groups=", ".join(unseen)))
    return ChurnReport(name, period, 0, 0, None, None, verdict, [], [], reason)
