"""``kb …``: the knowledge base of bundled playbooks and the user's own documents."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..i18n import t
from ..app import COLLECTIONS
from .common import audit, build_assistant, language as words

if TYPE_CHECKING:
    from ..app import AddResult, FillProgress, Passage, VectorFiller


@click.group()
def kb() -> None:
    """The knowledge base: bundled playbooks and your own documents."""


@kb.command("add")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per file.")
@click.option("--wait/--no-wait", default=True, show_default=True,
              help="Wait while the semantic vectors are computed (the rest is resumed at the next start).")
def kb_add(paths: tuple[Path, ...], as_json: bool, wait: bool) -> None:
    """Add md/txt/pdf/docx/html/csv/xlsx files (folders are searched); re-adding is a no-op.

    The files are searchable (by keywords) as soon as this prints them; the semantic model's
    vectors are then computed with progress shown (Ctrl-C stops waiting: the next start resumes).

    \b
    Example:
        python -m assistant kb add 我的SOP.docx 常见问题.xlsx
    """
    assistant = build_assistant()
    started = time.perf_counter()
    results = assistant.add_paths(_expand(paths))
    searchable = time.perf_counter() - started
    language = assistant.settings.language
    audit("document.add", {"files": [r.name for r in results], "status": [r.status for r in results]})
    for result in results:
        click.echo(json.dumps(result.__dict__, ensure_ascii=False) if as_json else _describe(result, language))
    filler = assistant.kb.filler
    if not as_json:
        click.echo(t("cli.searchable", language, seconds=searchable), err=True)
    if filler and wait:
        _wait_for_vectors(filler, as_json, language)
    if any(r.status == "failed" for r in results):
        raise SystemExit(1)


def _wait_for_vectors(filler: VectorFiller, as_json: bool, language: str = "zh") -> None:
    """Show the semantic side's progress until it is complete (or Ctrl-C)."""
    started = time.perf_counter()

    def show(progress: FillProgress) -> None:
        click.echo("\r" + t("cli.vectors", language, done=progress.embedded, total=progress.total, rate=progress.rate),
                   nl=False, err=True)

    try:
        final = filler.run(show)
    except KeyboardInterrupt:
        click.echo("\n" + t("cli.vectors.stopped", language), err=True)
        return
    click.echo("", err=True)
    if final.error:
        click.echo(t("cli.vectors.error", language, error=final.error), err=True)
    elif as_json:
        click.echo(json.dumps({"vectors": {"embedded": final.embedded, "total": final.total,
                                           "seconds": round(time.perf_counter() - started, 1)}}))
    else:
        click.echo(t("cli.vectors.done", language, done=final.embedded, total=final.total,
                     seconds=time.perf_counter() - started), err=True)


@kb.command("eval")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--collection", type=click.Choice(COLLECTIONS), help="Search only bundled playbooks or only your documents.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def kb_eval(file: Path, collection: str | None, as_json: bool) -> None:
    """Batch hit test: a CSV/TSV/XLSX with a question column (问题 or question) and an expected-source
    column (期望出处 or expected) → hit@1, hit@3, MRR per search side, misses listed.

    The expected source is a file name, a heading, both (05-metrics.md › 退群率) or keywords
    (word A|word B); leave it empty (or 无 / none) for a question that should find nothing.

    \b
    Example:
        python -m assistant kb eval 检索测试.xlsx
    """
    assistant = build_assistant()
    from ..app import read_cases

    cases = read_cases(file.name, file.read_bytes(), assistant.settings.language)
    report = assistant.kb.evaluate(cases, [collection] if collection else None)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    language = assistant.settings.language
    click.echo(t("cli.eval.counts", language, on=report.on_topic, off=report.off_topic))
    for score in report.sides.values():
        side = "BM25" if score.side == "bm25" else t(f"kb.eval.{score.side}", language)
        click.echo(f"{side}\thit@1 {score.hit1:.3f}\thit@3 {score.hit3:.3f}\tMRR {score.mrr:.3f}")
    if report.off_topic:
        click.echo(t("cli.eval.declined", language, declined=report.declined, total=report.off_topic))
    misses = report.sides["hybrid"].misses
    if misses:
        click.echo("\n" + t("cli.eval.misses", language))
    for miss in misses:
        where = t("cli.eval.rank", language, rank=miss.rank) if miss.rank else t("cli.eval.unranked", language)
        click.echo(t("cli.eval.miss", language, question=miss.question, expected=miss.expected, where=where,
                     got="; ".join(miss.got)))
    for question in report.wrongly_found:
        click.echo(t("cli.eval.wrongly_found", language, question=question))


@kb.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def kb_list(as_json: bool) -> None:
    """List documents: name, type, collection, chunks, size, added at.

    \b
    Example:
        python -m assistant kb list --json
    """
    rows, language = build_assistant().documents(), words()
    if as_json:
        click.echo(json.dumps([r.__dict__ for r in rows], ensure_ascii=False, indent=2))
        return
    for row in rows:
        click.echo(t("kb.cli.row", language, name=row.name, kind=row.kind, collection=row.collection, chunks=row.chunks,
                     size=row.size, added=row.added_at))


@kb.command("remove")
@click.argument("name")
def kb_remove(name: str) -> None:
    """Remove one of your documents (and its passages) from the knowledge base.

    \b
    Example:
        python -m assistant kb remove 我的SOP.docx
    """
    removed = build_assistant().remove_document(name)
    audit("document.remove", {"file": name, "chunks": removed})
    click.echo(t("kb.cli.removed", words(), name=name, n=removed))


@kb.command("rebuild")
def kb_rebuild() -> None:
    """Drop the index and rebuild it from knowledge/ and the stored copies of your files.

    \b
    Example:
        python -m assistant kb rebuild
    """
    report, results = build_assistant().rebuild_index()
    language = words()
    click.echo(t("kb.cli.rebuilt", language, files=report.files, added=report.added, docs=len(results)))
    for result in results:
        click.echo(_describe(result, language))


@kb.command("index")
def kb_index() -> None:
    """Bring the index of the bundled playbooks up to date (changed files only).

    \b
    Example:
        python -m assistant kb index
    """
    report = build_assistant().reindex()
    click.echo(t("kb.cli.indexed", words(), files=report.files, added=report.added, removed=report.removed,
                 unchanged=report.unchanged))


@kb.command("search")
@click.argument("query", required=False)
@click.option("-k", "--top", default=5, show_default=True, help="How many passages per query.")
@click.option("--queries", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A file with one query per line (batch evaluation); prints JSON lines.")
@click.option("--collection", type=click.Choice(COLLECTIONS), help="Search only bundled playbooks or only your documents.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def kb_search(query: str | None, top: int, queries: Path | None, collection: str | None, as_json: bool) -> None:
    """Show the ranked passages a query retrieves, with scores and the side that found them.

    \b
    Examples:
        python -m assistant kb search "拼团怎么设置阶梯价"
        python -m assistant kb search --queries questions.txt -k 5 --json
    """
    if (query is None) == (queries is None):
        raise click.UsageError("give either a QUERY or --queries FILE")
    assistant = build_assistant()
    scope = [collection] if collection else None
    if queries is not None:
        for line in queries.read_text(encoding="utf-8-sig").splitlines():
            if line.strip():
                hits = assistant.search(line.strip(), top, scope)
                click.echo(json.dumps({"query": line.strip(), "hits": [_hit(h) for h in hits]}, ensure_ascii=False))
        return
    hits = assistant.search(query or "", top, scope)
    if as_json:
        click.echo(json.dumps([_hit(h, detail=True) for h in hits], ensure_ascii=False, indent=2))
        return
    for n, hit in enumerate(hits, start=1):
        click.echo(f"[{n}] {hit.score:.4f} ({'+'.join(sorted(hit.found_by))}) {hit.source} › {hit.title}")
        click.echo(f"    {hit.snippet}")


def _hit(hit: Passage, detail: bool = False) -> dict[str, object]:
    row: dict[str, object] = {**hit.as_source(), "score": round(hit.score, 6)}
    if detail:
        row |= {"found_by": sorted(hit.found_by), "vector_score": hit.vector_score, "bm25_score": hit.bm25_score}
    return row


def _describe(result: AddResult, language: str = "zh") -> str:
    if result.status == "failed":
        return f"✗ {result.name}: {result.message}"
    status = t(f"kb.cli.{result.status}", language)
    detail = t("kb.cli.detail", language, chunks=result.chunks, new=result.new_chunks, removed=result.removed_chunks,
               merged=result.merged)
    return f"✓ {result.name} [{result.kind}] {status}: {detail}"


def _expand(paths: tuple[Path, ...]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path])
    return files
