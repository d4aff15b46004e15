"""Who the admins of a group are: confirmed by the user, stated by the export, or inferred from behaviour.

Most exports (Telegram, Discord, QQ, WeChat) never say who the admins are, and without them the
answer-based churn drivers cannot be judged. So, when an export states no roles, admins are
inferred from what only admins do, each with the reasons shown to the user:

* removing members (and pinning), as the group's events record it;
* posting notices on many days — 公告, 通知, 团购, 接龙, promotions, links — a large share of what
  they post, day after day;
* answering other members' questions: replying to (quoting) or @-ing many different askers, a
  real share of all the answers given in the group.

The user can confirm or reject anyone (``groups admins set/unset``, the 群数据 page); a choice
beats a stated role, which beats an inference. Inferences are stored (``admin_guesses``) and
recomputed only after a new import. A reason is data (:class:`Reason`: which behaviour, how many),
worded in the workspace language only where it is shown.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

import duckdb

from ..errors import InputError
from ..i18n import label, t
from ..history import migrations
from .groups import Group
from .risk_rules import QUESTION_PATTERN

CONFIRMED, STATED, EXPORTER, INFERRED = "confirmed", "stated", "exporter", "inferred"
MAX_INFERRED = 6
NOTICE = r"https?://|公告|通知|接龙|团购|开团|截单|上新|新品|秒杀|优惠|福利|限时|折扣|活动|自提|发货|到货|预售|安排|提醒|群规|欢迎"

GUESS_SQL = r"""
WITH msgs AS (
    SELECT msg_key, sender_id, sender_name, sent_at, coalesce(text, '') AS text, reply_to, mentions, kind
    FROM messages WHERE group_id = $g AND sender_id IS NOT NULL
), notices AS (
    SELECT sender_id, count(*) AS total,
           count(*) FILTER (WHERE is_notice) AS notices,
           count(DISTINCT day) FILTER (WHERE is_notice) AS notice_days
    FROM (SELECT sender_id, (sent_at AT TIME ZONE $tz)::DATE AS day,
                 kind IN ('notice', 'solitaire') OR (length(text) >= 12 AND regexp_matches(text, $notice)
                                                    AND NOT regexp_matches(text, $question)) AS is_notice
          FROM msgs) GROUP BY sender_id
), questions AS (
    SELECT msg_key, sender_id, sender_name, sent_at FROM msgs WHERE regexp_matches(text, $question)
), named AS (
    SELECT sender_id, sent_at, unnest(coalesce(mentions, []) || regexp_extract_all(text, '@([^\s\x{2005}@,，:：]+)', 1)) AS name
    FROM msgs WHERE mentions IS NOT NULL OR text LIKE '%@%'
), answers AS (
    SELECT a.sender_id, q.msg_key, q.sender_id AS asker FROM msgs a JOIN questions q ON a.reply_to = q.msg_key
    WHERE a.sender_id <> q.sender_id AND a.sent_at <= q.sent_at + INTERVAL 24 HOUR
    UNION
    SELECT n.sender_id, q.msg_key, q.sender_id FROM named n JOIN questions q ON n.name = q.sender_name
    WHERE n.sender_id <> q.sender_id AND n.sent_at > q.sent_at AND n.sent_at <= q.sent_at + INTERVAL 24 HOUR
), answering AS (
    SELECT sender_id, count(DISTINCT msg_key) AS answered, count(DISTINCT asker) AS askers FROM answers GROUP BY sender_id
), removing AS (
    SELECT actor_id AS sender_id, count(*) AS removed FROM member_events
    WHERE group_id = $g AND kind = 'removed' AND actor_id IS NOT NULL AND actor_id <> coalesce(member_id, '') GROUP BY actor_id
), pinning AS (
    SELECT actor_id AS sender_id, count(*) AS pinned FROM group_events
    WHERE group_id = $g AND kind IN ('pin', 'notice', 'solitaire') AND actor_id IS NOT NULL GROUP BY actor_id
), people AS (
    SELECT sender_id FROM notices UNION SELECT sender_id FROM removing UNION SELECT sender_id FROM pinning
)
SELECT p.sender_id, coalesce(n.total, 0), coalesce(n.notices, 0), coalesce(n.notice_days, 0),
       coalesce(a.answered, 0), coalesce(a.askers, 0), coalesce(r.removed, 0), coalesce(x.pinned, 0),
       (SELECT count(DISTINCT (sent_at AT TIME ZONE $tz)::DATE) FROM msgs),
       (SELECT count(DISTINCT msg_key) FROM answers)
FROM people p LEFT JOIN notices n USING (sender_id) LEFT JOIN answering a USING (sender_id)
LEFT JOIN removing r USING (sender_id) LEFT JOIN pinning x USING (sender_id)
"""


@dataclass(frozen=True)
class Reason:
    """Why a member looks like an admin: the behaviour (``removed``, ``pinned``, ``notices``,
    ``answered``) and its counts."""

    id: str
    n: int  # members removed, notices pinned, notices posted or questions answered
    days: int = 0  # notices: the days the group talked
    notice_days: int = 0  # notices: the days this member posted one
    askers: int = 0  # answered: the members whose questions they answered

    def to_dict(self) -> dict:
        """The id and the counts that apply (the churn report's JSON carries these)."""
        return {k: v for k, v in asdict(self).items() if v or k in ("id", "n")}

    def text(self, language: str = "zh") -> str:
        return reason_text(self.to_dict(), language)


def reason_text(reason: Mapping, language: str = "zh") -> str:
    """A reason (:meth:`Reason.to_dict`) as a phrase in ``language``, e.g. 移出过 15 名成员."""
    return t(f"churn.admin_reason.{reason['id']}", language, **reason)


def admins_text(admins: Iterable[Mapping], language: str = "zh") -> str:
    """Inferred admins as the churn report carries them (``name``, ``reasons``), each with why, in
    ``language``: 老周（移出过 15 名成员）；小美（…） — the chat tool, the CLI and the dashboard say it so."""
    return t("tool.parts", language).join(
        t("churn.cli.admin", language, name=a["name"],
          reasons=t("tool.list", language).join(reason_text(r, language) for r in a["reasons"]))
        for a in admins)


@dataclass(frozen=True)
class Admin:
    member_id: str
    name: str
    source: str  # confirmed | stated | exporter | inferred
    reasons: tuple[Reason, ...] = ()

    def to_dict(self, language: str = "zh") -> dict:
        return {"member_id": self.member_id, "name": self.name, "source": self.source,
                "source_label": label("admin_source", self.source, language), "reasons": [r.to_dict() for r in self.reasons]}


@dataclass(frozen=True)
class AdminList:
    """The admins the analytics use for one group, and the people the user rejected."""

    group: str
    admins: tuple[Admin, ...]
    rejected: tuple[Admin, ...] = ()
    roles_stated: bool = False

    @property
    def ids(self) -> set[str]:
        return {a.member_id for a in self.admins}

    @property
    def basis(self) -> str:
        """The strongest source among the admins (``unknown`` when there are none)."""
        sources = {a.source for a in self.admins}
        return next((s for s in (CONFIRMED, STATED, EXPORTER, INFERRED) if s in sources), "unknown")

    def to_dict(self, language: str = "zh") -> dict:
        """The admins and rejections, with each source's label in ``language``."""
        return {"group": self.group, "basis": self.basis, "admins": [a.to_dict(language) for a in self.admins],
                "rejected": [a.to_dict(language) for a in self.rejected]}


@dataclass
class _Signals:
    total: int
    notices: int
    notice_days: int
    answered: int
    askers: int
    removed: int
    pinned: int
    days: int
    all_answered: int
    reasons: list[Reason] = field(default_factory=list)


def resolve(con: duckdb.DuckDBPyConnection, group: Group) -> AdminList:
    """The admins of ``group``: confirmed > stated (or the exporting account) > inferred, minus rejections."""
    migrations.apply(con)  # a history file from before these tables: add them (cheap when present)
    names = _names(con, group)
    choices = dict(con.execute("SELECT member_id, choice FROM admin_choices WHERE group_id = ?", [group.id]).fetchall())
    stated = {m for (m,) in con.execute(
        "SELECT DISTINCT member_id FROM member_roles WHERE group_id = ? AND role IN ('owner', 'admin')", [group.id]).fetchall()}
    exporter = {m for (m,) in con.execute(
        "SELECT DISTINCT sender_id FROM messages WHERE group_id = ? AND is_self AND sender_id IS NOT NULL", [group.id]).fetchall()}
    found: dict[str, Admin] = {}
    if not stated:
        for member, reasons in guesses(con, group).items():
            found[member] = Admin(member, names.get(member, member), INFERRED, reasons)
    for member in exporter:
        found[member] = Admin(member, names.get(member, member), EXPORTER, found.get(member, Admin("", "", "")).reasons)
    for member in stated:
        found[member] = Admin(member, names.get(member, member), STATED)
    for member, choice in choices.items():
        if choice == "admin":
            found[member] = Admin(member, names.get(member, member), CONFIRMED, found.get(member, Admin("", "", "")).reasons)
    rejected = tuple(Admin(m, names.get(m, m), found[m].source if m in found else INFERRED, found[m].reasons if m in found else ())
                     for m, c in sorted(choices.items()) if c == "not_admin")
    kept = tuple(sorted((a for m, a in found.items() if choices.get(m) != "not_admin"), key=lambda a: (a.source, a.name)))
    return AdminList(group.name, kept, rejected, bool(stated))


def choose(con: duckdb.DuckDBPyConnection, group: Group, member: str, is_admin: bool, language: str = "zh") -> str:
    """Record the user's choice for ``member`` (an id or a display name; an unknown or ambiguous one
    is refused in ``language``); returns the member id."""
    migrations.apply(con)
    member_id = _member_id(con, group, member, language)
    con.execute("DELETE FROM admin_choices WHERE group_id = ? AND member_id = ?", [group.id, member_id])
    con.execute("INSERT INTO admin_choices VALUES (?, ?, ?, ?)",
                [group.id, member_id, "admin" if is_admin else "not_admin", datetime.now(UTC)])
    return member_id


def guesses(con: duckdb.DuckDBPyConnection, group: Group) -> dict[str, tuple[Reason, ...]]:
    """The inferred admins with their reasons, from the store when no import came since. Each
    reason is stored as JSON; rows of older versions (Chinese sentences) are inferred again."""
    as_of = con.execute("SELECT coalesce(max(import_id), 0) FROM imports").fetchone()[0]
    rows = con.execute("SELECT member_id, reasons, as_of FROM admin_guesses WHERE group_id = ?", [group.id]).fetchall()
    if rows and all(r[2] == as_of and all(text.startswith("{") for text in r[1]) for r in rows):
        return {m: tuple(Reason(**json.loads(text)) for text in reasons) for m, reasons, _ in rows if m}
    found = infer(con, group)
    con.execute("DELETE FROM admin_guesses WHERE group_id = ?", [group.id])
    stored = [(group.id, m, [json.dumps(r.to_dict()) for r in reasons], as_of) for m, reasons in found.items()]
    stored = stored or [(group.id, "", [], as_of)]
    con.executemany("INSERT INTO admin_guesses VALUES (?, ?, ?, ?)", stored)
    return found


def infer(con: duckdb.DuckDBPyConnection, group: Group) -> dict[str, tuple[Reason, ...]]:
    """Members who behave like admins (module docstring), strongest evidence first."""
    rows = con.execute(GUESS_SQL, {"g": group.id, "tz": group.tz, "notice": NOTICE, "question": QUESTION_PATTERN}).fetchall()
    scored = []
    for member, *numbers in rows:
        signals = _Signals(*numbers)
        weight = _judge(signals)
        if weight:
            scored.append((weight, member, tuple(signals.reasons)))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return {member: reasons for _, member, reasons in scored[:MAX_INFERRED]}


def _judge(s: _Signals) -> float:
    """How strongly the signals say "admin" (0: not at all); fills in the reasons."""
    weight = 0.0
    if s.removed:
        s.reasons.append(Reason("removed", s.removed))
        weight += 3
    if s.pinned:
        s.reasons.append(Reason("pinned", s.pinned))
        weight += 2
    if s.notice_days >= max(3, 0.3 * s.days) and s.notices >= 0.2 * max(s.total, 1):
        s.reasons.append(Reason("notices", s.notices, days=s.days, notice_days=s.notice_days))
        weight += 2 * s.notice_days / max(s.days, 1)
    if s.answered >= 5 and s.askers >= 3 and s.answered >= 0.15 * max(s.all_answered, 1):
        s.reasons.append(Reason("answered", s.answered, askers=s.askers))
        weight += 1 + s.answered / max(s.all_answered, 1)
    return weight


def _names(con: duckdb.DuckDBPyConnection, group: Group) -> dict[str, str]:
    rows = con.execute("SELECT member_id, display_name FROM members WHERE group_id = ? AND display_name IS NOT NULL",
                       [group.id]).fetchall()
    return dict(rows)


def _member_id(con: duckdb.DuckDBPyConnection, group: Group, member: str, language: str) -> str:
    rows = con.execute(
        "SELECT DISTINCT member_id FROM members WHERE group_id = $g AND (member_id = $m OR display_name = $m) "
        "UNION SELECT DISTINCT member_id FROM member_names WHERE group_id = $g AND name = $m "
        "UNION SELECT DISTINCT sender_id FROM messages WHERE group_id = $g AND (sender_id = $m OR sender_name = $m) "
        "AND sender_id IS NOT NULL", {"g": group.id, "m": member}).fetchall()
    ids = sorted({r[0] for r in rows})
    if not ids:
        raise InputError(t("analytics.error.no_member", language, group=group.name, member=member))
    if len(ids) > 1:
        raise InputError(t("analytics.error.many_members", language, member=member,
                           ids=t("tool.names", language).join(ids)))
    return ids[0]
