"""Fusion of the ranked lists of the search sides by reciprocal rank, and the sides' weights.

Reciprocal rank fusion (score = Σ weight / (k + rank), with a small k so that first places count)
needs no score calibration between the sides, which matters because cosine similarities and BM25
scores live on different scales.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

RRF_K = 5
# The lexical embedding is the weaker judge of the two (see benchmarks/retrieval_quality.py),
# so its ranks count for less in the fusion; a real embedding model is weighted equally, with a
# smaller k (first places count more). Both fitted on tests/data/playbook_questions.tsv (and the
# English and follow-up halves there): hash 0.5 / 5, semantic 0.75 / 1. An English question sees
# the Chinese passages through BM25 only by the glossary's terms, so BM25 counts half for it.
VECTOR_WEIGHT = 0.5
SEMANTIC_WEIGHT = 0.5
SEMANTIC_RRF_K = 2
FOREIGN_BM25_WEIGHT = 0.5
# A question in another script (English) is searched twice on the semantic side: as expanded by the
# glossary and as asked. The glossary only knows the phrases written into it; the model reads the
# rest of the question across languages (tuned-on English hit@3 0.892 → 0.954 with both, playbook,
# follow-up and seed questions unchanged since Chinese questions are searched once).
# The semantic model also ranks the playbooks' sections by their topic (heading and search words)
# read as a question: question-to-question similarity, what e5 does best (see relevance.py).
TOPIC_WEIGHT = 0.5
# An English question also ranks the sections by their topic phrase by phrase (topics.py), once for
# each of its vectors: a blind batch of 60 hard English questions, scored first at hit@3 40/60, then
# 43/60; tuned-on English hit@1 0.767 → 0.82, hit@3 unchanged.
PHRASE_WEIGHT = 0.25
# A follow-up (「那风险呢？」 after a question about 接龙) is searched as the conversation's subject —
# the previous question and the follow-up joined — and, at this share of every side's weight, as its
# own words, which name the facet it moves to (风险). A blind batch of 40 pairs, scored first:
# hit@1 21 → 29, hit@3 35 → 37 of 40; the tuned-on 18: 9 → 12, 16 → 18.
FOCUS_WEIGHT = 0.5
_CJK = re.compile(r"[\u3400-\u9fff]")
Ranking = Sequence[tuple[str, float]]  # (chunk id, score), best first


def foreign(query: str, semantic: bool) -> bool:
    """Is ``query`` in another script than the playbooks (with the semantic model, which reads it)?"""
    return semantic and not _CJK.search(query)


def bm25_weight(query: str, semantic: bool) -> float:
    """BM25's weight for ``query``: full for a Chinese question or the lexical embedding, less for
    a question in another script (BM25 then sees the Chinese passages through the glossary only)."""
    return FOREIGN_BM25_WEIGHT if foreign(query, semantic) else 1.0


def fuse(*rankings: tuple[Ranking, float], k: int = RRF_K) -> list[tuple[str, float]]:
    scores: dict[str, float] = {}
    for ranking, weight in rankings:
        for rank, (chunk_id, _) in enumerate(ranking, start=1):
            scores[chunk_id] = scores.get(chunk_id, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda pair: pair[1], reverse=True)


@dataclass(frozen=True)
class Sides:
    """One text's rankings, weighted for the fusion, and what the relevance check reads of them."""

    rankings: list[tuple[Ranking, float]]
    vector: list[tuple[str, float]]
    bm25: list[tuple[str, float]]
    raw: list[tuple[str, float]]  # an English question's own vector side (beside the glossary's)
    raw_vector: list[float] | None  # the vector of the question as asked, when one was computed

    def vector_scores(self) -> dict[str, float]:
        return {**dict(self.raw), **dict(self.vector)}
