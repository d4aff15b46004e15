"""Checking a history file someone else made before it replaces ours.

A workspace archive carries a DuckDB file, and a DuckDB file can hold more than tables: a view
over ``read_text('/etc/passwd')`` would print a local file through ``history groups``, a macro or
a column default can call any function, and a type from an extension would make DuckDB load
code. So a foreign file is opened with external access, extension loading and configuration
changes switched off, and accepted only when its catalog is exactly what our own migrations build
for the migrations it says it has run: the same tables and columns, defaults and constraints, and
no views, macros, sequences or types of its own.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from . import migrations
from ..i18n import t
from .errors import InputError

_LOCKED_DOWN = {
    "enable_external_access": False,
    "autoload_known_extensions": False,
    "autoinstall_known_extensions": False,
    "lock_configuration": True,
}
# Every user-made object of the catalog, described so that two databases can be compared (keyed by the
# i18n key that names the kind in an error).
_CATALOG = {
    "columns": "SELECT schema_name, table_name, column_name, data_type, column_default, is_nullable "
              "FROM duckdb_columns() WHERE NOT internal AND database_name = current_database()",
    "constraints": "SELECT schema_name, table_name, constraint_type, expression, constraint_text "
            "FROM duckdb_constraints() WHERE database_name = current_database()",
    "views": "SELECT schema_name, view_name, sql FROM duckdb_views() WHERE NOT internal AND database_name = current_database()",
    "functions": "SELECT schema_name, function_name, function_type FROM duckdb_functions() "
                "WHERE NOT internal AND database_name = current_database()",
    "indexes": "SELECT schema_name, table_name, index_name, sql FROM duckdb_indexes() WHERE database_name = current_database()",
    "sequences": "SELECT schema_name, sequence_name FROM duckdb_sequences() WHERE database_name = current_database()",
    "types": "SELECT schema_name, type_name FROM duckdb_types() WHERE NOT internal AND database_name = current_database()",
}


def check_foreign_database(path: Path, language: str = "zh") -> None:
    """Refuse ``path`` unless it is a plain history database of our own schema (the refusal in ``language``)."""
    try:
        con = duckdb.connect(str(path), read_only=True, config=_LOCKED_DOWN)
    except duckdb.Error as exc:
        raise _refused(t("history.integrity.cannot_open", language, error=_first_line(exc)), language) from exc
    try:
        applied = _applied_migrations(con, language)
        expected = _expected_catalog(applied)
        for what, query in _CATALOG.items():
            found = set(con.execute(query).fetchall())
            extra, missing = found - expected[what], expected[what] - found
            if extra or missing:
                example = sorted(map(str, extra or missing))[0][:120]
                raise _refused(t("history.integrity.mismatch", language, what=t(f"history.integrity.{what}", language),
                                 example=example), language)
    except duckdb.Error as exc:
        raise _refused(t("history.integrity.unreadable", language, error=_first_line(exc)), language) from exc
    finally:
        con.close()


def _applied_migrations(con: duckdb.DuckDBPyConnection, language: str) -> list[str]:
    known = [name for name, _ in migrations.MIGRATIONS]
    rows = con.execute(
        "SELECT name FROM schema_migrations ORDER BY name"
    ).fetchall() if _has_migration_table(con) else []
    applied = [row[0] for row in rows]
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise _refused(t("history.integrity.newer", language, version=unknown[0][:60]), language)
    return applied


def _has_migration_table(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_migrations' AND database_name = current_database()"
    ).fetchone()[0])


def _expected_catalog(applied: list[str]) -> dict[str, set[tuple]]:
    reference = duckdb.connect(":memory:", config=_LOCKED_DOWN)
    try:
        reference.execute("CREATE TABLE schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMPTZ)")
        for name, migrate in migrations.MIGRATIONS:
            if name in applied:
                migrate(reference)
        return {what: set(reference.execute(query).fetchall()) for what, query in _CATALOG.items()}
    finally:
        reference.close()


def _refused(reason: str, language: str) -> InputError:
    return InputError(t("history.integrity.refused", language, reason=reason))


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:160]
