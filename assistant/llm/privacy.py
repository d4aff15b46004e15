"""Masking personal data on its way to a remote model.

Every message a job sends passes through here. When the endpoint is not on this machine (the
default ``remote_only`` policy; ``always`` and ``off`` are the alternatives), phone numbers,
ID-card and bank-card numbers, addresses, e-mails and WeChat ids are replaced by stable
placeholders (``[手机号1]``) before the request leaves, and the same value gets the same
placeholder in every message of the turn, so the model can still say who is who. The reply keeps
the placeholders unless a job asks for them to be put back for the user.
"""

from __future__ import annotations

from ipaddress import ip_address
from urllib.parse import urlparse

from langchain_core.messages import BaseMessage

from ..safety.pii import Masker

ALWAYS, REMOTE_ONLY, OFF = "always", "remote_only", "off"
_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def is_local(base_url: str | None) -> bool:
    """Is the endpoint on this machine? (No base URL means api.openai.com: remote.)"""
    host = urlparse(base_url or "https://api.openai.com/v1").hostname or ""
    if host in _LOCAL_NAMES:
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


def should_mask(policy: str, base_url: str | None) -> bool:
    return policy == ALWAYS or (policy == REMOTE_ONLY and not is_local(base_url))


def mask_messages(messages: list[BaseMessage], masker: Masker) -> list[BaseMessage]:
    """Copies of ``messages`` with personal data in their text replaced by placeholders."""
    masked = []
    for message in messages:
        if isinstance(message.content, str) and message.content:
            message = message.model_copy(update={"content": masker.mask(message.content)})
        masked.append(message)
    return masked
