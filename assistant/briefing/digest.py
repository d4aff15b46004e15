"""The digest model: what happened in a group (or several) over a day or a range, as plain data.

The same object feeds the CLI (text, ``--json``), the Markdown/HTML/PNG exports, the 日报 view,
the chat answer, the model's narrative and the deliveries, so none of them can disagree. Every
number in it was counted by code (``compose``); every quote is a cited message with its id, so a
page can open the conversation around it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Quote:
    """A cited message: ``message_id`` and ``group`` open its conversation."""

    message_id: str
    group: str
    ts: str
    sender: str
    text: str

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Topic:
    """One conversation of the period: its key words, size and the quotes that stand for it."""

    label: str
    messages: int
    participants: int
    start: str
    end: str
    quotes: list[Quote]
    excerpt: list[str] = field(default_factory=list, repr=False)  # "sender：text" lines, for the model only


@dataclass
class Item:
    """A message that needs someone: a question, complaint, @admin request, or a risk.

    ``status``: ``answered`` (an admin replied, ``answered_at``), ``open`` (24 hours passed with no
    answer), ``waiting`` (no answer yet and the 24 hours are not over in the data); for risks the
    rule that raised it is in ``reason``.
    """

    quote: Quote
    status: str = "open"
    reason: str = ""
    answered_at: str | None = None


@dataclass
class Volume:
    messages: int = 0
    speakers: int = 0
    usual_messages: float | None = None  # average per period of the same length before it
    usual_speakers: float | None = None
    baseline_days: int = 0

    def change(self) -> float | None:
        """Messages against the usual, as a fraction (+0.35 = 35 % more); None when unknown."""
        if not self.usual_messages:
            return None
        return self.messages / self.usual_messages - 1


@dataclass
class Membership:
    joins: int = 0
    by_via: dict[str, int] = field(default_factory=dict)
    exits: int | None = 0  # None: this group's exports cannot show exits
    by_type: dict[str, int] = field(default_factory=dict)
    joined_names: list[str] = field(default_factory=list)
    exited_names: list[str] = field(default_factory=list)


@dataclass
class Orders:
    known: bool = False
    count: int = 0
    buyers: int = 0
    amount: float = 0.0
    refunds: float = 0.0
    solitaire: list[Quote] = field(default_factory=list)  # 接龙 posts


@dataclass
class GroupDigest:
    """One group's part of a digest."""

    group: str
    platform: str
    tz: str
    volume: Volume
    membership: Membership
    topics: list[Topic] = field(default_factory=list)
    questions: int = 0  # member questions asked in the period
    open_questions: int = 0  # of which no admin answered (yet); the list below is capped
    unanswered: list[Item] = field(default_factory=list)
    complaints: list[Item] = field(default_factory=list)
    todos: list[Item] = field(default_factory=list)  # messages that @ an admin or ask for one
    orders: Orders = field(default_factory=Orders)
    risks: list[Item] = field(default_factory=list)
    admins_known: bool = True
    member: str | None = None  # the digest is about this member only

    @property
    def quiet(self) -> bool:
        return self.volume.messages == 0 and not self.membership.joins and not self.membership.exits

    def open_items(self) -> int:
        return self.open_questions + sum(1 for i in [*self.complaints, *self.todos] if i.status != "answered")


@dataclass
class Narrative:
    text: str
    mode: str  # "offline" or the model's name
    notice: str | None = None
    calls: int = 0  # model calls made (map-reduce makes several)


@dataclass
class Digest:
    """The digest of one group or all groups for a period, optionally about one member."""

    scope: str  # a group name, or the label of all groups
    period: str  # 2026-11-25, or 2026-11-20~2026-11-26
    first_day: str
    last_day: str
    groups: list[GroupDigest]
    lines: list[str] = field(default_factory=list)  # one line per group
    narrative: Narrative | None = None
    member: str | None = None
    language: str = "zh"
    notice: str | None = None  # e.g. "yesterday had no messages: showing the latest day instead"

    def quotes(self) -> list[Quote]:
        """Every cited message, in the order the digest shows them."""
        found = []
        for g in self.groups:
            found += [q for t in g.topics for q in t.quotes]
            found += [i.quote for i in [*g.unanswered, *g.complaints, *g.todos, *g.risks]]
            found += g.orders.solitaire
        return found

    def to_dict(self) -> dict:
        data = asdict(self)
        for g in data["groups"]:
            for t in g["topics"]:
                t.pop("excerpt", None)
        return data
