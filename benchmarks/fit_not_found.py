"""Fit the "not found" model (``assistant/retrieval/not_found.json``) on the tuned-on sets only.

Run from the repository root:  .venv/bin/python -m benchmarks.fit_not_found [--dry-run] [--features a,b]

It writes the model and the question bank (``assistant/retrieval/question_bank.npz``). Every
question of the tuned-on half (``tests/data``: playbook, English, follow-up and seed
questions as on-topic, the off-topic ones as off-topic) is searched with the semantic model the
way the benchmark searches it, and its signals (``Relevance.signals``) are recorded. A logistic
model (numpy, class-balanced, L2) is fitted on them; its threshold is the highest that declines at
most ``MAX_LOST`` of the on-topic questions answered right (hit@3). The ``neighbours`` signal is
computed here rather than taken from the search: each question is compared with the bank without
itself (leave-self-out), as an unseen question is compared with the whole bank. Cross-validated
figures (``FOLDS`` folds; bank, model and threshold refitted on the other folds) are printed; the
held-out half is never read.
"""

from __future__ import annotations

import argparse
import json

import numpy as np

from assistant.retrieval.evaluation import DEPTH, read_cases
from assistant.retrieval.followup import search_query
from assistant.retrieval import question_bank
from assistant.retrieval.not_found import FEATURES, MODEL_FILE, Model
from assistant.retrieval.relevance import elsewhere_subjects, question_matrix

from .retrieval_quality import ROOT, SETS, _assistant

# The shipped choice: on the tuned-on half (173 off-topic, 339 answered right, 10-fold) the two
# contrasts decline 85, with the example view (neighbours) 134; coverage and agreement add nothing
# at this operating point (see benchmarks/RESULTS.md).
SHIPPED_FEATURES = ("contrast", "topic", "neighbours")
MAX_LOST = 0.01  # share of the on-topic questions answered right that may be declined
L2 = 1.0
STEPS = 4000
FOLDS = 10


class Rows:
    """The tuned-on questions' signals, labels and vectors, and the subject lists' vectors."""

    def __init__(self, features: tuple[str, ...], x: np.ndarray, on_topic: np.ndarray, right: np.ndarray,
                 vectors: np.ndarray, topics: np.ndarray, elsewhere: np.ndarray) -> None:
        self.features, self.x, self.on_topic, self.right = features, x, on_topic, right
        self.vectors, self.topics, self.elsewhere = vectors, topics, elsewhere

    def signals(self, rows: np.ndarray, bank: np.ndarray) -> np.ndarray:
        """The signals of ``rows`` with ``neighbours`` measured against the ``bank`` rows (never itself)."""
        x = self.x[rows].copy()
        if "neighbours" in self.features:
            column = self.features.index("neighbours")
            x[:, column] = [self._neighbours(i, bank[bank != i]) for i in rows]
        return x

    def _neighbours(self, row: int, bank: np.ndarray) -> float:
        return question_bank.example_view(self.vectors[row], self.vectors[bank], self.on_topic[bank], self.topics,
                                          self.elsewhere)


def _rows(features: tuple[str, ...]) -> tuple[Rows, str]:
    """Search every tuned-on question as the benchmark does; the rows and the model identity."""
    seeds = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    assistant, _, _ = _assistant("e5", seeds)
    index = assistant.knowledge.search_index
    embedder = index.active.embeddings
    rows, on_topic, right, vectors = [], [], [], []
    for name, (files, collections) in SETS.items():
        if name == "seed" and not seeds:
            continue
        file = files["tuned-on"] if isinstance(files, dict) else files
        for case in read_cases(file, (ROOT / "tests" / "data" / file).read_bytes()):
            query = search_query(case.question, case.previous).text
            retrieved = index.retrieve(query, DEPTH, collections)
            signals = retrieved.relevance.signals()
            assert signals is not None, "the semantic model is needed to fit the not-found model"
            rows.append([signals[f] for f in features])
            vectors.append(embedder.embed_query(query))  # the question as asked, as relevance.py reads it
            on_topic.append(not case.expected.none)
            chunks = [index.chunk(p.id) for p in retrieved.passages[:3]]
            right.append(any(c is not None and case.expected.matches(c) for c in chunks))
    topics = question_matrix(embedder, index.topics())
    elsewhere = question_matrix(embedder, tuple(elsewhere_subjects()))
    return Rows(features, np.asarray(rows, float), np.asarray(on_topic, bool), np.asarray(right, bool),
                question_bank.unit(np.asarray(vectors, np.float32)), topics, elsewhere), str(embedder.identity)


def fit(x: np.ndarray, y: np.ndarray, right: np.ndarray, features: tuple[str, ...] = FEATURES) -> Model:
    mean, scale = x.mean(0), x.std(0) + 1e-9
    z = (x - mean) / scale
    weights, bias = np.zeros(z.shape[1]), 0.0
    balance = np.where(y, 0.5 / y.mean(), 0.5 / (1 - y.mean()))
    for _ in range(STEPS):
        p = 1 / (1 + np.exp(-(z @ weights + bias)))
        gradient = (p - y) * balance
        weights -= 0.5 * (z.T @ gradient + L2 * weights) / len(y)
        bias -= 0.5 * gradient.mean()
    # The threshold is set on the scores of the rounded coefficients the model file holds.
    mean, scale, weights, bias = mean.round(6), scale.round(6), weights.round(6), round(float(bias), 6)
    scores = (x - mean) / scale @ weights + bias
    kept = np.sort(scores[y & right])
    threshold = round(float(kept[int(MAX_LOST * len(kept))]) - 1e-6, 6)
    return Model(features, tuple(mean.tolist()), tuple(scale.tolist()), tuple(weights.tolist()), bias, threshold)


def _decided(model: Model, row: np.ndarray) -> bool:
    return model.found(dict(zip(model.features, row.tolist(), strict=True)))


def cross_validate(rows: Rows, folds: int = FOLDS) -> tuple[int, int]:
    """``(off-topic declined, on-topic answered right but declined)`` of each fold's questions by a
    bank, model and threshold fitted on the other folds."""
    declined = lost = 0
    order = np.random.default_rng(0).permutation(len(rows.on_topic))
    for fold in (order[i::folds] for i in range(folds)):
        train = np.setdiff1d(order, fold)
        model = fit(rows.signals(train, train), rows.on_topic[train], rows.right[train], rows.features)
        found = np.array([_decided(model, r) for r in rows.signals(fold, train)])
        declined += int((~rows.on_topic[fold] & ~found).sum())
        lost += int((rows.on_topic[fold] & rows.right[fold] & ~found).sum())
    return declined, lost


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="print the figures, do not write the model")
    parser.add_argument("--features", default=",".join(SHIPPED_FEATURES), help=f"comma-separated subset of {', '.join(FEATURES)}")
    args = parser.parse_args()
    features = tuple(args.features.split(","))
    rows, identity = _rows(features)
    everything = np.arange(len(rows.on_topic))
    x, y, right = rows.signals(everything, everything), rows.on_topic, rows.right
    model = fit(x, y, right, features)
    fitted = sum(not _decided(model, r) for r in x[~y]), sum(not _decided(model, r) for r in x[y & right])
    declined, lost = cross_validate(rows)
    off, answered = int((~y).sum()), int((y & right).sum())
    print(f"tuned-on: {off} off-topic, {answered} on-topic answered right (hit@3) of {int(y.sum())}")
    print(f"fitted:        declined {fitted[0]}/{off}, on-topic lost {fitted[1]}/{answered}")
    print(f"{FOLDS}-fold:       declined {declined}/{off}, on-topic lost {lost}/{answered}")
    data = model.to_dict() | {
        "fitted_on": "tests/data (tuned-on half)", "fitted": {"declined": int(fitted[0]), "lost": int(fitted[1])},
        "cross_validated": {"folds": FOLDS, "declined": declined, "lost": lost, "off_topic": off, "answered": answered}}
    print(json.dumps(data, ensure_ascii=False))
    if not args.dry_run:
        MODEL_FILE.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        question_bank.write(identity, rows.vectors, rows.on_topic)


if __name__ == "__main__":
    main()
