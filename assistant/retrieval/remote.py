"""Connecting to the Chroma server that ``ASSISTANT_CHROMA_URL`` names.

``http(s)://host[:port][/database]``. The database part lets several workspaces (one per
client of an agency, each with its own data dir) share one server without sharing passages:
every workspace keeps its collections in its own Chroma database, created on first use. Without
it they would meet in the default database, and one workspace's clean-up of passages its
library does not list would delete the other's.

Telemetry stays off, and a server that cannot be reached, at start or later, is reported as
:class:`ChromaUnreachable` with what to check.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ParamSpec, TypeVar
from urllib.parse import urlsplit

import httpx

from ..errors import ConfigError, KnowledgeError
from ..i18n import t

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.config import Settings as ChromaSettings

DEFAULT_DATABASE = "default_database"
_DEFAULT_PORTS = {"http": 8000, "https": 443}
_DATABASE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{1,510}[A-Za-z0-9]")

P = ParamSpec("P")
R = TypeVar("R")


class ChromaUnreachable(KnowledgeError):
    """The Chroma server named by ``ASSISTANT_CHROMA_URL`` did not answer."""

    def __init__(self, url: str, reason: object, language: str = "zh") -> None:
        super().__init__(t("chroma.error.unreachable", language, url=url, reason=reason))


@dataclass(frozen=True)
class ServerAddress:
    """Where the server is and which of its databases is ours."""

    host: str
    port: int
    ssl: bool
    database: str

    @classmethod
    def parse(cls, url: str, language: str = "zh") -> ServerAddress:
        parts = urlsplit(url)
        try:
            port = parts.port or _DEFAULT_PORTS.get(parts.scheme, 0)
        except ValueError:  # a port that is not a number
            port = 0
        database = parts.path.strip("/") or DEFAULT_DATABASE
        if parts.scheme not in _DEFAULT_PORTS or not parts.hostname or not port or parts.query:
            raise ConfigError(t("chroma.error.url", language, url=repr(url)))
        if not _DATABASE_NAME.fullmatch(database):
            raise ConfigError(t("chroma.error.database", language, database=repr(database)))
        return cls(parts.hostname, port, parts.scheme == "https", database)


def remote_errors(method: Callable[P, R]) -> Callable[P, R]:
    """Report a lost Chroma server as :class:`ChromaUnreachable` (a local store never raises these)."""

    @functools.wraps(method)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except httpx.TransportError as exc:
            raise ChromaUnreachable(getattr(args[0], "url", ""), exc, getattr(args[0], "language", "zh")) from exc

    return guarded


def no_telemetry() -> ChromaSettings:
    """Client settings with telemetry off; a fresh object each time, as HttpClient writes into it."""
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False)


def connect(url: str, language: str = "zh") -> ClientAPI:
    """A client for our database on the Chroma server at ``url``, checked to answer."""
    import chromadb

    address = ServerAddress.parse(url, language)
    try:
        if address.database != DEFAULT_DATABASE:
            _ensure_database(address)
        return chromadb.HttpClient(host=address.host, port=address.port, ssl=address.ssl,
                                   settings=no_telemetry(), database=address.database)
    except (ValueError, httpx.TransportError) as exc:  # chromadb reports a refused connection as ValueError
        raise ChromaUnreachable(url, exc, language) from exc


def _ensure_database(address: ServerAddress) -> None:
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from chromadb.errors import ChromaError, NotFoundError

    admin = chromadb.AdminClient(ChromaSettings(
        anonymized_telemetry=False, chroma_api_impl="chromadb.api.fastapi.FastAPI", chroma_server_host=address.host,
        chroma_server_http_port=address.port, chroma_server_ssl_enabled=address.ssl,
    ))
    try:
        admin.get_database(address.database)
    except NotFoundError:
        try:
            admin.create_database(address.database)
        except ChromaError:  # another instance created it a moment ago
            admin.get_database(address.database)
