"""Masking personal data on its way to a model: one policy for every seam.

Every text that leaves for the configured endpoint passes through here: chat messages, the
passages and questions sent for embedding, and the query and candidates sent for reranking.
When the endpoint is not on this machine (the default ``remote_only`` policy; ``always`` and
``off`` are the alternatives), phone numbers, ID-card and bank-card numbers, addresses, e-mails
and WeChat ids are replaced by placeholders (``[手机号1]``) before the request leaves. In chat the
same value gets the same placeholder in every message of the turn, so the model can still say
who is who, and the reply keeps the placeholders unless a job asks for them to be put back.

"On this machine" is decided by resolving the host, not by reading the URL: ``127.1``,
``localhost.`` and ``[::1]`` are loopback addresses however they are written, ``0.0.0.0`` is not
one (it names no host), and a name that does not resolve is treated as remote.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from functools import lru_cache
from ipaddress import IPv6Address, ip_address
from urllib.parse import urlparse

from langchain_core.messages import BaseMessage

from ..config import Settings
from ..safety.pii import Masker

ALWAYS, REMOTE_ONLY, OFF = "always", "remote_only", "off"
DEFAULT_ENDPOINT = "https://api.openai.com/v1"


def is_local(base_url: str | None) -> bool:
    """Is the endpoint on this machine? (No base URL means api.openai.com: remote.)"""
    try:
        host = urlparse(base_url or DEFAULT_ENDPOINT).hostname or ""
    except ValueError:
        return False
    return bool(host) and _resolves_to_loopback(host)


@lru_cache(maxsize=64)
def _resolves_to_loopback(host: str) -> bool:
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return False
    addresses = [ip_address(info[4][0].split("%", 1)[0]) for info in infos]
    return bool(addresses) and all(_loopback(a) for a in addresses)


def _loopback(address) -> bool:  # noqa: ANN001 - IPv4Address | IPv6Address
    if isinstance(address, IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


def should_mask(policy: str, base_url: str | None) -> bool:
    return policy == ALWAYS or (policy == REMOTE_ONLY and not is_local(base_url))


@dataclass(frozen=True)
class PrivacyPolicy:
    """Whether text bound for the configured endpoint has its personal data masked."""

    masks: bool

    @classmethod
    def from_settings(cls, settings: Settings) -> PrivacyPolicy:
        return cls(should_mask(settings.pii_masking, settings.openai_base_url))

    def text(self, text: str) -> str:
        """``text`` as it may leave: masked with placeholders of its own (embeddings, rerank)."""
        return Masker().mask(text) if self.masks else text

    def texts(self, texts: list[str]) -> list[str]:
        return [self.text(t) for t in texts] if self.masks else texts

    def messages(self, messages: list[BaseMessage]) -> tuple[list[BaseMessage], Masker]:
        """Chat messages as they may leave, and the masker that knows how to put values back."""
        masker = Masker()
        return (mask_messages(messages, masker) if self.masks else messages), masker


def mask_messages(messages: list[BaseMessage], masker: Masker) -> list[BaseMessage]:
    """Copies of ``messages`` with personal data in their text replaced by placeholders."""
    masked = []
    for message in messages:
        if isinstance(message.content, str) and message.content:
            message = message.model_copy(update={"content": masker.mask(message.content)})
        masked.append(message)
    return masked
