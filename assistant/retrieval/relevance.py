"""Is anything found at all? The relevance floor behind an honest "the playbooks don't cover this".

Every index returns *some* passage for any question; quoting the least unrelated one with
confidence is worse than saying nothing was found. The semantic model decides by contrast, on three
views of the question:

- passage view: its similarity to the best passage against its similarity to a short list of
  subjects the documents are not about (``elsewhere.txt``: weather, recipes, stocks, other
  platforms' features, taxes …);
- question view: its similarity, as a question, to the playbooks' topics (each section's heading
  and search words) against the same list read as questions;
- example view: the question's nearest labelled example questions, answerable against not
  (``question_bank.py``): near-topic questions about other platforms' features are told apart by
  which questions they resemble rather than by which subjects (off-topic questions declined on the
  tuned-on half, 10-fold: 85 → 134 of 173 with the first two views alone → all three).

e5's cosine similarities are compressed into 0.75–0.95, so an absolute floor cannot tell
「今天天气怎么样」 (0.86 to its best passage) from a real question phrased loosely (0.87); the
contrasts can. ``not_found.py`` weighs them (BM25's view of the best passages — how much of the
question they cover, whether both sides agree — is recorded too but adds nothing at the operating
point).

The example view and the topics know only the playbooks' trade: a question like 「开增值税专用发票需要
什么条件？」 is labelled unanswerable in the bank, yet a user who uploaded their own invoicing guide
must get its answer. So a question is also found when one of the user's own top passages holds at
least half of its IDF-weighted words (``OWN_DOCUMENT_COVERAGE``). On the tuned-on half with the seed
documents added, no off-topic question reaches 0.31 on a seed passage, while a user's tax guide
answering two of those questions reaches 0.8.

The hash embedding is lexical: it cannot tell a loosely worded question from an unrelated one, so
without the model an answer is "not found" only when no passage shares a word with the question.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from . import not_found, question_bank, shipped_vectors
from .passage import Passage

ELSEWHERE_FILE = Path(__file__).parent / "elsewhere.txt"
OWN_DOCUMENT_COVERAGE = 0.5  # share of the question's IDF mass in one of the user's own top passages
_lock = threading.Lock()


@dataclass(frozen=True)
class Relevance:
    """What the search saw of the question."""

    vector_top: float = 0.0  # the best passage's similarity
    elsewhere: float | None = None  # the best off-subject similarity, passage view (semantic model only)
    any_passage: bool = False
    topic_contrast: float = 0.0  # question view: best playbook topic minus best off-subject
    coverage: float = 0.0  # BM25 view: the question's IDF share held by the best top passage
    agreement: bool = False  # the vector and BM25 sides share a passage in their top three
    neighbours: float = 0.0  # example view: nearest answerable examples minus nearest unanswerable ones
    own_coverage: float = 0.0  # BM25 view of the user's own documents: best coverage among their top passages

    def signals(self) -> dict[str, float] | None:
        """The inputs of the "not found" model (semantic model only)."""
        if self.elsewhere is None:
            return None
        return {"contrast": self.vector_top - self.elsewhere, "topic": self.topic_contrast,
                "coverage": self.coverage, "agreement": float(self.agreement), "neighbours": self.neighbours}

    @property
    def margin(self) -> float | None:
        """The model's score above its threshold (``None`` without the semantic model)."""
        signals = self.signals()
        if signals is None:
            return None
        decision = not_found.model()
        return decision.score(signals) - decision.threshold

    @property
    def found(self) -> bool:
        if not self.any_passage:
            return False
        margin = self.margin
        return margin is None or margin >= 0 or self.own_coverage >= OWN_DOCUMENT_COVERAGE

    def to_dict(self) -> dict[str, object]:
        margin = self.margin
        return {"found": self.found, "vector_top": round(self.vector_top, 4),
                "margin": None if margin is None else round(margin, 4)}


@dataclass(frozen=True)
class Retrieved:
    """Ranked passages and whether the best of them are relevant at all."""

    passages: list[Passage]
    relevance: Relevance

    @property
    def found(self) -> bool:
        return bool(self.passages) and self.relevance.found


def elsewhere_subjects() -> list[str]:
    lines = ELSEWHERE_FILE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


QUERY_SIDE = "query: "  # shipped-table key prefix of texts embedded as questions


@cache
def _matrix(identity: str, embedder: object, texts: tuple[str, ...], as_query: bool) -> np.ndarray:
    keys = [QUERY_SIDE + t if as_query else t for t in texts]
    shipped = shipped_vectors.lookup(identity, keys)
    missing = [t for t, v in zip(texts, shipped, strict=True) if v is None]
    if as_query:
        computed = iter([embedder.embed_query(t) for t in missing])  # type: ignore[attr-defined]
    else:
        computed = iter(embedder.embed_documents(missing) if missing else [])  # type: ignore[attr-defined]
    rows = [v if v is not None else np.asarray(next(computed), np.float32) for v in shipped]
    matrix = np.asarray(rows, np.float32).reshape(len(rows), -1)
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def question_matrix(embedder: object, texts: tuple[str, ...]) -> np.ndarray:
    """Unit vectors of ``texts`` read as questions (shipped where the package has them)."""
    if not texts:
        return np.zeros((0, 1), np.float32)
    with _lock:
        return _matrix(str(getattr(embedder, "identity", "")), embedder, texts, True)


def _best(matrix: np.ndarray, vector: np.ndarray) -> float:
    return float((matrix @ vector).max()) if len(matrix) else 0.0


@dataclass(frozen=True)
class Views:
    """A question's vector seen against the subject lists and the example bank (unit vectors)."""

    elsewhere: float  # best off-subject similarity, passage view
    topic: float  # question view: best playbook topic minus best off-subject
    neighbours: float  # example view (question_bank.py)


def contrasts(embedder: object, query_vector: list[float], topics: tuple[str, ...]) -> Views:
    """The subject and example views of a question's vector."""
    identity = str(getattr(embedder, "identity", ""))
    subjects = tuple(elsewhere_subjects())
    vector = np.asarray(query_vector, np.float32)
    vector = vector / (float(np.linalg.norm(vector)) or 1.0)
    with _lock:
        passages = _matrix(identity, embedder, subjects, False)
        questions = _matrix(identity, embedder, subjects, True)
        known = _matrix(identity, embedder, topics, True) if topics else np.zeros((0, len(vector)), np.float32)
    topic = _best(known, vector) - _best(questions, vector) if topics else 0.0
    examples, answerable = question_bank.bank(identity)
    if examples.shape[1] != len(vector):
        examples, answerable = np.zeros((0, len(vector)), np.float32), np.zeros(0, bool)
    neighbours = question_bank.example_view(vector, examples, answerable, known, questions)
    return Views(_best(passages, vector), topic, neighbours)


def topic_text(title: str, hints: str) -> str:
    """A section as a question would name it: its last heading and its search words."""
    return f"{title.split(' › ')[-1]} {hints}".strip()
