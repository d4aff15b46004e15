"""Fail fast when a test that is not about the semantic model loads it.

The model is real and offline (nothing downloads), but loading and running it costs seconds a
test; a test that forgot the stand-in (``ASSISTANT_OFFLINE_EMBEDDING=hash``, set by conftest)
would quietly slow the whole suite. Tests about the model carry ``@pytest.mark.real_embedding``.
"""

from __future__ import annotations

import pytest


class RealModelInTest(AssertionError):
    """A test loaded the semantic model without ``@pytest.mark.real_embedding``."""


def _refuse():  # noqa: ANN202
    raise RealModelInTest(
        "this test loaded the real semantic model: use the stand-in embedding (the conftest sets "
        "ASSISTANT_OFFLINE_EMBEDDING=hash) or mark the test @pytest.mark.real_embedding"
    )


def install(monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.llm import e5_embedding

    monkeypatch.setattr(e5_embedding, "_load", _refuse)
