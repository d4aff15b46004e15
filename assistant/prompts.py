"""Prompt files: one YAML file per job in ``prompts/``, with declared variables.

Each file holds a ``system`` and a ``user`` template for the LLM and an ``offline`` template that
composes the answer when no LLM is configured or the endpoint fails, from the very same variables.
Templates are Jinja2 in a sandbox with strict undefined variables: a variable that is used but not
declared, or declared but not passed, is a :class:`PromptError`, never a silently empty string.

The fences around untrusted text (``<<<资料 … >>>``) are written in the templates themselves; every
value a template prints passes the fence helper on its way out, so no file name, heading, topic
title or message text can open or close a fence, whether or not its caller remembered to defuse it.
"""

from __future__ import annotations

import re

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml
from jinja2 import StrictUndefined, TemplateError, meta
from jinja2.sandbox import SandboxedEnvironment

from .errors import PromptError
from .safety.fence import defuse

_PARTS = ("system", "user", "offline")
def _fence_safe(value: object) -> object:
    return defuse(value) if isinstance(value, str) else value


_env = SandboxedEnvironment(
    undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, autoescape=False, finalize=_fence_safe
)


def _lead(text: str, limit: int = 120) -> str:
    """The first prose line of a passage (tables and lists skipped), cut at a sentence end. A line
    that announces a list or table ("常见选项有以下几种。", "如下：") takes its items along, so a
    draft never ends at the announcement."""
    rows = [row.strip() for row in str(text).splitlines()]
    at = next((n for n, row in enumerate(rows) if row and not row.startswith(("|", "-", "<!--"))), None)
    if at is None:
        return ""
    line = rows[at]
    items = _items(rows[at + 1:]) if _ANNOUNCES.search(line) else []
    if items:
        return _cut(line.rstrip("。：: ") + "：" + "；".join(i.rstrip("。；;") for i in items) + "。", limit * 2)
    return _cut(line, limit)


_ANNOUNCES = re.compile(r"以下|如下|下面|下列|[两三四五六七几多](?:种|类|点|条|步|个)|[：:]$")


def _items(rows: list[str]) -> list[str]:
    """The list items or table rows that follow an announcing line (up to the next prose)."""
    items: list[str] = []
    for row in rows:
        if not row:
            if items:
                break
            continue
        if row.startswith("|"):
            cells = [c.strip() for c in row.strip("|").split("|")]
            if all(set(c) <= set("-: ") for c in cells):
                items.pop()  # the row above the separator was the header
                continue
            items.append("——".join(c for c in cells if c))
        elif re.match(r"^(?:[-*•]|\d+[.、)])\s*", row):
            items.append(re.sub(r"^(?:[-*•]|\d+[.、)])\s*", "", row))
        else:
            break
    return items


def _cut(line: str, limit: int) -> str:
    if len(line) <= limit:
        return line
    cut = max(line.rfind(mark, 0, limit) for mark in "。！？；")
    return line[: cut + 1] if cut > limit // 3 else line[:limit] + "…"


_env.filters["lead"] = _lead


@dataclass(frozen=True)
class PromptFile:
    """A job's prompt: declared variables and three templates."""

    name: str
    description: str
    variables: tuple[str, ...]
    templates: dict[str, str]

    @cached_property
    def used_variables(self) -> set[str]:
        """Variables the templates actually reference."""
        used: set[str] = set()
        for source in self.templates.values():
            used |= meta.find_undeclared_variables(_env.parse(source))
        return used

    def render(self, part: str, **values: object) -> str:
        """Render ``system``, ``user`` or ``offline`` with exactly the declared variables."""
        missing = set(self.variables) - values.keys()
        if missing:
            raise PromptError(f"提示词 {self.name} 缺少变量: {', '.join(sorted(missing))}")
        try:
            return _env.from_string(self.templates[part]).render(**values).strip()
        except TemplateError as exc:
            raise PromptError(f"提示词 {self.name}.{part} 渲染失败: {exc}") from exc


def load_prompt(prompts_dir: Path, name: str) -> PromptFile:
    """Load and validate ``prompts_dir/<name>.yaml``."""
    path = prompts_dir / f"{name}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise PromptError(f"无法读取提示词文件 {path}: {exc}") from exc
    return _validate(path, data)


def list_prompts(prompts_dir: Path) -> list[str]:
    return sorted(p.stem for p in prompts_dir.glob("*.yaml"))


def _validate(path: Path, data: object) -> PromptFile:
    if not isinstance(data, dict):
        raise PromptError(f"{path} 应是一个 YAML 映射 (system / user / offline / variables)")
    missing = [key for key in ("variables", *_PARTS) if key not in data]
    if missing:
        raise PromptError(f"{path} 缺少字段: {', '.join(missing)}")
    try:
        for part in _PARTS:
            _env.parse(data[part])
    except TemplateError as exc:
        raise PromptError(f"{path} 模板语法错误: {exc}") from exc
    prompt = PromptFile(
        name=path.stem,
        description=str(data.get("description", "")),
        variables=tuple(data["variables"]),
        templates={part: str(data[part]) for part in _PARTS},
    )
    undeclared = prompt.used_variables - set(prompt.variables)
    if undeclared:
        raise PromptError(f"{path} 使用了未声明的变量: {', '.join(sorted(undeclared))}")
    return prompt
