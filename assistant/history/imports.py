"""Imports: a batch of files goes into the store in one transaction, membership rebuilt once at its end.

A folder of exports (or the demo's 18 files) used to be one transaction per file, each followed by a
full membership rebuild of its groups, and the demo opened the database once per file. Now the batch
is one store session and one transaction: every file is merged, matched (names) and its 接龙 orders
derived as before, in the same order, but the membership tables are written once per group when the
batch ends. Each file's report still counts the inferred joins and exits its own rebuild would have
written (the walk runs per file; only its writes wait), so reports and the stored result are those
of importing the files one by one.

A bad file is reported and the others still land. DuckDB has no savepoints, so a file that failed
after it had written to the store (or whose error aborted the transaction) rolls the batch back, and
the batch runs again without it: the files before it meet the same store again and give the same
reports. The usual bad file fails while it is read, before writing anything, and costs nothing of the
kind. A batch killed half-way leaves the store as it was before the batch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..i18n import t
from . import importers
from .errors import InputError
from .options import ImportOptions
from .report import ImportReport
from .source import Source
from .store import Store

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Job:
    """One file of a batch: what to call it, how to open it (again, if the batch is replayed), options."""

    name: str
    open_source: Callable[[], Source]
    options: ImportOptions
    language: str = "zh"  # of the report's warnings


def run(store: Store, jobs: list[Job], progress: Progress | None = None) -> list[ImportReport]:
    """Import ``jobs`` in order in one transaction; one report per job, failures included."""
    failed: dict[int, ImportReport] = {}
    told = 0

    def tell(done: int) -> None:
        nonlocal told
        if progress and done > told:  # a replayed file is not announced twice
            told = done
            progress(done, len(jobs))

    while True:
        store.begin()
        try:
            reports, spoiled_at = _attempt(store, jobs, failed, tell)
            if spoiled_at is None:
                store.commit()
                return reports
        except BaseException:
            store.rollback()
            raise
        store.rollback()
        failed[spoiled_at] = reports[spoiled_at]


def _attempt(
    store: Store, jobs: list[Job], failed: dict[int, ImportReport], tell: Callable[[int], None]
) -> tuple[list[ImportReport], int | None]:
    """Reports so far, and the index of a failed file that left the transaction unusable (if any)."""
    reports = []
    for index, job in enumerate(jobs):
        if index in failed:
            reports.append(failed[index])
        else:
            report, spoiled = _one(store, job)
            reports.append(report)
            if spoiled:
                return reports, index
        tell(index + 1)
    return reports, None


def _one(store: Store, job: Job) -> tuple[ImportReport, bool]:
    importer = None
    ingesting = False
    options = job.options
    try:
        source = job.open_source()
        importer = importers.detect(source) if options.fmt == "auto" else importers.forced(source, options.fmt)
        source.parts = importer.parts(source) if hasattr(importer, "parts") else []
        previous = store.previous_import(source, importer.NAME, options)
        if previous:
            return ImportReport(
                file=job.name, status="duplicate", format=importer.NAME, format_label=importer.LABEL, tz=options.tz.key,
                warnings=[t("import.duplicate", job.language, when=previous)],
            ), False  # fmt: skip
        ingesting = True
        return store.ingest(source, importer, options), False
    except InputError as exc:
        return ImportReport(
            file=job.name, status="failed", tz=options.tz.key, error=str(exc),
            format=importer.NAME if importer else None, format_label=importer.LABEL if importer else None,
        ), ingesting and store.spoiled()  # fmt: skip
