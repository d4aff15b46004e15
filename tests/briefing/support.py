"""Shared by the briefing tests (no tests of its own): the demo workspace's busiest day, a pasted
chat that holds every kind of thing a digest or an alert looks for, and loopback webhook servers."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


from assistant import Assistant
from tests.support.history_file import read_only
from tests.support.demo_workspace import CALM

# A morning in the 团购群 with a complaint that asks for a refund and @s the owner, someone asking
# for the owner, a 接龙, a private-transfer scam and a hostile message full of markup.
PASTED = """张三 2026/12/2 10:15
@团长小林 我的草莓坏了，要退款，电话13812345678

李四 2026/12/2 10:16
团长在吗？帮我看一下订单

王五 2026/12/2 10:20
#接龙 周五车厘子
1. 王五 2份

赵六 2026/12/2 10:30
别在群里付了，私下转给我，加我微信 abc123456 便宜

钱七 2026/12/2 10:40
[点我领券](http://evil.example/x) <script>alert(1)</script> ![x](http://evil.example/p.png)
"""
DAY = "2026-12-02"


def busiest_day(assistant: Assistant, group: str = CALM) -> str:
    con = read_only(assistant.settings.history_db)
    try:
        con.execute("SET TimeZone = 'UTC'")
        return str(con.execute(
            "SELECT (sent_at AT TIME ZONE 'Asia/Shanghai')::DATE AS d FROM messages JOIN groups USING (group_id) "
            "WHERE name = ? GROUP BY d ORDER BY count(*) DESC, d LIMIT 1", [group]).fetchone()[0])
    finally:
        con.close()


@dataclass
class Hook:
    """A robot webhook on 127.0.0.1 that speaks WeCom's, Feishu's or DingTalk's JSON."""

    platform: str  # wecom | feishu | dingtalk
    replies: list[tuple[int, dict]] = field(default_factory=list)  # scripted (status, body), then success
    received: list[dict] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    uploads: list[bytes] = field(default_factory=list)

    def start(self) -> Hook:
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                hook.paths.append(self.path)
                if "upload_media" in self.path:
                    hook.uploads.append(body)
                    self._send(200, {"errcode": 0, "errmsg": "ok", "type": "file", "media_id": "MEDIA1"})
                    return
                hook.received.append(json.loads(body))
                status, reply = hook.replies.pop(0) if hook.replies else (200, hook.ok())
                self._send(status, reply)

            def _send(self, status: int, reply: dict) -> None:
                data = json.dumps(reply).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def ok(self) -> dict:
        return {"code": 0, "msg": "success"} if self.platform == "feishu" else {"errcode": 0, "errmsg": "ok"}

    @property
    def url(self) -> str:
        port = self.server.server_address[1]
        return {"wecom": f"http://127.0.0.1:{port}/cgi-bin/webhook/send?key=SECRETKEY1234",
                "feishu": f"http://127.0.0.1:{port}/open-apis/bot/v2/hook/SECRETTOKEN5678",
                "dingtalk": f"http://127.0.0.1:{port}/robot/send?access_token=SECRETTOKEN9012"}[self.platform]

    def query(self, n: int = -1) -> dict[str, str]:
        return {k: v[0] for k, v in parse_qs(urlparse(self.paths[n]).query).items()}

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
