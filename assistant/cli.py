"""Command line: ``python -m assistant …`` (or ``qun-assistant …``), for scripting and cron.

A thin skin over :class:`assistant.Assistant`. Errors of the assistant are printed as one clean
message on stderr with exit status 1, never as a traceback.
"""

from __future__ import annotations

import json

import click

from .config import ENV_NAMES, load_settings
from .errors import AssistantError
from .service import Assistant


class _Group(click.Group):
    """A click group that turns :class:`AssistantError` into a clean message and exit 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except AssistantError as exc:
            click.echo(f"错误: {exc}", err=True)
            ctx.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """群运营助手: answers, analytics and drafts for community managers."""


@cli.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")
def ask(question: str, as_json: bool) -> None:
    """Ask a question; the answer cites the playbook passages it used.

    \b
    Example:
        python -m assistant ask "退群率多少算正常？" --json
    """
    assistant = _assistant()
    if as_json:
        answer = assistant.ask(question)
        click.echo(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
        return
    stream = assistant.stream(question)
    for piece in stream:
        click.echo(piece, nl=False)
    answer = stream.answer
    assert answer is not None
    click.echo("\n\n来源:")
    for n, source in enumerate(answer.sources, start=1):
        click.echo(f"  [{n}] {source.source} › {source.title}")
    click.echo(f"模式: {answer.mode}  tokens: {answer.prompt_tokens}+{answer.completion_tokens}")


@cli.group()
def kb() -> None:
    """The knowledge base of playbooks."""


@kb.command("index")
def kb_index() -> None:
    """Bring the index of the bundled playbooks up to date (changed files only).

    \b
    Example:
        python -m assistant kb index
    """
    report = _assistant().index_report
    assert report is not None
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
    hits = _assistant().search(query, top)
    if as_json:
        rows = [{**h.as_source(), "score": h.score, "found_by": sorted(h.found_by)} for h in hits]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for n, hit in enumerate(hits, start=1):
        click.echo(f"[{n}] {hit.score:.4f} ({'+'.join(sorted(hit.found_by))}) {hit.source} › {hit.title}")
        click.echo(f"    {hit.snippet}")


@cli.command("settings")
def show_settings() -> None:
    """Print the effective settings (the API key is masked).

    \b
    Example:
        python -m assistant settings
    """
    settings = load_settings()
    for env_name, field in ENV_NAMES.items():
        value = getattr(settings, field)
        if env_name == "OPENAI_API_KEY":
            value = "已设置 (set)" if value else ""
        click.echo(f"{env_name}={'' if value is None else value}")
    click.echo(f"# mode: {settings.chat_model if settings.llm_enabled else 'offline'}")


def _assistant() -> Assistant:
    return Assistant.from_settings(load_settings())


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="python -m assistant")
