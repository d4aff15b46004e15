"""The "not found" decision: several signals weighed by a tiny logistic model instead of one floor.

One contrast alone (the best passage's similarity against a list of subjects the documents are not
about) was fitted closely to the questions it was tuned on and declined fewer unseen off-topic
questions. Signals of different kinds judge together:

- ``contrast``: passage view — best passage similarity minus best off-subject similarity;
- ``topic``: question view — the question's similarity to the playbooks' topics minus the same
  off-subject list read as questions (see ``relevance.py``);
- ``coverage``: the share of the question's IDF-weighted terms the best of the top passages holds
  (BM25's view; independent of the anchor list and of the question's length);
- ``agreement``: the vector and BM25 sides put the same passage in their top three;
- ``neighbours``: example view — the question's nearest answerable example questions against its
  nearest unanswerable ones (``question_bank.py``).

The shipped model uses ``contrast``, ``topic`` and ``neighbours``; coverage and agreement declined
no more off-topic questions at the same loss. Near-topic questions (抖音投流, 企业微信开发票,
群主转让) sit as close to the playbooks' subjects as real questions do; the example view is what
tells most of them apart.

The weights (``not_found.json``) are fitted by ``benchmarks/fit_not_found.py`` on the tuned-on
sets only (on-topic playbook, English, follow-up and seed questions against off-topic ones), with
the threshold set so that at most 1 % of the on-topic questions answered right are declined; the
script reports 10-fold cross-validated figures and ``benchmarks/retrieval_quality.py`` the held-out
ones (its tuned-on off-topic figure is flattered: the bank holds those very questions).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MODEL_FILE = Path(__file__).parent / "not_found.json"
FEATURES = ("contrast", "topic", "coverage", "agreement", "neighbours")


@dataclass(frozen=True)
class Model:
    """Standardised features · weights + bias ≥ threshold means "found"."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float

    def score(self, signals: dict[str, float]) -> float:
        z = ((signals[f] - m) / s for f, m, s in zip(self.features, self.mean, self.scale, strict=True))
        return self.bias + sum(w * v for w, v in zip(self.weights, z, strict=True))

    def found(self, signals: dict[str, float]) -> bool:
        return self.score(signals) >= self.threshold

    def to_dict(self) -> dict[str, object]:
        return {"features": list(self.features), "mean": list(self.mean), "scale": list(self.scale),
                "weights": list(self.weights), "bias": self.bias, "threshold": self.threshold}


@cache
def model() -> Model:
    """The shipped model (``not_found.json``)."""
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    return Model(tuple(data["features"]), tuple(data["mean"]), tuple(data["scale"]), tuple(data["weights"]),
                 float(data["bias"]), float(data["threshold"]))
