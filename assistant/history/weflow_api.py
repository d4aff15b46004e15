"""WeFlow's local HTTP API (``docs/HTTP-API.md`` and ``electron/services/httpService.ts`` of WeFlow 5.0).

WeFlow serves the decrypted WeChat 4.x database on ``http://127.0.0.1:5031`` once 设置 → API 服务 is
on. Every ``/api/v1/*`` route needs the token shown there, sent as ``Authorization: Bearer``. Two
routes are used:

* ``GET /api/v1/sessions?format=chatlab`` lists sessions as ``{id, name, platform, type, …}``;
* ``GET /api/v1/messages?talker=<id>&format=chatlab&start=<unix s>&limit=&offset=`` returns one page
  of a session as a ChatLab document, **newest first**, ``start`` inclusive, without a ``hasMore``
  flag: a page shorter than ``limit`` is the last one.

The API listens on the loopback interface only, so any other host is refused here: the token is
never sent across a network, and never through a proxy. It is also never part of an error message.
"""

from __future__ import annotations

import ipaddress
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any

from ..i18n import t
from .errors import InputError

DEFAULT_URL = "http://127.0.0.1:5031"
TIMEOUT = 60.0
_LOCAL = {"localhost", "127.0.0.1", "::1"}


@dataclass(frozen=True)
class Session:
    id: str
    name: str
    is_group: bool


@dataclass
class WeFlowAPI:
    """A connection to one running WeFlow."""

    url: str
    token: str = field(repr=False)
    timeout: float = TIMEOUT
    language: str = "zh"  # of its fix-it errors

    def __post_init__(self) -> None:
        self.url = check_url(self.url, self.language)
        if not self.token.strip():
            raise InputError(t("weflow.error.no_token", self.language))

    def sessions(self) -> list[Session]:
        """Every session WeFlow knows (groups and private chats)."""
        body = self._get("/api/v1/sessions", {"format": "chatlab", "limit": 10000})
        found = body.get("sessions") if isinstance(body, dict) else None
        if not isinstance(found, list):
            raise InputError(t("weflow.error.sessions", self.language))
        return [_session(s) for s in found if isinstance(s, dict) and s.get("id")]

    def messages(self, talker: str, *, start: int | None, offset: int, limit: int) -> dict[str, Any]:
        """One page (newest first) of ``talker`` as a ChatLab document."""
        query: dict[str, Any] = {"talker": talker, "format": "chatlab", "limit": limit, "offset": offset}
        if start is not None:
            query["start"] = start
        body = self._get("/api/v1/messages", query)
        if not isinstance(body, dict) or not isinstance(body.get("messages"), list):
            raise InputError(t("weflow.error.messages", self.language, talker=talker))
        return body

    def _get(self, path: str, query: dict[str, Any]) -> Any:
        request = urllib.request.Request(
            f"{self.url}{path}?{urllib.parse.urlencode(query)}",
            headers={"Authorization": f"Bearer {self.token}", "Accept": "application/json"},
        )
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via a proxy
        try:
            with opener.open(request, timeout=self.timeout) as response:
                data = response.read()
        except urllib.error.HTTPError as exc:
            raise _http_error(exc.code, path, self.language) from None
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise InputError(t("weflow.error.unreachable", self.language, url=self.url, reason=reason)) from None
        try:
            return json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(t("weflow.error.not_json", self.language, path=path, error=exc)) from None


def _session(item: dict[str, Any]) -> Session:
    chat_id = str(item["id"])
    return Session(chat_id, str(item.get("name") or chat_id), item.get("type") == "group" or chat_id.endswith("@chatroom"))


def check_url(url: str, language: str = "zh") -> str:
    """``http://127.0.0.1:5031``-style base URL on this machine; anything else is refused."""
    parsed = urllib.parse.urlparse((url or "").strip() or DEFAULT_URL)
    host = (parsed.hostname or "").lower()
    if parsed.scheme not in ("http", "https") or not host:
        raise InputError(t("weflow.error.url", language, url=url, example=DEFAULT_URL))
    if host not in _LOCAL and not _loopback(host):
        raise InputError(t("weflow.error.remote", language, host=host))
    return f"{parsed.scheme}://{parsed.netloc}".rstrip("/")


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _http_error(code: int, path: str, language: str = "zh") -> InputError:
    if code in (401, 403):
        return InputError(t("weflow.error.refused", language, code=code))
    if code == 404:
        return InputError(t("weflow.error.no_path", language, path=path))
    return InputError(t("weflow.error.http", language, code=code, path=path))
