"""Fitting retrieved passages and conversation history into the model's context window.

The current question and system prompt are always sent. Passages come next, in rank order,
because they ground the answer; then as much recent history as still fits, newest first.
A passage too long for what is left is cut at a token boundary rather than dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from .tokens import TokenCounter

_MIN_USEFUL_PASSAGE = 64  # tokens; a shorter stump of a passage is noise


@dataclass(frozen=True)
class Fitted:
    """What survived budgeting."""

    passages: list[str]
    history: list[tuple[str, str]]
    dropped_passages: int
    dropped_history: int


@dataclass(frozen=True)
class ContextBudget:
    """A context window minus the tokens reserved for the answer."""

    window: int
    reserve_output: int

    def fit(
        self,
        counter: TokenCounter,
        fixed: list[tuple[str, str]],
        passages: list[str],
        history: list[tuple[str, str]],
    ) -> Fitted:
        left = self.window - self.reserve_output - counter.count_messages(fixed)
        kept_passages, left = _take_passages(counter, passages, left)
        kept_history, left = _take_history(counter, history, left)
        return Fitted(
            passages=kept_passages,
            history=kept_history,
            dropped_passages=len(passages) - len(kept_passages),
            dropped_history=len(history) - len(kept_history),
        )


def _take_passages(counter: TokenCounter, passages: list[str], left: int) -> tuple[list[str], int]:
    kept: list[str] = []
    for passage in passages:
        cost = counter.count(passage) + 8  # the fence around each passage
        if cost <= left:
            kept.append(passage)
            left -= cost
        elif left - 8 >= _MIN_USEFUL_PASSAGE:
            kept.append(counter.truncate(passage, left - 8))
            left = 0
        else:
            break
    return kept, left


def _take_history(
    counter: TokenCounter, history: list[tuple[str, str]], left: int
) -> tuple[list[tuple[str, str]], int]:
    kept: list[tuple[str, str]] = []
    for message in reversed(history):
        cost = counter.count_messages([message]) - 3
        if cost > left:
            break
        kept.insert(0, message)
        left -= cost
    return kept, left
