"""Groups: which stored group each chat in a file belongs to.

A chat is found by the platform's chat id first, then by name; ``--group NAME`` wins over both
(and picks one chat out of a file that holds several). A group named after its bare chat id is
renamed as soon as a file tells its real name.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import duckdb

from ..i18n import t
from .errors import InputError
from .records import GroupRef


def resolve(
    con: duckdb.DuckDBPyConnection, refs: dict[str, GroupRef], *, override: str | None, tz: str, language: str = "zh"
) -> dict[str, int]:
    """``grp`` key -> group_id for every chat of the file that is to be imported."""
    if not override:
        return {key: _ensure(con, ref, tz) for key, ref in refs.items()}
    if len(refs) > 1:
        chosen = {key: ref for key, ref in refs.items() if override in (ref.name, ref.chat_id)}
        if not chosen:
            names = t("tool.names", language).join(sorted(ref.name or ref.chat_id or "?" for ref in refs.values()))
            raise InputError(t("import.error.no_such_group", language, n=len(refs), names=names, group=override))
        return {key: _ensure(con, replace(ref, name=ref.name or override), tz) for key, ref in chosen.items()}
    return {key: _ensure(con, replace(ref, name=override), tz, by_name=True) for key, ref in refs.items()}


def _ensure(con: duckdb.DuckDBPyConnection, ref: GroupRef, tz: str, *, by_name: bool = False) -> int:
    found = _find(con, ref, by_name)
    if found is not None:
        _complete(con, found, ref)
        return found
    name = _free_name(con, ref)
    group_id = con.execute("SELECT coalesce(max(group_id), 0) + 1 FROM groups").fetchone()[0]
    con.execute(
        "INSERT INTO groups VALUES (?, ?, ?, ?, ?, ?, ?)",
        [group_id, name, ref.platform, ref.chat_id, ref.kind, tz, datetime.now(UTC)],
    )
    return group_id


def _find(con: duckdb.DuckDBPyConnection, ref: GroupRef, by_name: bool) -> int | None:
    if by_name:
        return _one(con, "SELECT group_id FROM groups WHERE name = ?", [ref.name])
    if ref.chat_id:
        found = _one(con, "SELECT group_id FROM groups WHERE platform = ? AND chat_id = ?", [ref.platform, ref.chat_id])
        if found is not None:
            return found
    if ref.name:
        return _one(
            con,
            "SELECT group_id FROM groups WHERE name = ? AND platform = ? AND (chat_id IS NULL OR ? IS NULL OR chat_id = ?)",
            [ref.name, ref.platform, ref.chat_id, ref.chat_id],
        )
    return None


def _complete(con: duckdb.DuckDBPyConnection, group_id: int, ref: GroupRef) -> None:
    """Fill in what an earlier file did not know: the chat id, the kind, a real name."""
    con.execute(
        "UPDATE groups SET chat_id = coalesce(chat_id, ?), kind = coalesce(kind, ?) WHERE group_id = ?",
        [ref.chat_id, ref.kind, group_id],
    )
    if ref.name and not _one(con, "SELECT group_id FROM groups WHERE name = ?", [ref.name]):
        con.execute("UPDATE groups SET name = ? WHERE group_id = ? AND name = chat_id", [ref.name, group_id])


def _free_name(con: duckdb.DuckDBPyConnection, ref: GroupRef) -> str:
    base = ref.name or ref.chat_id or "未命名群"
    name, n = base, 1
    while _one(con, "SELECT group_id FROM groups WHERE name = ?", [name]) is not None:
        n += 1
        name = f"{base} ({ref.platform} {n})"
    return name


def _one(con: duckdb.DuckDBPyConnection, sql: str, params: list) -> int | None:
    row = con.execute(sql, params).fetchone()
    return row[0] if row else None
