"""Retrieval quality and latency on the bundled playbooks with the offline embedding.

Run from the repository root:  .venv/bin/python -m benchmarks.retrieval_quality [--json]

Two labelled sets of operator questions, each written by a separate session that saw the
playbooks but never the retrieval code: ``tests/data/playbook_questions.tsv`` (the set the
synonym table and fusion weights were tuned on, asserted by the test suite) and
``benchmarks/data/heldout_questions.tsv`` (never inspected question by question). For each set it
prints hit@1, hit@3 and MRR of BM25 alone, the vector side alone and the hybrid fusion, then the
Assistant's cold and warm start and the hybrid search latency.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from pathlib import Path

from assistant import Assistant, load_settings
from assistant.retrieval.synonyms import expand_query

from .measure import Figure, percentiles, run_benchmark, say

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


def _scores(ranks: list[int | None]) -> tuple[float, float, float]:
    """hit@1, hit@3 and MRR."""
    n = len(ranks)
    return (sum(r == 1 for r in ranks) / n, sum(r is not None and r <= 3 for r in ranks) / n,
            sum(1 / r for r in ranks if r) / n)


def _evaluate(assistant: Assistant, latencies: list[float]) -> dict[str, dict[str, list[int | None]]]:
    """Ranks of the right section, per set and per search side (hybrid search timed)."""
    index = assistant.knowledge.search_index
    where = {c.id: (str(c.metadata["source"]), str(c.metadata["title"])) for c in index.chunks()}
    ranks: dict[str, dict[str, list[int | None]]] = {}
    for label, path in SETS.items():
        sides: dict[str, list[int | None]] = {"BM25 only": [], "vector only": [], "hybrid": []}
        for row in _rows(path):
            t0 = time.perf_counter()
            hits = assistant.search(row["question"], 10)
            latencies.append((time.perf_counter() - t0) * 1000)
            sides["hybrid"].append(_rank([(h.source, h.title) for h in hits], row))
            expanded = expand_query(row["question"])
            sides["vector only"].append(_rank([where[i] for i, _ in index.vector_hits(expanded)], row))
            sides["BM25 only"].append(_rank([where[i] for i, _ in index.bm25_hits(expanded)], row))
        ranks[label] = sides
    return ranks


def measure(_args: argparse.Namespace) -> list[Figure]:
    settings = load_settings(env_file=None, data_dir=Path(tempfile.mkdtemp()), openai_api_key=None,
                             openai_base_url=None, embedding_model="", rerank_model="", chroma_url="")
    started = time.perf_counter()
    assistant = Assistant.from_settings(settings)
    assistant.reindex()
    cold = time.perf_counter() - started
    started = time.perf_counter()
    Assistant.from_settings(settings).reindex()
    warm = time.perf_counter() - started
    latencies: list[float] = []
    ranks = _evaluate(assistant, latencies)
    say(f"chunks indexed: {len(assistant.knowledge.search_index)}")
    say("| set · search | questions | hit@1 | hit@3 | MRR |\n| --- | --- | --- | --- | --- |")
    figures = []
    for label, sides in ranks.items():
        for side, found in sides.items():
            hit1, hit3, mrr = _scores(found)
            say(f"| {label} · {side} | {len(found)} | {hit1:.3f} | {hit3:.3f} | {mrr:.3f} |")
        hit1, hit3, mrr = _scores(sides["hybrid"])
        others = ", ".join(f"{side} {_scores(found)[1]:.3f}" for side, found in sides.items() if side != "hybrid")
        figures.append(Figure("Retrieval quality (offline, bundled playbooks)", f"hybrid hit@3, {label}", hit3, "",
                              at_least=0.9 if label.startswith("tuned") else None,
                              note=f"hit@1 {hit1:.3f}, MRR {mrr:.3f}; hit@3 {others}"))
    p50, p95 = percentiles(latencies)
    say(f"Assistant start: cold (embed + write all chunks) {cold:.2f} s, warm (nothing to re-index) {warm:.2f} s")
    figures.append(Figure("Retrieval quality (offline, bundled playbooks)", "hybrid search p95 (128 chunks)", p95, "ms",
                          note=f"p50 {p50:.1f} ms; index built in {cold:.2f} s, reopened in {warm:.2f} s"))
    return figures


def main() -> None:
    run_benchmark(__doc__.splitlines()[0], lambda _parser: None, measure)


if __name__ == "__main__":
    main()
