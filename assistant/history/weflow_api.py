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

    def __post_init__(self) -> None:
        self.url = check_url(self.url)
        if not self.token.strip():
            raise InputError("缺少 WeFlow 的访问令牌。请在 WeFlow「设置 → API 服务」里复制 Token 后填入。")

    def sessions(self) -> list[Session]:
        """Every session WeFlow knows (groups and private chats)."""
        body = self._get("/api/v1/sessions", {"format": "chatlab", "limit": 10000})
        found = body.get("sessions") if isinstance(body, dict) else None
        if not isinstance(found, list):
            raise InputError("WeFlow 返回的会话列表格式不对（缺少 sessions）。请确认 WeFlow 已更新到支持 ChatLab 格式的版本。")
        return [_session(s) for s in found if isinstance(s, dict) and s.get("id")]

    def messages(self, talker: str, *, start: int | None, offset: int, limit: int) -> dict[str, Any]:
        """One page (newest first) of ``talker`` as a ChatLab document."""
        query: dict[str, Any] = {"talker": talker, "format": "chatlab", "limit": limit, "offset": offset}
        if start is not None:
            query["start"] = start
        body = self._get("/api/v1/messages", query)
        if not isinstance(body, dict) or not isinstance(body.get("messages"), list):
            raise InputError(f"WeFlow 返回的 {talker} 消息不是 ChatLab 格式（缺少 messages）。请确认 WeFlow 版本支持 format=chatlab。")
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
            raise _http_error(exc.code, path) from None
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise InputError(
                f"连不上 WeFlow（{self.url}，{reason}）。请确认 WeFlow 正在运行，并在「设置 → API 服务」里开启了 API 服务、端口一致。"
            ) from None
        try:
            return json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"WeFlow 的 {path} 返回的不是 JSON（{exc}）。请确认地址指向 WeFlow 的 API 服务。") from None


def _session(item: dict[str, Any]) -> Session:
    chat_id = str(item["id"])
    return Session(chat_id, str(item.get("name") or chat_id), item.get("type") == "group" or chat_id.endswith("@chatroom"))


def check_url(url: str) -> str:
    """``http://127.0.0.1:5031``-style base URL on this machine; anything else is refused."""
    parsed = urllib.parse.urlparse((url or "").strip() or DEFAULT_URL)
    host = (parsed.hostname or "").lower()
    if parsed.scheme not in ("http", "https") or not host:
        raise InputError(f"WeFlow 地址 {url!r} 看不懂。请写成 {DEFAULT_URL} 这样的形式。")
    if host not in _LOCAL and not _loopback(host):
        raise InputError(
            f"WeFlow 的 API 只在本机（127.0.0.1）上提供，不接受 {host}。访问令牌不会发往其他机器；请在运行 WeFlow 的电脑上同步。"
        )
    return f"{parsed.scheme}://{parsed.netloc}".rstrip("/")


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _http_error(code: int, path: str) -> InputError:
    if code in (401, 403):
        return InputError(f"WeFlow 拒绝了访问令牌（HTTP {code}）。请在 WeFlow「设置 → API 服务」里重新复制 Token。")
    if code == 404:
        return InputError(f"WeFlow 没有 {path} 接口（HTTP 404）。请把 WeFlow 更新到提供 HTTP API 的版本。")
    return InputError(f"WeFlow 处理请求时出错（HTTP {code}，{path}）。请确认数据库已在 WeFlow 里连接好，稍后重试。")
