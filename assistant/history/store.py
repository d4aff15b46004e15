"""The store: one DuckDB file, migrated on open, and one transaction per batch of imported files.

Everything a batch contributes (staged records, merged rows, rebuilt membership, the import log
entries) commits together or not at all: an import that fails or is killed half-way leaves the
database exactly as it was. Membership is derived, so it is rebuilt once per group when the batch
commits (:mod:`.imports` runs the batch and keeps one bad file from sinking the others).
"""

from __future__ import annotations

import csv
import json
import zipfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import duckdb

from ..i18n import label, t
from . import groups, identity, membership, merge, migrations, replies, solitaire_orders, staging
from .batch import Batch
from .database import close_db, open_db
from .clock import from_us, local_text
from .errors import HistoryError, MissingField, InputError, ParseError, private_chat
from .options import ImportOptions
from .report import ImportReport
from .source import Source

_LOGGED = ("messages", "member_events", "group_events", "snapshots", "orders", "daily_stats")
_GROUP_TABLES = (*_LOGGED, "member_names", "member_roles", "admin_choices", "admin_guesses", "snapshot_members", "members", "membership_spans", "groups")
# what the libraries under a parser raise when a file is not what its format promises (ValueError
# covers JSON and text decoding and dates; SyntaxError the XML parsers' ParseError). Parsers report
# a wrong shape themselves with ParseError; KeyError, TypeError and AttributeError are bugs and
# propagate.
PARSE_ERRORS = (ValueError, csv.Error, duckdb.Error, zipfile.BadZipFile, SyntaxError, EOFError, RecursionError)


class Store:
    """An open connection to the history database (open, use, close: DuckDB locks the file)."""

    def __init__(self, path: Path, language: str = "zh") -> None:
        self.language = language  # of its fix-it errors
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.con = open_db(path, language=language)
        except (OSError, duckdb.Error) as exc:
            raise HistoryError(t("import.error.open_db", language, path=path, error=exc)) from exc
        self.con.execute("SET TimeZone = 'UTC'")
        self.con.execute("SET memory_limit = '1GB'")  # the 2 GB budget of issue 4, with room for Python
        migrations.apply(self.con)
        self._pending: dict[int, list[membership.Walk]] = {}  # each touched group's latest walks, written at commit
        self._wrote = False  # the file being ingested has written to the store

    def close(self) -> None:
        close_db(self.con)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def previous_import(self, source: Source, fmt: str, options: ImportOptions) -> str | None:
        """When this very file was imported with the same options, if it was."""
        row = self.con.execute(
            "SELECT strftime(imported_at, '%Y-%m-%d %H:%M') FROM imports WHERE file_sha256 = ? AND format = ? AND options = ?",
            [source.sha256, fmt, options.key()],
        ).fetchone()
        return row[0] if row else None

    def last_message_second(self, platform: str, chat_id: str) -> int | None:
        """Unix second of the newest message stored for a platform's chat id (``None``: none yet)."""
        row = self.con.execute(
            "SELECT epoch_us(max(m.sent_at)) // 1000000 FROM messages m JOIN groups g USING (group_id) "
            "WHERE g.platform = ? AND g.chat_id = ?",
            [platform, chat_id],
        ).fetchone()
        return int(row[0]) if row and row[0] is not None else None

    def delete_group(self, name: str) -> bool:
        """Remove a group with everything imported into it, and the log of those imports."""
        row = self.con.execute("SELECT group_id FROM groups WHERE name = ?", [name]).fetchone()
        if row is None:
            return False
        self.con.execute("BEGIN TRANSACTION")
        try:
            logged = " UNION ".join(f"SELECT import_id FROM {table} WHERE group_id = $g" for table in _LOGGED)
            self.con.execute(f"DELETE FROM imports WHERE import_id IN ({logged})", {"g": row[0]})
            for table in _GROUP_TABLES:
                self.con.execute(f"DELETE FROM {table} WHERE group_id = ?", [row[0]])
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return True

    def begin(self) -> None:
        self.con.execute("BEGIN TRANSACTION")
        self._pending = {}

    def commit(self) -> None:
        """Write the membership of the groups the batch touched, then commit it all. A group's walks
        are those of the last file that touched it: nothing after that file changes its evidence."""
        try:
            for group_id, walked in sorted(self._pending.items()):
                membership.write(self.con, group_id, walked)
            self.con.execute("COMMIT")
        except duckdb.Error as exc:
            raise HistoryError(t("import.error.commit", self.language, error=str(exc).splitlines()[0][:200])) from exc
        self._pending = {}

    def rollback(self) -> None:
        self._pending = {}
        try:
            self.con.execute("ROLLBACK")
        except duckdb.TransactionException:
            pass  # a failed COMMIT has already rolled the transaction back

    def ingest(self, source: Source, importer: ModuleType, options: ImportOptions) -> ImportReport:
        """Import one file inside the batch's transaction; raises :class:`InputError` (see :meth:`spoiled`)."""
        self._wrote = False
        try:
            return self._ingest(source, importer, options)
        except MissingField as exc:
            raise ParseError(_named(t("import.error.missing_field", self.language, field=repr(exc.field)), importer,
                                    self.language)) from exc
        except InputError as exc:
            raise type(exc)(_named(str(exc), importer, self.language)) from exc
        except PARSE_ERRORS as exc:
            raise ParseError(t("import.error.read_as", self.language, format=_format(importer, self.language),
                               file=source.name, error=str(exc).splitlines()[0][:200])) from exc
        finally:
            source.cleanup()

    def spoiled(self) -> bool:
        """Whether the file that just failed wrote to the store or aborted the transaction (which
        must then be rolled back); a file that failed while being read only left temporary tables."""
        if self._wrote:
            return True
        try:
            self.con.execute("SELECT 1")
        except duckdb.Error:
            return True
        return False

    def _ingest(self, source: Source, importer: ModuleType, options: ImportOptions) -> ImportReport:
        staging.create(self.con)
        batch = Batch(platform=importer.PLATFORM, con=self.con, language=source.language)
        importer.read(source, options, batch)
        staging.flush(self.con, batch)
        if not self._staged_anything():
            if batch.skipped and set(batch.skipped) == {t("import.skip.private", batch.language)}:
                raise private_chat(source.name, language=self.language)
            raise InputError(t("import.error.nothing", self.language, file=source.name)
                             + _skip_summary(batch, self.language))
        self._wrote = True
        mapping = groups.resolve(self.con, batch.groups, override=options.group, tz=options.tz.key, language=batch.language)
        _stage_groups(self.con, mapping)
        import_id = self.con.execute("SELECT coalesce(max(import_id), 0) + 1 FROM imports").fetchone()[0]
        counts = merge.merge(self.con, import_id, batch.platform, batch.snapshot_source)
        touched = sorted(set(mapping.values())) or self._platform_groups(batch.platform)
        replies.link(self.con, touched)
        names, solitaire, inferred = self._rebuild(touched)
        report = self._report(source, importer, options, batch, {**counts, **solitaire}, touched, names, inferred)
        self._log(import_id, source, importer.NAME, options, report)
        return report

    def _staged_anything(self) -> bool:
        union = " UNION ALL ".join(f"SELECT 1 FROM stage_{table}" for table in staging.STAGES)
        return self.con.execute(f"SELECT EXISTS ({union})").fetchone()[0]

    def _platform_groups(self, platform: str) -> list[int]:
        rows = self.con.execute("SELECT group_id FROM groups WHERE platform = ?", [platform]).fetchall()
        return [row[0] for row in rows]

    def _rebuild(self, group_ids: list[int]) -> tuple[dict[str, int], dict[str, int], Counter[str]]:
        """Derived tables of each group: 接龙 orders and names matched to members now; membership is
        walked now (the file's report counts it) and written when the batch commits."""
        totals = {"matched": 0, "ambiguous": 0, "unknown": 0}
        solitaire: Counter[str] = Counter()
        inferred: Counter[str] = Counter()
        for group_id in group_ids:
            platform = self.con.execute("SELECT platform FROM groups WHERE group_id = ?", [group_id]).fetchone()[0]
            solitaire.update(solitaire_orders.derive(self.con, group_id))
            counts = identity.resolve(self.con, group_id, platform)
            self._pending[group_id] = membership.walks(self.con, group_id)
            inferred.update(membership.inferred(self._pending[group_id]))
            for key in totals:
                totals[key] += getattr(counts, key)
        return totals, dict(solitaire), inferred

    def _report(
        self,
        source: Source,
        importer: ModuleType,
        options: ImportOptions,
        batch: Batch,
        counts: dict,
        touched: list[int],
        names: dict[str, int],
        inferred: Counter[str],
    ) -> ImportReport:
        first, last = merge.time_range(self.con)
        names_of = self.con.execute(
            "SELECT name FROM groups WHERE group_id IN (SELECT unnest($1::INTEGER[])) ORDER BY group_id", [touched]
        ).fetchall()
        return ImportReport(
            file=source.name, format=importer.NAME, format_label=importer.LABEL, groups=[r[0] for r in names_of],
            tz=options.tz.key, encoding=source.encoding, first=_local(first, options), last=_local(last, options),
            inferred_exits=inferred.get("exit", 0), inferred_joins=inferred.get("join", 0), names=names,
            skipped=sum(batch.skipped.values()), skipped_reasons=dict(batch.skipped),
            skipped_examples=batch.skipped_examples, warnings=batch.warnings, **counts,
        )  # fmt: skip

    def _log(self, import_id: int, source: Source, fmt: str, options: ImportOptions, report: ImportReport) -> None:
        self.con.execute(
            "INSERT INTO imports VALUES (?, ?, ?, ?, ?, ?, ?)",
            [import_id, source.name, source.sha256, fmt, options.key(), datetime.now(UTC),
             json.dumps(report.to_dict(), ensure_ascii=False)],
        )  # fmt: skip


def _named(message: str, importer: ModuleType, language: str) -> str:
    """Every failure says which format the file was read as (a wrong guess is then easy to spot)."""
    name = _format(importer, language)
    if name in message:
        return message
    return t("import.error.named", language, format=name, error=message)


def _format(importer: ModuleType, language: str) -> str:
    return importer.LABEL if language == "zh" else label("format", importer.NAME, language)


def _stage_groups(con: duckdb.DuckDBPyConnection, mapping: dict[str, int]) -> None:
    with staging.scanned(con, "mapping", list(mapping.items()), ["grp", "group_id"], {"group_id": "BIGINT"}):
        con.execute(
            "CREATE OR REPLACE TEMP TABLE stage_groups AS SELECT grp, group_id::INTEGER AS group_id FROM mapping"
        )


def _local(us: int | None, options: ImportOptions) -> str | None:
    return None if us is None else local_text(from_us(us), options.tz)


def _skip_summary(batch: Batch, language: str) -> str:
    if not batch.skipped:
        return t("import.error.check_export", language)
    reasons = t("tool.parts", language).join(t("import.skip_reason", language, reason=reason, n=n)
                                             for reason, n in batch.skipped.items())
    return t("import.error.skipped", language, reasons=reasons)
