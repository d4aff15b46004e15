"""``kb …``: the knowledge base of playbooks."""

from __future__ import annotations

import json

import click

from .common import build_assistant


@click.group()
def kb() -> None:
    """The knowledge base of playbooks."""


@kb.command("index")
def kb_index() -> None:
    """Bring the index of the bundled playbooks up to date (changed files only).

    \b
    Example:
        python -m assistant kb index
    """
    report = build_assistant().reindex()
    click.echo(
        f"{report.files} 个文件: 新增 {report.added} 段, 删除 {report.removed} 段, 未变 {report.unchanged} 段"
    )


@kb.command("search")
@click.argument("query")
@click.option("-k", "--top", default=5, show_default=True, help="How many passages to show.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def kb_search(query: str, top: int, as_json: bool) -> None:
    """Show the ranked passages a question retrieves, with scores and the side that found them.

    \b
    Example:
        python -m assistant kb search "拼团怎么设置阶梯价"
    """
    hits = build_assistant().search(query, top)
    if as_json:
        rows = [{**h.as_source(), "score": h.score, "found_by": sorted(h.found_by)} for h in hits]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for n, hit in enumerate(hits, start=1):
        click.echo(f"[{n}] {hit.score:.4f} ({'+'.join(sorted(hit.found_by))}) {hit.source} › {hit.title}")
        click.echo(f"    {hit.snippet}")
