"""Is anything found at all? The relevance floor behind an honest "the playbooks don't cover this".

Every index returns *some* passage for any question; quoting the least unrelated one with
confidence is worse than saying nothing was found. Three signals of the search decide:

- ``coverage``: the share of the question's BM25 weight (IDF) that the best passages contain —
  a question about 抖音投流 shares 群 and 流量 with the playbooks, not 抖音 or 投流;
- ``vector_top``: the best semantic similarity;
- ``vector_gap``: how far the best similarity stands above the mean of the top candidates —
  a question the playbooks answer has a peak, an unrelated one a flat profile (e5's cosine
  similarities are compressed into 0.75–0.95, so the peak says more than the level).

The thresholds are fitted on the tuned-on sets (``tests/data``: on-topic playbook, seed and
English questions against the off-topic ones) by ``benchmarks/retrieval_quality.py --fit`` and
reported on the held-out sets; the hash embedding, whose similarity is lexical, uses coverage alone.
"""

from __future__ import annotations

from dataclasses import dataclass

# Fitted on tests/data (see the module docstring); semantic model / lexical fallback.
SEMANTIC_FLOOR = {"coverage": 0.5, "vector_top": 0.86, "vector_gap": 0.035}
LEXICAL_COVERAGE = 0.34


@dataclass(frozen=True)
class Relevance:
    """What the search saw of the question (see the module docstring)."""

    coverage: float = 0.0
    vector_top: float = 0.0
    vector_gap: float = 0.0
    semantic: bool = False

    @property
    def found(self) -> bool:
        if not self.semantic:
            return self.coverage >= LEXICAL_COVERAGE
        floor = SEMANTIC_FLOOR
        if self.coverage >= floor["coverage"]:
            return True
        return self.vector_top >= floor["vector_top"] and self.vector_gap >= floor["vector_gap"]

    def to_dict(self) -> dict[str, float | bool]:
        return {"coverage": round(self.coverage, 4), "vector_top": round(self.vector_top, 4),
                "vector_gap": round(self.vector_gap, 4), "found": self.found}
