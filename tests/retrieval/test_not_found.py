"""The "not found" model: shipped coefficients load, decide on the signals, and the fit script's
logistic fit keeps its loss allowance (numpy only, no embedding)."""

from __future__ import annotations

import numpy as np

from assistant.retrieval import not_found
from assistant.retrieval.relevance import OWN_DOCUMENT_COVERAGE, Relevance
from benchmarks.fit_not_found import MAX_LOST, fit


def test_the_shipped_model_uses_known_signals_and_declines_a_far_question() -> None:
    model = not_found.model()
    assert set(model.features) <= set(not_found.FEATURES) and len(model.weights) == len(model.features)
    close = Relevance(0.90, 0.80, True, 0.06, 0.8, True)  # far above the off-subject bank
    far = Relevance(0.85, 0.92, True, -0.05, 0.0, False)  # nearer to an off-subject than to any passage
    assert close.found and close.margin is not None and close.margin > 0
    assert not far.found and far.to_dict()["found"] is False


def test_without_the_semantic_model_any_passage_counts_as_found() -> None:
    assert Relevance(0.3, None, True).found and Relevance(0.3, None, True).signals() is None
    assert not Relevance(0.3, None, False).found


def test_the_fit_declines_at_most_the_allowed_share_of_right_answers() -> None:
    rng = np.random.default_rng(7)
    on = rng.normal([0.04, 0.03], 0.02, (200, 2))
    off = rng.normal([-0.01, -0.01], 0.02, (40, 2))
    x, y = np.vstack([on, off]), np.r_[np.ones(200, bool), np.zeros(40, bool)]
    model = fit(x, y, np.ones(240, bool), ("contrast", "topic"))
    found = np.array([model.found({"contrast": a, "topic": b}) for a, b in x])
    assert (~found[y]).sum() <= int(MAX_LOST * 200) + 1
    assert (~found[~y]).sum() >= 20  # most of the separated off-topic rows are declined


def test_a_user_document_that_holds_the_question_overrides_the_trade_bank() -> None:
    """The bank labels invoicing questions unanswerable; a user's own invoicing guide answers them."""
    declined = Relevance(0.85, 0.92, True, -0.05, 0.8, False, -0.1)
    assert not declined.found
    assert Relevance(0.85, 0.92, True, -0.05, 0.8, False, -0.1, own_coverage=OWN_DOCUMENT_COVERAGE).found
    assert not Relevance(0.85, 0.92, True, -0.05, 0.8, False, -0.1, own_coverage=0.3).found
