"""Canonical records: what every importer turns its format into.

Importers never write SQL for these; they append records to a :class:`~.batch.Batch` and the
store stages, keys and merges them in one place. Times are timezone-aware ``datetime``s (naive
export times are localised by the importer with the zone the user chose). ``grp`` names the
chat inside a file that holds several (a Telegram account export, a WeCom archive dump).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import NamedTuple

# member_id prefix for people known only by a display name; identity matching replaces it
NAME_PREFIX = "name:"


def name_id(name: str) -> str:
    return NAME_PREFIX + name


@dataclass
class GroupRef:
    """A chat as the file describes it; the store maps it to a group."""

    platform: str
    chat_id: str | None = None
    name: str | None = None
    kind: str | None = None


class Message(NamedTuple):
    sent_at: datetime
    kind: str
    text: str | None = None
    sender_id: str | None = None
    sender_name: str | None = None
    is_self: bool | None = None
    reply_to: str | None = None
    mentions: list[str] | None = None
    platform_msg_id: str | None = None
    key: str | None = None  # set when the platform id is the identity (Telegram, Discord, WeCom)
    line: int = 0  # position in the file: orders identical messages within one second
    grp: str = ""


class MemberEvent(NamedTuple):
    happened_at: datetime
    kind: str  # join | leave | removed
    member_id: str | None = None
    member_name: str | None = None
    actor_id: str | None = None
    actor_name: str | None = None
    via: str | None = None  # invite | qr | link | request | direct
    campaign: str | None = None
    source: str = "system_message"
    grp: str = ""


class GroupEvent(NamedTuple):
    happened_at: datetime
    kind: str  # rename | revoke | pat | red_packet_claim | pin | system …
    actor_id: str | None = None
    actor_name: str | None = None
    target_name: str | None = None
    detail: str | None = None
    grp: str = ""


class Contact(NamedTuple):
    """An address-book entry of the exporting account: one per person, whatever the group."""

    member_id: str
    nickname: str | None = None
    remark: str | None = None
    alias: str | None = None


class Name(NamedTuple):
    member_id: str
    name: str
    name_kind: str  # nickname | remark | group_nickname | display | self
    seen_at: datetime | None = None
    grp: str = ""


class Role(NamedTuple):
    member_id: str
    role: str  # owner | admin | bot
    seen_at: datetime | None = None
    grp: str = ""


class SnapshotMember(NamedTuple):
    taken_at: datetime
    member_id: str
    name: str | None = None
    group_nickname: str | None = None
    role: str | None = None
    joined_at: datetime | None = None
    via: str | None = None
    inviter_id: str | None = None
    campaign: str | None = None
    grp: str = ""


class Order(NamedTuple):
    paid_at: datetime
    order_no: str | None = None
    buyer_name: str | None = None
    buyer_id: str | None = None
    buyer_phone: str | None = None
    items: str | None = None
    amount: Decimal | None = None
    refund: Decimal | None = None
    status: str | None = None
    status_raw: str | None = None
    key: str | None = None
    line: int = 0
    grp: str = ""


class DailyStat(NamedTuple):
    day: date
    metric: str
    value: float | None
    grp: str = ""
