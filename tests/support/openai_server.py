"""A real HTTP server on 127.0.0.1 that speaks enough of the OpenAI protocol for our tests.

It serves ``/v1/chat/completions`` (JSON and SSE streaming, with usage when asked for),
``/v1/embeddings`` and ``/v1/models``. Tests script its behaviour per request with
:meth:`FakeOpenAI.enqueue` (a reply, an HTTP error, a stall past the client's timeout, a broken
body, or a stream cut mid-answer) and read back every request it received.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from assistant.llm.offline_embedding import OfflineHashEmbeddings


@dataclass
class Reply:
    text: str = "这是模型的回答。"
    prompt_tokens: int = 123
    completion_tokens: int = 45


@dataclass
class Status:
    code: int
    # "retry at once": the openai client reads Retry-After 0 as no advice and backs off 0.5 s, 1 s, …
    # (1.1 s of idle waiting per failing test); a positive value is honoured as given.
    retry_after: str | None = "0.001"


@dataclass
class Stall:
    seconds: float


@dataclass
class StallMidStream:
    """The reply starts, then the server falls silent for ``seconds`` before finishing it."""

    seconds: float
    text: str = "回答开了个头"


@dataclass
class Malformed:
    pass


@dataclass
class CutStream:
    text: str = "回答说到一半"


@dataclass
class ToolCall:
    """A reply in which the model asks to call ``name`` with ``arguments``."""

    name: str
    arguments: dict = field(default_factory=dict)


@dataclass
class Recorded:
    path: str
    headers: dict[str, str]
    body: dict = field(default_factory=dict)


class FakeOpenAI:
    """Start with :meth:`start`; ``base_url`` is then ``http://127.0.0.1:<port>/v1``."""

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self._script: deque = deque()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def start(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def enqueue(self, *behaviours: object) -> None:
        with self._lock:
            self._script.extend(behaviours)

    def chat_requests(self) -> list[Recorded]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    def _next(self) -> object:
        with self._lock:
            return self._script.popleft() if self._script else Reply()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                self._json(200, {"object": "list", "data": [{"id": "fake-model", "object": "model"}]})

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("content-length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append(Recorded(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                if self.path.endswith("/embeddings"):
                    return self._embeddings(body)
                if self.path.endswith("/rerank"):
                    return self._rerank(body, fake._next())
                return self._chat(body, fake._next())

            def _chat(self, body: dict, behaviour: object) -> None:
                if isinstance(behaviour, Stall):
                    time.sleep(behaviour.seconds)
                    behaviour = Reply()
                if isinstance(behaviour, Status):
                    headers = {"retry-after": behaviour.retry_after} if behaviour.retry_after else {}
                    return self._json(behaviour.code, {"error": {"message": "scripted", "type": "x"}}, headers)
                if isinstance(behaviour, Malformed):
                    return self._raw(200, "text/event-stream", b"data: {this is not json\n\n")
                if isinstance(behaviour, CutStream):
                    return self._cut(body, behaviour)
                if isinstance(behaviour, StallMidStream):
                    return self._stall_mid_stream(body, behaviour)
                if isinstance(behaviour, ToolCall):
                    return self._json(200, _tool_call(body, behaviour))
                assert isinstance(behaviour, Reply)
                if body.get("stream"):
                    return self._stream(body, behaviour)
                return self._json(200, _completion(body, behaviour))

            def _stream(self, body: dict, reply: Reply) -> None:
                self._start_sse()
                pieces = [reply.text[i : i + 4] for i in range(0, len(reply.text), 4)]
                for piece in pieces:
                    self._event(_chunk(body, {"content": piece}, None))
                self._event(_chunk(body, {}, "stop"))
                if (body.get("stream_options") or {}).get("include_usage"):
                    usage_chunk = _chunk(body, {}, None)
                    usage_chunk["choices"] = []
                    usage_chunk["usage"] = _usage(reply)
                    self._event(usage_chunk)
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
                self.close_connection = True

            def _cut(self, body: dict, cut: CutStream) -> None:
                self._start_sse()
                self._event(_chunk(body, {"content": cut.text}, None))
                self.close_connection = True  # no finish_reason, no [DONE]

            def _stall_mid_stream(self, body: dict, stall: StallMidStream) -> None:
                self._start_sse()
                self._event(_chunk(body, {"content": stall.text}, None))
                time.sleep(stall.seconds)
                try:
                    self._event(_chunk(body, {}, "stop"))
                    self.wfile.write(b"data: [DONE]\n\n")
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting, as it should
                self.close_connection = True

            def _embeddings(self, body: dict) -> None:
                inputs = body["input"] if isinstance(body["input"], list) else [body["input"]]
                vectors = OfflineHashEmbeddings(64).embed_documents([str(i) for i in inputs])
                data = [{"object": "embedding", "index": i, "embedding": v} for i, v in enumerate(vectors)]
                self._json(200, {"object": "list", "data": data, "model": body.get("model"),
                                 "usage": {"prompt_tokens": 1, "total_tokens": 1}})

            def _rerank(self, body: dict, behaviour: object) -> None:
                # Scores rise with position: a reranked list comes back reversed, visibly.
                if isinstance(behaviour, Status):
                    return self._json(behaviour.code, {"error": {"message": "scripted"}})
                results = [{"index": i, "relevance_score": float(i)} for i in range(len(body["documents"]))]
                self._json(200, {"model": body.get("model"), "results": results})

            def _start_sse(self) -> None:
                self.send_response(200)
                self.send_header("content-type", "text/event-stream")
                self.send_header("connection", "close")
                self.end_headers()

            def _event(self, payload: dict) -> None:
                self.wfile.write(f"data: {json.dumps(payload, ensure_ascii=False)}\n\n".encode())
                self.wfile.flush()

            def _json(self, code: int, payload: dict, headers: dict | None = None) -> None:
                self._raw(code, "application/json", json.dumps(payload).encode(), headers)

            def _raw(self, code: int, ctype: str, data: bytes, headers: dict | None = None) -> None:
                try:
                    self.send_response(code)
                    self.send_header("content-type", ctype)
                    self.send_header("content-length", str(len(data)))
                    for name, value in (headers or {}).items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a scripted stall); nothing to tell it

        return Handler


def _usage(reply: Reply) -> dict:
    total = reply.prompt_tokens + reply.completion_tokens
    return {"prompt_tokens": reply.prompt_tokens, "completion_tokens": reply.completion_tokens, "total_tokens": total}


def _chunk(body: dict, delta: dict, finish: str | None) -> dict:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": body.get("model", "fake-model"),
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


def _tool_call(body: dict, call: ToolCall) -> dict:
    message = {"role": "assistant", "content": None, "tool_calls": [{
        "id": f"call_{call.name}", "type": "function",
        "function": {"name": call.name, "arguments": json.dumps(call.arguments, ensure_ascii=False)}}]}
    return {"id": "chatcmpl-fake", "object": "chat.completion", "created": 0, "model": body.get("model", "fake-model"),
            "choices": [{"index": 0, "message": message, "finish_reason": "tool_calls"}],
            "usage": {"prompt_tokens": 50, "completion_tokens": 5, "total_tokens": 55}}


def _completion(body: dict, reply: Reply) -> dict:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 0,
        "model": body.get("model", "fake-model"),
        "choices": [{"index": 0, "message": {"role": "assistant", "content": reply.text}, "finish_reason": "stop"}],
        "usage": _usage(reply),
    }
