"""The question bank behind the "not found" model's example view: the signal's arithmetic, the
shipped file, a bank of another model never read, and the fit's leave-self-out rule (numpy and the
in-process fake embedder only; the real model is not loaded)."""

from __future__ import annotations

import numpy as np

from assistant.retrieval import not_found, question_bank
from assistant.retrieval.relevance import Views, contrasts
from assistant.testing import FakeEmbedder
from benchmarks.fit_not_found import Rows


def _unit(*rows: list[float]) -> np.ndarray:
    return question_bank.unit(np.asarray(rows, np.float32))


def test_neighbours_is_nearest_answerable_minus_nearest_unanswerable() -> None:
    answerable, unanswerable = _unit([1, 0, 0], [0.9, 0.1, 0]), _unit([0, 1, 0], [0.1, 0.9, 0])
    near_topic = _unit([1, 0.05, 0])[0]
    elsewhere = _unit([0.05, 1, 0])[0]
    assert question_bank.neighbours(near_topic, answerable, unanswerable) > 0.5
    assert question_bank.neighbours(elsewhere, answerable, unanswerable) < -0.5
    assert question_bank.neighbours(near_topic, answerable[:0], unanswerable[:0]) == 0.0  # an empty bank is neutral


def test_the_shipped_bank_belongs_to_the_shipped_model() -> None:
    with np.load(question_bank.BANK_FILE, allow_pickle=False) as data:
        identity, vectors, answerable = str(data["identity"]), data["vectors"], data["answerable"]
    assert vectors.dtype == np.float16 and len(vectors) == len(answerable) >= 100
    assert answerable.any() and (~answerable).any()
    assert "neighbours" in not_found.model().features
    loaded, labels = question_bank.bank(identity)
    assert np.allclose(np.linalg.norm(loaded, axis=1), 1.0, atol=1e-3) and labels.sum() == answerable.sum()


def test_a_bank_of_another_model_is_never_read(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    labels = np.array([True, False])
    path = question_bank.write("some-other-model", _unit([1, 0], [0, 1]), labels, tmp_path / "bank.npz")
    monkeypatch.setattr(question_bank, "BANK_FILE", path)
    question_bank.bank.cache_clear()
    try:
        assert len(question_bank.bank("some-other-model")[0]) == 2
        assert len(question_bank.bank("fake")[0]) == 0
    finally:
        question_bank.bank.cache_clear()


def test_contrasts_of_an_embedding_without_a_bank_use_the_subject_lists() -> None:
    embedder = FakeEmbedder()
    views = contrasts(embedder, embedder.embed_query("退群率多少算正常"), ("退群率 退群 流失",))
    assert isinstance(views, Views) and all(np.isfinite([views.elsewhere, views.topic, views.neighbours]))


def test_the_fit_compares_each_question_with_the_bank_without_itself() -> None:
    vectors = _unit([1, 0], [1, 0.01], [0, 1], [0.01, 1])
    on_topic = np.array([True, True, False, False])
    x = np.zeros((4, 2))
    rows = Rows(("contrast", "neighbours"), x, on_topic, on_topic, vectors, vectors[:0], vectors[:0])
    everything = np.arange(4)
    signals = rows.signals(everything, everything)
    assert (signals[on_topic, 1] > 0.9).all() and (signals[~on_topic, 1] < -0.9).all()
    alone = rows.signals(np.array([0]), np.array([0, 2]))  # itself left out, the answerable side is empty
    assert abs(alone[0, 1]) < 1e-6  # (it would be 1.0 had it met itself)
