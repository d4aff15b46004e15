"""Staging: a batch's records become temporary tables, so keys and merges are one set of SQL.

Records cross into DuckDB as one set of NumPy columns per table (row-by-row inserts are ~100×
slower), a masked array where a value may be missing (DuckDB reads the mask as NULL). Not a pandas
frame: importing pandas was ~0.6 s of CPU of every import command, for a container DuckDB scans
no faster. Times travel as exact epoch microseconds and are cast back to ``TIMESTAMPTZ`` in SQL;
the connection runs in UTC, so the cast is the identity on instants.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING

import duckdb

from .batch import Batch
from .clock import to_us
from .records import (
    Contact,
    DailyStat,
    GroupEvent,
    MemberEvent,
    Message,
    Name,
    Order,
    Role,
    SnapshotMember,
)

if TYPE_CHECKING:
    import numpy as np

TS = "TIMESTAMPTZ"
MONEY = "DECIMAL(14, 2)"
# batch attribute -> (record type, SQL type of the columns that are not VARCHAR)
STAGES: dict[str, tuple[type, dict[str, str]]] = {
    "messages": (Message, {"sent_at": TS, "is_self": "BOOLEAN", "mentions": "VARCHAR[]", "line": "BIGINT"}),
    "member_events": (MemberEvent, {"happened_at": TS}),
    "group_events": (GroupEvent, {"happened_at": TS}),
    "names": (Name, {"seen_at": TS}),
    "roles": (Role, {"seen_at": TS}),
    "contacts": (Contact, {}),
    "snapshot_members": (SnapshotMember, {"taken_at": TS, "joined_at": TS}),
    "orders": (Order, {"paid_at": TS, "amount": MONEY, "refund": MONEY, "line": "BIGINT"}),
    "daily_stats": (DailyStat, {"day": "DATE", "value": "DOUBLE"}),
}


def create(con: duckdb.DuckDBPyConnection) -> None:
    """Empty ``stage_*`` tables for one file (temporary: they vanish with the connection)."""
    for table, (record, types) in STAGES.items():
        columns = ", ".join(f"{f} {types.get(f, 'VARCHAR')}" for f in record._fields)
        con.execute(f"CREATE OR REPLACE TEMP TABLE stage_{table} ({columns})")


def flush(con: duckdb.DuckDBPyConnection, batch: Batch) -> None:
    """Move the batch's records into the stage tables and release them from memory."""
    for table, (record, types) in STAGES.items():
        rows = getattr(batch, table)
        if not rows:
            continue
        exprs = ", ".join(_cast(f, types.get(f, "VARCHAR")) for f in record._fields)
        with scanned(con, "batch_rows", rows, record._fields, types):
            con.execute(f"INSERT INTO stage_{table} SELECT {exprs} FROM batch_rows")
        rows.clear()


@contextmanager
def scanned(
    con: duckdb.DuckDBPyConnection,
    name: str,
    rows: list[tuple],
    fields: tuple[str, ...] | list[str],
    types: dict[str, str],
) -> Iterator[None]:
    """Python rows as the temporary table ``name`` for the duration of the block."""
    frame = to_columns(rows, fields, types)  # noqa: F841 - DuckDB finds the local by name in the SQL below
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM frame")
    try:
        yield
    finally:
        con.execute(f"DROP TABLE IF EXISTS {name}")


def to_columns(
    rows: list[tuple], fields: tuple[str, ...] | list[str], types: dict[str, str]
) -> dict[str, np.ndarray]:
    """Columns DuckDB scans without guessing: 64-bit integers, booleans and floats (masked where
    missing), text and lists as objects."""
    import numpy as np  # here, not at the top: commands that only read the store never load it

    columns = {}
    for index, name in enumerate(fields):
        values = [row[index] for row in rows]
        kind = types.get(name, "VARCHAR")
        if kind == TS:
            columns[name] = _masked([to_us(v) for v in values], np.int64, int)
        elif kind == "BIGINT":
            columns[name] = _masked(values, np.int64, int)
        elif kind == "BOOLEAN":
            columns[name] = _masked(values, np.bool_, bool)
        elif kind == "DOUBLE":
            columns[name] = _masked(values, np.float64, float)
        elif kind == "VARCHAR[]":  # a list per row (``np.array`` makes equal-length lists 2-D)
            columns[name] = np.fromiter(values, dtype=object, count=len(values))
        else:  # text, dates and decimals cross as text and are cast in SQL
            columns[name] = np.fromiter((_text(v) for v in values), dtype=object, count=len(values))
    return columns


def _masked(values: list, dtype: type, convert: type) -> np.ma.MaskedArray:
    """``values`` as ``dtype``, None masked (DuckDB reads a masked value as NULL)."""
    import numpy as np

    data = np.array([convert(0) if v is None else convert(v) for v in values], dtype=dtype)
    return np.ma.masked_array(data, mask=np.array([v is None for v in values], dtype=np.bool_))


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _cast(field: str, kind: str) -> str:
    if kind == TS:
        return f"make_timestamp({field})::TIMESTAMPTZ"
    return f"{field}::{kind}"
