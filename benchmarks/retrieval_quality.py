"""Retrieval quality and latency on the bundled playbooks, offline embedding.

Run from the repository root:  .venv/bin/python -m benchmarks.retrieval_quality

Uses the operator questions of tests/test_retrieval.py (question → file and section) and prints
hit@1, hit@3, MRR for hybrid search and for each side alone, the cold and warm start of the
Assistant, and p50/p95 search latency.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from assistant import Assistant, load_settings
from assistant.retrieval.hybrid import CANDIDATES
from assistant.retrieval.synonyms import expand_query
from tests.test_retrieval import QUESTIONS

# Written after the tuning of synonyms.txt and never tuned against: an honest held-out check.
HELD_OUT = [
    ("群收款和私人转账哪个更安全", "07-safe-trading.md", "群收款"),
    ("发现群里有骗子之后要做什么", "07-safe-trading.md", "诈骗"),
    ("怎么写纠纷的时间线", "08-disputes.md", "时间线"),
    ("可以和别的群共享黑名单吗", "08-disputes.md", "黑名单"),
    ("客户在群里闹，公开回复还是私聊", "09-complaints.md", "私聊"),
    ("给客户补偿该怎么选", "09-complaints.md", "补偿"),
    ("用户手机号泄露了怎么办", "10-compliance-risk.md", "泄露"),
    ("文案说能治病可以吗", "10-compliance-risk.md", "功效"),
    ("粉丝群应该怎么运营", "01-positioning.md", "品牌粉丝群"),
    ("群二维码多久会过期", "01-positioning.md", "二维码"),
    ("行业资讯每周发几次", "03-content-interaction.md", "行业资讯"),
    ("怎么搞投票让大家参与选品", "03-content-interaction.md", "投票"),
    ("新人入群第一周要做什么", "06-member-layering.md", "新用户期"),
    ("给活跃的老成员管理员权限好不好", "06-member-layering.md", "荣誉头衔"),
    ("关键词自动回复有什么用", "02-rules-automation.md", "关键词回复"),
    ("活动结束后怎么复盘", "04-activities.md", "复盘"),
]


def _rank(ids_titles: list[tuple[str, str]], file: str, word: str) -> int | None:
    for rank, (source, title) in enumerate(ids_titles, start=1):
        if source.endswith(file) and word in title:
            return rank
    return None


def _summary(name: str, ranks: list[int | None]) -> str:
    hit1 = sum(r == 1 for r in ranks) / len(ranks)
    hit3 = sum(r is not None and r <= 3 for r in ranks) / len(ranks)
    mrr = sum(1 / r for r in ranks if r) / len(ranks)
    return f"| {name} | {hit1:.2f} | {hit3:.2f} | {mrr:.3f} |"


def main() -> None:
    data_dir = Path(tempfile.mkdtemp())
    settings = load_settings(env_file=None, data_dir=data_dir, openai_api_key=None, openai_base_url=None,
                             embedding_model="")
    started = time.perf_counter()
    assistant = Assistant.from_settings(settings)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    assistant = Assistant.from_settings(settings)
    warm = time.perf_counter() - started
    index = assistant.search_index
    titles = {c.id: (str(c.metadata["source"]), str(c.metadata["title"])) for c in index.store.all()}

    hybrid, vector, bm25, latencies = [], [], [], []
    for question, file, word in QUESTIONS + HELD_OUT:
        t0 = time.perf_counter()
        hits = assistant.search(question, 10)
        latencies.append((time.perf_counter() - t0) * 1000)
        hybrid.append(_rank([(h.source, h.title) for h in hits], file, word))
        expanded = expand_query(question)
        vector.append(_rank([titles[i] for i, _ in index.store.search(expanded, CANDIDATES)], file, word))
        bm25.append(_rank([titles[i] for i, _ in index._bm25.search(expanded, CANDIDATES)], file, word))

    print(f"chunks indexed: {len(index)}; questions: {len(QUESTIONS)} tuned-on + {len(HELD_OUT)} held-out")
    print(f"Assistant start: cold (embed + write all chunks) {cold:.2f} s, warm (nothing to re-index) {warm:.2f} s")
    print("| search | hit@1 | hit@3 | MRR |\n| --- | --- | --- | --- |")
    tuned = len(QUESTIONS)
    print(_summary("hybrid (RRF), tuned-on set", hybrid[:tuned]))
    print(_summary("hybrid (RRF), held-out set", hybrid[tuned:]))
    print(_summary("hybrid (RRF), all", hybrid))
    print(_summary("vector only", vector))
    print(_summary("BM25 only", bm25))
    q = statistics.quantiles(latencies, n=20)
    print(f"hybrid search latency: p50 {statistics.median(latencies):.1f} ms, p95 {q[18]:.1f} ms")


if __name__ == "__main__":
    main()
