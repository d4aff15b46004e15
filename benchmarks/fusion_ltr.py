"""Learning to rank against reciprocal rank fusion, cross-validated on the tuned-on sets (issue 17).

Run from the repository root:  .venv/bin/python -m benchmarks.fusion_ltr [--seeds DIR] [--cache FILE] [--repeats N]

Does a linear scorer fitted on features of each (question, passage) pair rank better than the fixed
weights of ``fusion.py``? Every question of the tuned-on half (``tests/data``: playbook, English,
follow-up and seed questions; never ``benchmarks/data``) is searched with the semantic model as
``evaluate`` searches it, and each side's ranking is recorded: the vector side, BM25, the topic side
and, for an English question, the raw question's vector and topic sides. The candidates are the
union of the sides' top 20, filtered as ``hybrid.py`` filters them. Features per candidate: each
side's reciprocal rank, its score against the side's best (cosine gap; BM25 score / best score), the
share of the question's IDF mass the passage holds (``BM25Index.coverage``), how much of the
heading and of the search words the question names, and the BM25 and coverage features again for
an English question. The model is a listwise softmax (the right passages' share of the softmax over
the candidates, L2-penalised), fitted in numpy, scored by 10-fold cross-validation grouped by
question and repeated with reshuffled folds; today's RRF has no fitted parameter and is scored on
the same questions. Off-topic questions are judged by the same "not found" rule (the model's margin,
or a user passage among the top three holding half the question): the ranking only moves the latter.

Result (December 2026; tuned-on, with the seed documents, 5 × 10 folds), hit@1 / hit@3:

- RRF today: playbook 0.812 / 0.931, English 0.767 / 0.973, follow-up 0.500 / 0.889, seed 0.714 / 0.886;
- best learned (ranks, scores, coverage, heading): playbook 0.819 / 0.941, English 0.800 / 0.957,
  follow-up 0.556 / 0.889, seed 0.743 / 0.886; off-topic declined 167/173 for both.

The playbook gain is about one question in a hundred: per 10-fold run it wins 5–8 questions at
hit@1 and loses 3–5 (per-fold differences ±5 points); English gains hit@1 but loses hit@3 (net
−1 to −4 questions per run). About 60 variants (pointwise logistic, RRF-anchored, log ranks, true
cosines beyond the top 20, e5 similarity to the heading alone, separate English weights) all stay
at playbook hit@1 0.79–0.824; a grid of RRF weights chosen on the training folds picks today's
weights in 49 of 50 folds. Issue 17's bar for shipping (playbook hit@1 +1.5 points with English
not lower) is not met: RRF stays, and this script keeps the comparison reproducible.
"""

from __future__ import annotations

import argparse
import pickle
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.retrieval.evaluation import DEPTH, Case
from assistant.retrieval.followup import search_query
from assistant.retrieval.hybrid import HybridSearch
from assistant.retrieval.fusion import FOREIGN_BM25_WEIGHT, SEMANTIC_RRF_K, SEMANTIC_WEIGHT, TOPIC_WEIGHT, foreign
from assistant.retrieval.synonyms import expand_query
from assistant.retrieval.tokenizer import tokenize

from .retrieval_quality import ROOT, SETS, _assistant, _cases

SIDES = ("vector", "bm25", "topic", "raw", "raw_topic")
ON_TOPIC = ("playbook", "english", "follow-up", "seed")
HALF = "tuned-on"  # the only half this script reads
FOLDS = 10
STEPS = 300
# name -> (features, features repeated for an English question, L2)
MODELS = {
    "learned (ranks, scores, coverage, heading)": ("rank score coverage heading hints".split(), ["bm25_rank", "bm25_score", "coverage"], 1e-3),
    "learned (ranks, scores, coverage)": ("rank score coverage".split(), ["bm25_rank", "bm25_score", "coverage"], 1e-2),
    "learned (all features × English)": ("rank score coverage heading hints".split(), None, 3e-2),
}


@dataclass
class Query:
    """One searched question: its candidates, their features and which of them are right."""

    set: str
    question: str
    foreign: bool
    candidates: list[str]
    features: dict[str, np.ndarray]
    right: np.ndarray
    rrf: np.ndarray  # today's fused score
    user: np.ndarray  # candidate from the user's documents
    margin: float | None  # the "not found" model's margin (independent of the ranking)


def collect(seeds: list[Path]) -> list[Query]:
    """Search every tuned-on question and record its candidates' features."""
    assistant, _, _ = _assistant("e5", seeds)
    index = assistant.knowledge.search_index
    queries = []
    for name in (*ON_TOPIC, "off-topic"):
        if name == "seed" and not seeds:
            continue
        collections = SETS[name][1]
        for case in _cases(name, HALF):
            query = search_query(case.question, case.previous).text
            expanded = expand_query(query)
            retrieved = index.retrieve(query, DEPTH, collections)
            searched = index.vector_text(query, expanded)
            vector = index.active.embeddings.embed_query(searched)
            # The sides as hybrid.py's _fused reads them (the topic side has no public door).
            sides = {"vector": index.vector_hits(searched, collections), "bm25": index.bm25_hits(expanded, collections),
                     "topic": index._topic_hits(vector, collections)}
            if expanded != query and foreign(query, True):
                raw = index.active.embeddings.embed_query(query)
                sides |= {"raw": index.vector_hits(query, collections), "raw_topic": index._topic_hits(raw, collections)}
            queries.append(_query(index, name, case, query, expanded, sides, retrieved.relevance.margin))
    return queries


def _query(index: HybridSearch, name: str, case: Case, query: str, expanded: str,
           sides: dict[str, list[tuple[str, float]]], margin: float | None) -> Query:
    similar = {**dict(sides.get("raw", [])), **dict(sides["vector"])}
    ordered = list(dict.fromkeys(i for side in SIDES for i, _ in sides.get(side, [])))
    bm25 = dict(sides["bm25"])
    candidates = [i for i in ordered if i in bm25 or similar.get(i, 0.0) >= index.min_similarity]
    chunks = [index.chunk(i) for i in candidates]
    asked = tokenize(expanded)
    words = set(asked)
    features: dict[str, list[float]] = {}
    for side in SIDES:
        ranked = sides.get(side, [])
        rank = {i: n for n, (i, _) in enumerate(ranked, start=1)}
        best = ranked[0][1] if ranked else 0.0
        floor = ranked[-1][1] if ranked else 0.0  # an absent candidate scores at most the side's last
        score = {i: s for i, s in ranked}
        features[f"{side}_rank"] = [1 / (SEMANTIC_RRF_K + rank[i]) if i in rank else 0.0 for i in candidates]
        if side == "bm25":
            features[f"{side}_score"] = [score.get(i, 0.0) / best if best else 0.0 for i in candidates]
        else:
            features[f"{side}_score"] = [score.get(i, floor) - best if ranked else 0.0 for i in candidates]
    features["coverage"] = [index._bm25.coverage(asked, i) for i in candidates]  # as relevance.py measures it
    headings = [[t for t in tokenize(c.title.split(" › ")[-1]) if not t.startswith("~")] for c in chunks]
    features["heading"] = [sum(t in words for t in h) / len(h) if h else 0.0 for h in headings]
    hints = [set(tokenize(str(c.metadata.get("hints", "")))) for c in chunks]
    features["hints"] = [len(h & words) / (len(words) or 1) for h in hints]
    weights = {"vector": SEMANTIC_WEIGHT, "bm25": FOREIGN_BM25_WEIGHT if foreign(query, True) else 1.0,
               "topic": TOPIC_WEIGHT, "raw": SEMANTIC_WEIGHT, "raw_topic": TOPIC_WEIGHT}
    rrf = sum(weights[s] * np.asarray(features[f"{s}_rank"]) for s in SIDES)
    return Query(name, case.question, foreign(query, True), candidates, {k: np.asarray(v, float) for k, v in features.items()},
                 np.asarray([case.expected.matches(c) for c in chunks], bool), np.asarray(rrf, float),
                 np.asarray([c.metadata.get("collection") == "user" for c in chunks], bool), margin)


def matrix(query: Query, kinds: list[str], english: list[str] | None) -> np.ndarray:
    """The feature matrix of one query; ``english``: columns repeated for an English question (None: all)."""
    names = [n for n in query.features if any(n == k or n.endswith("_" + k) for k in kinds)]
    x = np.column_stack([query.features[n] for n in names]) if query.candidates else np.zeros((0, len(names)))
    repeated = names if english is None else english
    extra = np.column_stack([query.features[n] for n in repeated]) if query.candidates else np.zeros((0, len(repeated)))
    return np.hstack([x, extra * query.foreign])


def fit(data: list[tuple[np.ndarray, np.ndarray]], l2: float) -> np.ndarray:
    """Weights maximising the right passages' softmax share per query (gradient descent with momentum)."""
    x = np.vstack([m for m, _ in data])
    right = np.concatenate([r for _, r in data]).astype(float)
    sizes = np.array([len(m) for m, _ in data])
    starts = np.r_[0, np.cumsum(sizes)[:-1]]
    group = np.repeat(np.arange(len(data)), sizes)
    w, velocity = np.zeros(x.shape[1]), np.zeros(x.shape[1])
    for _ in range(STEPS):
        s = x @ w
        e = np.exp(s - np.maximum.reduceat(s, starts)[group])
        p = e / np.add.reduceat(e, starts)[group]
        share = np.add.reduceat(p * right, starts)
        target = np.where(right > 0, p / share[group], 0.0)
        velocity = 0.9 * velocity + x.T @ (p - target) / len(data) + l2 * w
        w -= 0.05 * velocity
    return w


def folds(queries: list[Query], seed: int) -> dict[str, int]:
    """Fold of each on-topic question (grouped by question text)."""
    questions = sorted({q.question for q in queries if q.set in ON_TOPIC})
    np.random.default_rng(seed).shuffle(questions)
    return {question: n % FOLDS for n, question in enumerate(questions)}


def cross_validated(queries: list[Query], kinds: list[str], english: list[str] | None, l2: float,
                    repeats: int) -> list[list[np.ndarray]]:
    """Per repeat, each query's scores by a model fitted without its fold (off-topic: by fold 0's)."""
    matrices = [matrix(q, kinds, english) for q in queries]
    runs = []
    for seed in range(repeats):
        fold = folds(queries, seed)
        scores: list[np.ndarray] = [np.zeros(0)] * len(queries)
        for f in range(FOLDS):
            train = [n for n, q in enumerate(queries) if fold.get(q.question, f) != f and q.right.any()]
            stacked = np.vstack([matrices[n] for n in train])
            mean, scale = stacked.mean(0), stacked.std(0) + 1e-9
            w = fit([((matrices[n] - mean) / scale, queries[n].right) for n in train], l2)
            for n, q in enumerate(queries):
                if fold.get(q.question, 0) == f:
                    scores[n] = (matrices[n] - mean) / scale @ w
        runs.append(scores)
    return runs


def figures(queries: list[Query], scores: list[np.ndarray]) -> dict[str, tuple[float, ...]]:
    """hit@1, hit@3, MRR per set; off-topic declined; the on-topic ranks (for paired counts)."""
    ranks: dict[str, list[int | None]] = {}
    declined = 0
    for q, s in zip(queries, scores, strict=True):
        order = np.argsort(-s, kind="stable")[:DEPTH]
        if q.set == "off-topic":
            top = order[:3]
            own = max((q.features["coverage"][j] for j in top if q.user[j]), default=0.0)
            declined += not (len(q.candidates) and (q.margin is None or q.margin >= 0 or own >= 0.5))
            continue
        rank = next((n for n, j in enumerate(order, start=1) if q.right[j]), None)
        ranks.setdefault(q.set, []).append(rank)
    out = {name: (np.mean([r == 1 for r in rs]), np.mean([r is not None and r <= 3 for r in rs]),
                  np.mean([1 / r if r else 0.0 for r in rs])) for name, rs in ranks.items()}
    out["off-topic"] = (float(declined),)
    return out


def _averaged(runs: list[dict[str, tuple[float, ...]]]) -> dict[str, tuple[float, ...]]:
    return {name: tuple(np.mean([run[name][j] for run in runs]) for j in range(len(runs[0][name]))) for name in runs[0]}


def _line(label: str, result: dict[str, tuple[float, ...]], off_topic: int) -> str:
    cells = [" / ".join(f"{v:.3f}" for v in result[name]) if name in result else "–" for name in ON_TOPIC]
    return f"| {label} | " + " | ".join(cells) + f" | {result['off-topic'][0]:.0f}/{off_topic} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--cache", type=Path, help="pickle of the searched questions: read when it exists, else written")
    parser.add_argument("--repeats", type=int, default=5, help="10-fold runs with reshuffled folds")
    args = parser.parse_args()
    if args.cache and args.cache.exists():
        queries = pickle.loads(args.cache.read_bytes())
    else:
        queries = collect(sorted(args.seeds.glob("*.txt")) if args.seeds.is_dir() else [])
        if args.cache:
            args.cache.write_bytes(pickle.dumps(queries))
    off_topic = sum(q.set == "off-topic" for q in queries)
    sizes = {name: sum(q.set == name for q in queries) for name in ON_TOPIC}
    print(f"tuned-on questions: {sizes}, off-topic {off_topic}; {args.repeats} × {FOLDS} folds grouped by question")
    print("| scorer | " + " | ".join(f"{n} hit@1 / hit@3 / MRR" for n in ON_TOPIC) + " | off-topic declined |")
    print("| --- " * (len(ON_TOPIC) + 2) + "|")
    print(_line("RRF (fusion.py today)", figures(queries, [q.rrf for q in queries]), off_topic))
    for label, (kinds, english, l2) in MODELS.items():
        runs = cross_validated(queries, kinds, english, l2, args.repeats)
        print(_line(f"{label}, L2 {l2:g}", _averaged([figures(queries, s) for s in runs]), off_topic))


if __name__ == "__main__":
    main()
