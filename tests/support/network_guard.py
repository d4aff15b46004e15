"""Fail fast on any connection that is not to this machine.

Installed for the whole test session by ``conftest.py``: a forgotten fake, a library that phones
home, or a model download raises :class:`NetworkBlocked` at once instead of hanging or leaking.
"""

from __future__ import annotations

import ipaddress
import socket

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo
_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}


class NetworkBlocked(RuntimeError):
    """A test tried to reach beyond the loopback interface."""


class ResolutionBlocked(socket.gaierror):
    """A test tried to resolve a public name: answered the way an offline machine answers
    (a resolver error), so code that decides by resolving ("is this endpoint local?") sees the
    truth of this machine instead of an exception no real resolver raises."""


def _is_loopback(host: object) -> bool:
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode()
    if not isinstance(host, str):
        return False
    if host.lower().rstrip(".") in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _check(address: object) -> None:
    if isinstance(address, tuple) and address and not _is_loopback(address[0]):
        raise NetworkBlocked(f"tests may only connect to loopback, not {address!r}")


def _connect(self: socket.socket, address: object) -> None:
    _check(address)
    return _real_connect(self, address)


def _connect_ex(self: socket.socket, address: object) -> int:
    _check(address)
    return _real_connect_ex(self, address)


def _is_address(host: object) -> bool:
    text = (host.decode() if isinstance(host, bytes) else str(host)).split("%")[0]
    try:
        ipaddress.ip_address(text)
    except ValueError:
        try:
            socket.inet_aton(text)  # the short IPv4 forms a resolver also reads: 127.1, 2130706433
        except OSError:
            return False
    return True


def _getaddrinfo(host: object, *args: object, **kwargs: object) -> list:
    if not (_is_loopback(host) or _is_address(host)):  # an address needs no resolver; connect() checks it
        raise ResolutionBlocked(socket.EAI_NONAME, f"tests may not resolve {host!r}")
    return _real_getaddrinfo(host, *args, **kwargs)


def install() -> None:
    socket.socket.connect = _connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = _getaddrinfo  # type: ignore[assignment]
