"""Retrieval quality and latency on the bundled playbooks with the offline embedding.

Run from the repository root:  .venv/bin/python -m benchmarks.retrieval_quality

Two labelled sets of operator questions, each written by a separate session that saw the
playbooks but never the retrieval code: ``tests/data/playbook_questions.tsv`` (the set the
synonym table and fusion weights were tuned on, asserted by the test suite) and
``benchmarks/data/heldout_questions.tsv`` (never inspected question by question). For each set it
prints hit@1, hit@3 and MRR of BM25 alone, the vector side alone and the hybrid fusion, then the
Assistant's cold and warm start and the hybrid search latency.
"""

from __future__ import annotations

import csv
import statistics
import tempfile
import time
from pathlib import Path

from assistant import Assistant, load_settings
from assistant.retrieval.hybrid import CANDIDATES
from assistant.retrieval.synonyms import expand_query
from assistant.retrieval.tokenizer import tokenize

ROOT = Path(__file__).resolve().parent.parent
SETS = {
    "tuned-on (tests/data)": ROOT / "tests" / "data" / "playbook_questions.tsv",
    "held-out (benchmarks/data)": ROOT / "benchmarks" / "data" / "heldout_questions.tsv",
}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _rank(sections: list[tuple[str, str]], row: dict[str, str]) -> int | None:
    for rank, (source, title) in enumerate(sections, start=1):
        if source.endswith(row["file"]) and title.split(" › ")[-1] == row["section"]:
            return rank
    return None


def _line(name: str, ranks: list[int | None]) -> str:
    n = len(ranks)
    hit1 = sum(r == 1 for r in ranks) / n
    hit3 = sum(r is not None and r <= 3 for r in ranks) / n
    mrr = sum(1 / r for r in ranks if r) / n
    return f"| {name} | {n} | {hit1:.3f} | {hit3:.3f} | {mrr:.3f} |"


def main() -> None:
    settings = load_settings(env_file=None, data_dir=Path(tempfile.mkdtemp()), openai_api_key=None,
                             openai_base_url=None, embedding_model="", rerank_model="")
    started = time.perf_counter()
    assistant = Assistant.from_settings(settings)
    assistant.reindex()
    cold = time.perf_counter() - started
    started = time.perf_counter()
    Assistant.from_settings(settings).reindex()
    warm = time.perf_counter() - started
    index = assistant.knowledge.search_index
    where = {c.id: (str(c.metadata["source"]), str(c.metadata["title"])) for c in index.chunks()}

    latencies: list[float] = []
    print(f"chunks indexed: {len(index)}")
    print("| set · search | questions | hit@1 | hit@3 | MRR |\n| --- | --- | --- | --- | --- |")
    for label, path in SETS.items():
        hybrid, vector, bm25 = [], [], []
        for row in _rows(path):
            t0 = time.perf_counter()
            hits = assistant.search(row["question"], 10)
            latencies.append((time.perf_counter() - t0) * 1000)
            hybrid.append(_rank([(h.source, h.title) for h in hits], row))
            expanded = expand_query(row["question"])
            vector.append(_rank([where[i] for i, _ in index.store.search(expanded, CANDIDATES)], row))
            bm25.append(_rank([where[i] for i, _ in index._bm25.search(tokenize(expanded), CANDIDATES)], row))
        print(_line(f"{label} · BM25 only", bm25))
        print(_line(f"{label} · vector only", vector))
        print(_line(f"{label} · hybrid", hybrid))
    q = statistics.quantiles(latencies, n=20)
    print(f"\nAssistant start: cold (embed + write all chunks) {cold:.2f} s, warm (nothing to re-index) {warm:.2f} s")
    print(f"hybrid search latency over {len(latencies)} queries: p50 {statistics.median(latencies):.1f} ms, p95 {q[18]:.1f} ms")


if __name__ == "__main__":
    main()
