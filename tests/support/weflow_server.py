"""A real HTTP server on 127.0.0.1 that speaks the part of WeFlow's API the sync uses.

It follows WeFlow 5.0's ``httpService.ts``: a token on every ``/api/v1/*`` route (``Authorization:
Bearer`` or ``?access_token=``, 401 otherwise), ``GET /api/v1/sessions?format=chatlab`` and
``GET /api/v1/messages?talker=&format=chatlab&start=&limit=&offset=`` answering with a ChatLab
document **newest first**, ``start`` inclusive, members = the page's senders, ``meta.ownerId`` set,
API type codes (pat 22, red packet 20, transfer 21, forward 26), system notices sent by the group id,
and a ``mediaPath`` on messages. Tests add messages with :meth:`FakeWeFlow.say` and read back every
request in :attr:`FakeWeFlow.requests`.
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

OWNER = "wxid_owner_sync"


@dataclass
class Chat:
    id: str
    name: str
    kind: str = "group"
    messages: list[dict] = field(default_factory=list)


@dataclass
class Request:
    path: str
    query: dict[str, str]
    authorization: str | None


class FakeWeFlow:
    """Start with :meth:`start`; ``url`` is then ``http://127.0.0.1:<port>``."""

    def __init__(self, token: str = "test-token-1234") -> None:
        self.token = token
        self.chats: dict[str, Chat] = {}
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> FakeWeFlow:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def chat(self, chat_id: str, name: str, kind: str = "group") -> Chat:
        self.chats[chat_id] = Chat(chat_id, name, kind)
        return self.chats[chat_id]

    def say(self, chat_id: str, sender: str, name: str, timestamp: int, type_: int, content: str | None, **extra: object) -> None:
        chat = self.chats[chat_id]
        with self._lock:
            number = sum(len(c.messages) for c in self.chats.values()) + 1
            chat.messages.append({"sender": sender, "accountName": "我" if sender == OWNER else name, "timestamp": timestamp,
                                  "type": type_, "content": content, "platformMessageId": str(880000 + number),
                                  "mediaPath": None, **extra})  # fmt: skip

    def _sessions(self) -> dict:
        return {"sessions": [{"id": c.id, "name": c.name, "platform": "wechat", "type": c.kind,
                              "messageCount": len(c.messages), "lastMessageAt": max((m["timestamp"] for m in c.messages), default=0)}
                             for c in self.chats.values()]}  # fmt: skip

    def _messages(self, query: dict[str, str]) -> tuple[int, dict]:
        chat = self.chats.get(query.get("talker", ""))
        if chat is None:
            return 500, {"success": False, "error": "Failed to get messages"}
        start = int(query.get("start") or 0)
        limit = min(max(int(query.get("limit") or 100), 1), 10000)
        offset = int(query.get("offset") or 0)
        with self._lock:
            ordered = sorted((m for m in chat.messages if m["timestamp"] >= start), key=lambda m: -m["timestamp"])
        page = ordered[offset : offset + limit]
        senders = {m["sender"]: {"platformId": m["sender"], "accountName": m["accountName"]} for m in page}
        return 200, {
            "chatlab": {"version": "0.0.2", "exportedAt": 1800000000, "generator": "WeFlow"},
            "meta": {"name": chat.name, "platform": "wechat", "type": chat.kind,
                     "groupId": chat.id if chat.kind == "group" else None, "ownerId": OWNER},
            "members": list(senders.values()), "messages": page,
            "media": {"enabled": False, "exportPath": "", "count": 0},
        }  # fmt: skip

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                parsed = urllib.parse.urlparse(self.path)
                query = dict(urllib.parse.parse_qsl(parsed.query))
                fake.requests.append(Request(parsed.path, query, self.headers.get("Authorization")))
                if parsed.path in ("/health", "/api/v1/health"):
                    return self._json(200, {"status": "ok"})
                bearer = (self.headers.get("Authorization") or "").removeprefix("Bearer ").strip()
                if fake.token not in (bearer, query.get("access_token")):
                    return self._json(401, {"success": False, "error": "Unauthorized: Invalid or missing access_token"})
                if parsed.path == "/api/v1/sessions":
                    return self._json(200, fake._sessions())
                if parsed.path == "/api/v1/messages":
                    return self._json(*fake._messages(query))
                return self._json(404, {"success": False, "error": "Not Found"})

            def _json(self, code: int, body: dict) -> None:
                data = json.dumps(body, ensure_ascii=False).encode("utf-8")
                self.send_response(code)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler
