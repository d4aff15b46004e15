"""Retrieval quality and latency on the bundled playbooks and the seed documents, per embedding.

Run from the repository root:  .venv/bin/python -m benchmarks.retrieval_quality [--seeds DIR] [--embedding e5|hash|both] [--json]

Labelled sets written blind to the code (``benchmarks/data/README.md``), each in two halves: the
tuned-on half in ``tests/data`` (fusion weights, the "not found" margin and the English glossary
were fitted on it) and the held-out half in ``benchmarks/data`` (only reported). For both the
semantic model (multilingual-e5-small) and the hash fallback it reports hit@1, hit@3 and MRR of
the hybrid search, the vector side and BM25 on: playbook questions (bundled collection), English
questions, follow-ups (searched with the previous question as the chat does), questions over the
seed documents (added like ``kb add``, user collection; ``--seeds``, default ``../shared/seeds``,
skipped when missing), and how many off-topic questions get "not found". Everything is computed
by ``assistant/retrieval/evaluation.py``, the code behind ``kb eval`` and the knowledge page.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from assistant import Assistant, load_settings
from assistant.retrieval import BUNDLED, USER
from assistant.retrieval.evaluation import EvaluationReport, evaluate, read_cases

from .measure import Figure, percentiles, run_benchmark, say

ROOT = Path(__file__).resolve().parent.parent
HALVES = {"tuned-on": ROOT / "tests" / "data", "held-out": ROOT / "benchmarks" / "data"}
# set -> (file in each half, collections searched)
SETS = {
    "playbook": ({"tuned-on": "playbook_questions.tsv", "held-out": "heldout_questions.tsv"}, [BUNDLED]),
    "english": ("english_questions.tsv", [BUNDLED]),
    "follow-up": ("followup_questions.tsv", [BUNDLED]),
    "off-topic": ("offtopic_questions.tsv", None),
    "seed": ("seed_questions.tsv", [USER]),
}
TITLE = "Retrieval quality (offline)"


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds",
                        help="folder of seed documents added like `kb add` (default ../shared/seeds)")
    parser.add_argument("--embedding", choices=["e5", "hash", "both"], default="both")


def _assistant(embedding: str, seeds: list[Path]) -> tuple[Assistant, float, float]:
    settings = load_settings(env_file=None, data_dir=Path(tempfile.mkdtemp()), openai_api_key=None,
                             openai_base_url=None, embedding_model="", rerank_model="", chroma_url="",
                             offline_embedding=embedding)
    started = time.perf_counter()
    assistant = Assistant.from_settings(settings)
    assistant.reindex()
    cold = time.perf_counter() - started
    if seeds:
        assistant.add_paths(seeds)
        filler = assistant.knowledge.filler
        if filler:
            filler.run()
    started = time.perf_counter()
    Assistant.from_settings(settings).reindex()
    return assistant, cold, time.perf_counter() - started


def _cases(name: str, half: str):  # noqa: ANN202
    files, _ = SETS[name]
    file = files[half] if isinstance(files, dict) else files
    path = HALVES[half] / file
    return read_cases(file, path.read_bytes())


def _row(label: str, report: EvaluationReport) -> list[str]:
    if report.on_topic == 0:
        return [f"| {label} · not found | {report.off_topic} | declined {report.declined}/{report.off_topic} | | |"]
    rows = [f"| {label} · hybrid, answered (found) | {report.on_topic} | | {report.answered_hit3:.3f} | |"]
    for side, score in report.sides.items():
        rows.append(f"| {label} · {side} | {score.questions} | {score.hit1:.3f} | {score.hit3:.3f} | {score.mrr:.3f} |")
    return rows


def measure(args: argparse.Namespace) -> list[Figure]:
    seeds = sorted(p for p in args.seeds.glob("*.txt")) if args.seeds.is_dir() else []
    if not seeds:
        say(f"no seed documents in {args.seeds}: the seed set is skipped")
    embeddings = ["e5", "hash"] if args.embedding == "both" else [args.embedding]
    figures: list[Figure] = []
    results: dict[tuple[str, str, str], EvaluationReport] = {}
    say("| set · half · embedding · side | questions | hit@1 | hit@3 | MRR |\n| --- | --- | --- | --- | --- |")
    for embedding in embeddings:
        assistant, cold, warm = _assistant(embedding, seeds)
        index = assistant.knowledge.search_index
        latencies: list[float] = []
        for name, (_, collections) in SETS.items():
            if name == "seed" and not seeds:
                continue
            for half in HALVES:
                started = time.perf_counter()
                cases = _cases(name, half)
                report = evaluate(index, cases, collections)
                latencies.append((time.perf_counter() - started) * 1000 / max(len(cases), 1))
                results[(name, half, embedding)] = report
                for line in _row(f"{name} · {half} · {embedding}", report):
                    say(line)
        p50, _ = percentiles(latencies)
        figures.append(Figure(TITLE, f"start with the bundled playbooks ({embedding})", cold, "s", at_most=5.0,
                              note=f"fresh data dir, shipped vectors; reopened in {warm:.2f} s; "
                                   f"evaluation ~{p50:.0f} ms per question (3 sides)"))
    figures += _figures(results, embeddings)
    return figures


def _figures(results: dict[tuple[str, str, str], EvaluationReport], embeddings: list[str]) -> list[Figure]:
    figures = []
    main = embeddings[0]
    other = embeddings[1] if len(embeddings) > 1 else None

    def beside(name: str, half: str, side: str = "hybrid") -> str:
        if other is None or (name, half, other) not in results:
            return ""
        s = results[(name, half, other)].sides[side]
        return f"; {other}: hit@1 {s.hit1:.3f}, hit@3 {s.hit3:.3f}, MRR {s.mrr:.3f}"

    for name, (_, _) in SETS.items():
        for half in HALVES:
            report = results.get((name, half, main))
            if report is None:
                continue
            if name == "off-topic":
                hash_note = ""
                if other and (name, half, other) in results:
                    hash_note = f"; {other}: {results[(name, half, other)].declined}/{report.off_topic}"
                figures.append(Figure(TITLE, f"off-topic declined ({half}, {main})", report.declined, "",
                                      at_least=0.9 * report.off_topic if half == "held-out" else None,
                                      note=f"of {report.off_topic}{hash_note}"))
                continue
            hybrid, vector, bm25 = (report.sides[s] for s in ("hybrid", "vector", "bm25"))
            target = {"playbook": 0.95, "english": 0.9}.get(name) if half == "held-out" else None
            note = (f"hit@1 {hybrid.hit1:.3f}, MRR {hybrid.mrr:.3f}; vector {vector.hit1:.3f}/{vector.hit3:.3f}, "
                    f"BM25 {bm25.hit1:.3f}/{bm25.hit3:.3f}; found {report.found_on_topic}/{report.on_topic}, "
                    f"hit@3 with the not-found floor {report.answered_hit3:.3f}" + beside(name, half))
            figures.append(Figure(TITLE, f"{name} hybrid hit@3 ({half}, {main})", hybrid.hit3, "",
                                  at_least=target, note=note))
            if name == "playbook" and half == "held-out":
                figures.append(Figure(TITLE, f"playbook hybrid hit@1 (held-out, {main})", hybrid.hit1, "",
                                      at_least=0.8, note=beside(name, half).lstrip("; ")))
    return figures


def main() -> None:
    run_benchmark(__doc__.splitlines()[0], _arguments, measure)


if __name__ == "__main__":
    main()
