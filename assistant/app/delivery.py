"""Use case: delivery channels and sending digests and alerts where operators already are.

Channels are stored in the briefing database (mode 0600: webhook keys, robot secrets and SMTP
passwords live there) and are only ever shown through :meth:`Channel.public`. Every delivery is
retried with backoff by the sender and logged here, success or failure, with how many parts and
attempts it took. Personal data is masked under the same policy as the model seam: a channel
whose host is on this machine counts as local, e-mail always leaves it, and anything for a
group-audience channel is masked whatever the policy (members' phone numbers never go to a group).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from functools import partial
from datetime import datetime
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo

from ..briefing.channel import ADMIN, EMAIL, FOLDER, GROUP, INBOX, Channel, folder_refusal
from ..briefing.outgoing import masked
from ..briefing.senders import Outgoing, Retry, send
from ..briefing.store import BriefingStore
from ..errors import DeliveryError, InputError
from ..i18n import t
from ..llm.privacy import OFF, should_mask


BUILTIN_INBOX = Channel("inbox", INBOX, ADMIN)


class Sender(Protocol):
    def __call__(self, channel: Channel, message: Outgoing, retry: Retry,
                 sleep: Callable[[float], None] = ...) -> tuple[int, int]: ...


@dataclass(frozen=True)
class Delivered:
    channel: str
    status: str  # ok | failed
    parts: int
    attempts: int
    masked: bool
    detail: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class InboxItem:
    item_id: int
    subject: str
    body: str
    at: str
    read: bool


class Delivery:
    """Channels, the inbox, and sending with masking, retries and a log."""

    def __init__(self, store: BriefingStore, pii_policy: str = "remote_only", retry: Retry = Retry(),
                 sender: Sender | None = None, sleep: Callable[[float], None] = time.sleep,
                 now: Callable[[], datetime] = lambda: datetime.now(ZoneInfo("Asia/Shanghai")),
                 language: str = "zh", folder_roots: Sequence[Path] = ()) -> None:
        self.store = store
        self.folder_roots = list(folder_roots)  # where a folder channel may write (Settings.folder_roots)
        self.pii_policy = pii_policy
        self.retry = retry
        self.language = language  # of the errors: a channel's own and the platforms' (through ``send``)
        self.sender = sender or partial(send, language=language)
        self.sleep = sleep
        self.now = now

    # channels --------------------------------------------------------------------------------
    def channels(self) -> list[Channel]:
        """The built-in inbox first, then the channels the user added."""
        with self.store.connect() as con:
            rows = con.execute("SELECT name, kind, audience, config FROM channels ORDER BY channel_id").fetchall()
        return [BUILTIN_INBOX] + [Channel(r["name"], r["kind"], r["audience"], json.loads(r["config"])) for r in rows]

    def channel(self, name: str) -> Channel:
        found = next((c for c in self.channels() if c.name == name), None)
        if found is None:
            names = t("tool.names", self.language).join(c.name for c in self.channels())
            raise InputError(t("delivery.no_channel", self.language, name=name,
                               names=names or t("delivery.no_channels", self.language)))
        return found

    def add_channel(self, channel: Channel) -> Channel:
        channel = channel.checked(self.language)
        if channel.name == BUILTIN_INBOX.name or channel.kind == INBOX:
            raise InputError(t("delivery.inbox_builtin", self.language))
        if refusal := self._folder_refusal(channel):
            raise InputError(refusal)
        with self.store.connect() as con:
            if con.execute("SELECT 1 FROM channels WHERE name = ?", [channel.name]).fetchone():
                raise InputError(t("delivery.name_taken", self.language, name=channel.name))
            con.execute("INSERT INTO channels (name, kind, audience, config, created_at) VALUES (?, ?, ?, ?, ?)",
                        [*channel.to_row(), self._stamp()])
        return channel

    def remove_channel(self, name: str) -> None:
        with self.store.connect() as con:
            if not con.execute("DELETE FROM channels WHERE name = ?", [name]).rowcount:
                raise InputError(t("delivery.no_such", self.language, name=name))

    # sending ---------------------------------------------------------------------------------
    def deliver(self, message: Outgoing, names: list[str], groups: list[str]) -> list[Delivered]:
        """Send ``message`` (about ``groups``) to each named channel; a failure is logged and reported
        per channel, the others still go."""
        results = []
        for name in names:
            channel = self.channel(name)
            if channel.audience == GROUP and len(groups) != 1:
                raise InputError(t("delivery.group_audience", self.language, name=channel.name))
            results.append(self._one(channel, message))
        return results

    def _one(self, channel: Channel, message: Outgoing) -> Delivered:
        hide = self._masks(channel)
        outgoing = masked(message) if hide else message
        if channel.kind == INBOX:
            self._to_inbox(outgoing)
            result = Delivered(channel.name, "ok", 1, 1, hide)
        elif refusal := self._folder_refusal(channel):  # checked again: a folder may since be a symlink
            result = Delivered(channel.name, "failed", 0, 0, hide, refusal)
        else:
            try:
                parts, attempts = self.sender(channel, outgoing, self.retry, self.sleep)
                result = Delivered(channel.name, "ok", parts, attempts, hide)
            except DeliveryError as exc:
                result = Delivered(channel.name, "failed", 0, self.retry.attempts, hide, str(exc))
        self._log(result, message.subject)
        return result

    def _folder_refusal(self, channel: Channel) -> str | None:
        if channel.kind != FOLDER:
            return None
        key = folder_refusal(channel.config["path"], self.folder_roots)
        if key is None:
            return None
        roots = t("tool.names", self.language).join(map(str, self.folder_roots))
        return t(key, self.language, folder=channel.config["path"], roots=roots)

    def _masks(self, channel: Channel) -> bool:
        if channel.audience == GROUP:
            return True
        if channel.kind == EMAIL:
            return self.pii_policy != OFF
        if channel.kind in (INBOX, "folder"):
            return self.pii_policy == "always"
        return should_mask(self.pii_policy, channel.config.get("url"))

    def _to_inbox(self, message: Outgoing) -> None:
        with self.store.connect() as con:
            con.execute("INSERT INTO inbox (subject, body, at) VALUES (?, ?, ?)",
                        [message.subject, message.text, self._stamp()])

    def _log(self, result: Delivered, subject: str) -> None:
        with self.store.connect() as con:
            con.execute("INSERT INTO deliveries (channel, subject, status, attempts, parts, detail, at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [result.channel, subject, result.status, result.attempts, result.parts, result.detail,
                         self._stamp()])

    def log(self, limit: int = 50) -> list[dict]:
        with self.store.connect() as con:
            rows = con.execute("SELECT * FROM deliveries ORDER BY delivery_id DESC LIMIT ?", [limit]).fetchall()
        return [dict(r) for r in rows]

    # the inbox -------------------------------------------------------------------------------
    def inbox(self, limit: int = 50) -> list[InboxItem]:
        if not self.store.path.exists():
            return []
        with self.store.connect() as con:
            rows = con.execute("SELECT * FROM inbox ORDER BY item_id DESC LIMIT ?", [limit]).fetchall()
        return [InboxItem(r["item_id"], r["subject"], r["body"], r["at"], bool(r["read"])) for r in rows]

    def mark_read(self, item_id: int) -> None:
        with self.store.connect() as con:
            con.execute("UPDATE inbox SET read = 1 WHERE item_id = ?", [item_id])

    def unread(self) -> int:
        if not self.store.path.exists():
            return 0
        with self.store.connect() as con:
            return con.execute("SELECT count(*) FROM inbox WHERE read = 0").fetchone()[0]

    def _stamp(self) -> str:
        return self.now().strftime("%Y-%m-%d %H:%M:%S")


__all__ = ["ADMIN", "GROUP", "Delivered", "Delivery", "InboxItem"]
