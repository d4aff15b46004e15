"""Fusion of the ranked lists of the search sides by reciprocal rank, and the sides' weights.

Reciprocal rank fusion (score = Σ weight / (k + rank), with a small k so that first places count)
needs no score calibration between the sides, which matters because cosine similarities and BM25
scores live on different scales.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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
_CJK = re.compile(r"[\u3400-\u9fff]")


def foreign(query: str, semantic: bool) -> bool:
    """Is ``query`` in another script than the playbooks (with the semantic model, which reads it)?"""
    return semantic and not _CJK.search(query)


def bm25_weight(query: str, semantic: bool) -> float:
    """BM25's weight for ``query``: full for a Chinese question or the lexical embedding, less for
    a question in another script (BM25 then sees the Chinese passages through the glossary only)."""
    return FOREIGN_BM25_WEIGHT if foreign(query, semantic) else 1.0


def fuse(*rankings: tuple[Sequence[tuple[str, float]], float], k: int = RRF_K) -> list[tuple[str, float]]:
    scores: dict[str, float] = {}
    for ranking, weight in rankings:
        for rank, (chunk_id, _) in enumerate(ranking, start=1):
            scores[chunk_id] = scores.get(chunk_id, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda pair: pair[1], reverse=True)
