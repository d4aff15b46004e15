"""Prompt files declare exactly the variables they use, and rendering checks them."""

from __future__ import annotations

import pytest

from assistant import PromptError
from assistant.prompts import list_prompts, load_prompt
from tests.conftest import ROOT

PROMPTS = ROOT / "prompts"


@pytest.mark.parametrize("name", list_prompts(PROMPTS))
def test_each_prompt_uses_exactly_its_declared_variables(name) -> None:
    prompt = load_prompt(PROMPTS, name)
    assert prompt.used_variables == set(prompt.variables)
    assert prompt.description


def test_there_is_an_answer_prompt_with_all_three_parts() -> None:
    assert "answer" in list_prompts(PROMPTS)
    assert set(load_prompt(PROMPTS, "answer").templates) == {"system", "user", "offline"}


def test_rendering_without_a_declared_variable_fails_loudly() -> None:
    prompt = load_prompt(PROMPTS, "answer")
    with pytest.raises(PromptError, match="passages"):
        prompt.render("user", question="q", key_points=[], language="zh")


def test_a_file_using_an_undeclared_variable_is_rejected(tmp_path) -> None:
    (tmp_path / "bad.yaml").write_text(
        "description: x\nvariables: [a]\nsystem: '{{ a }}'\nuser: '{{ b }}'\noffline: ''\n", encoding="utf-8"
    )
    with pytest.raises(PromptError, match="b"):
        load_prompt(tmp_path, "bad")


def test_a_broken_file_names_itself(tmp_path) -> None:
    (tmp_path / "broken.yaml").write_text("system: [unclosed", encoding="utf-8")
    with pytest.raises(PromptError, match="broken.yaml"):
        load_prompt(tmp_path, "broken")


def test_templates_are_sandboxed(tmp_path) -> None:
    (tmp_path / "evil.yaml").write_text(
        "description: x\nvariables: [a]\nsystem: '{{ a.__class__.__mro__ }}'\nuser: ''\noffline: ''\n",
        encoding="utf-8",
    )
    with pytest.raises(PromptError):
        load_prompt(tmp_path, "evil").render("system", a="x")
