"""The suite itself cannot reach the internet: a forgotten fake fails fast."""

from __future__ import annotations

import socket
import time
import urllib.request

import pytest

from tests.support.network_guard import NetworkBlocked, ResolutionBlocked


def test_connecting_beyond_loopback_fails_at_once() -> None:
    started = time.monotonic()
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("203.0.113.10", 443), timeout=5)
    assert time.monotonic() - started < 0.5


def test_resolving_a_public_name_fails_at_once() -> None:
    started = time.monotonic()
    with pytest.raises(OSError, match="tests may not resolve"):
        urllib.request.urlopen("https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken")
    with pytest.raises(ResolutionBlocked):
        socket.getaddrinfo("api.openai.com", 443)
    assert time.monotonic() - started < 0.5


def test_loopback_stays_allowed(fake_openai) -> None:
    with urllib.request.urlopen(f"{fake_openai.base_url}/models", timeout=5) as response:
        assert response.status == 200
