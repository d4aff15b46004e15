"""Chat pipeline overhead: from a question to the first byte sent to a zero-latency loopback LLM.

Run from the repository root:  .venv/bin/python -m benchmarks.chat_pipeline [--questions N] [--json]

Everything the assistant does before the model can start answering — routing (which reads the
group names from the history store), retrieval, the context budget, prompt rendering, masking,
the HTTP request — is our overhead; the model's own latency is not. So the LLM here is the test
suite's OpenAI-compatible server on 127.0.0.1 (``tests/support/openai_server.py``), answering at
once, and the clock stops when the request's first line reaches it. The workspace is the demo
community, so questions about "our groups" go through the analytics as they do for a user.
Target (issue 8): p95 <= 300 ms.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from pathlib import Path

from assistant import Assistant, load_settings
from tests.support.openai_server import FakeOpenAI

from .corpus import queries
from .measure import Figure, percentiles, run_benchmark, say

OVERHEAD_P95_MS = 300.0
GROUP_QUESTIONS = (
    "为什么上周退群率上升了？", "哪个群最活跃？", "上周各群的转化率怎么样", "最近群里有哪些风险",
    "我们群里哪些人是高价值用户", "这周各群的消息量怎么样", "上周退群多少人", "各群活跃度排名",
    "最近新人留存怎么样", "上周哪个群表现最差",
)


class TimedOpenAI(FakeOpenAI):
    """The loopback server, noting when each request's first line arrives."""

    def __init__(self) -> None:
        self.arrivals: list[float] = []
        super().__init__()

    def _handler_class(self) -> type:
        arrivals = self.arrivals

        class Timed(super()._handler_class()):  # type: ignore[misc]
            def parse_request(self) -> bool:
                arrivals.append(time.perf_counter())
                return super().parse_request()

        return Timed


def overhead_ms(assistant: Assistant, server: TimedOpenAI, question: str) -> float:
    """Milliseconds from asking to the first byte reaching the LLM (the answer is then read out)."""
    seen = len(server.arrivals)
    started = time.perf_counter()
    stream = assistant.stream(question)
    for _ in stream:
        pass
    if len(server.arrivals) == seen:
        raise RuntimeError(f"no request reached the LLM for {question!r} (answered offline?)")
    return (server.arrivals[seen] - started) * 1000


def measure(args: argparse.Namespace) -> list[Figure]:
    server = TimedOpenAI().start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            settings = load_settings(env_file=None, data_dir=Path(folder), openai_base_url=server.base_url,
                                     openai_api_key="benchmark", chat_model="fake-model", embedding_model="",
                                     rerank_model="", llm_timeout=10)
            Assistant.from_settings(settings).history.demo()
            assistant = Assistant.from_settings(settings)
            playbook = queries(args.questions)
            first = overhead_ms(assistant, server, playbook[0])
            say(f"first question after start: {first:.0f} ms (builds the playbook index)")
            routes = Counter(assistant.route(q).kind for q in playbook)
            samples = [overhead_ms(assistant, server, q) for q in playbook]
            about_groups = [overhead_ms(assistant, server, q) for q in GROUP_QUESTIONS]
    finally:
        server.stop()
    name = "Chat pipeline (loopback LLM, demo workspace)"
    p50, p95 = percentiles(samples)
    g50, g95 = percentiles(about_groups)
    routed = ", ".join(f"{kind} {count}" for kind, count in routes.most_common())
    return [
        Figure(name, f"overhead p95, {len(samples)} operator questions", p95, "ms", at_most=OVERHEAD_P95_MS,
               note=f"p50 {p50:.0f} ms; routed: {routed}"),
        Figure(name, f"overhead p95, {len(about_groups)} questions about our groups", g95, "ms",
               at_most=OVERHEAD_P95_MS, note=f"p50 {g50:.0f} ms; analytics tools offered to the model"),
        Figure(name, "first question after start", first, "ms", note="includes building the playbook index"),
    ]


def main() -> None:
    run_benchmark(__doc__.splitlines()[0], lambda p: p.add_argument("--questions", type=int, default=50), measure)


if __name__ == "__main__":
    main()
