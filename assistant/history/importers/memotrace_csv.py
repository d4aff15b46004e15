"""WeChat via MemoTrace (留痕) v2: the per-chat CSV ``<备注>_utf8.csv``.

UTF-8 with BOM, Python csv quoting (multi-line text in quoted fields), every message type including
``Type 10000`` system rows, and newest-first in the last open-source build (docs/formats.md §1.2.1).
Files reach a million rows, so DuckDB's CSV reader stages them directly; only the system rows, a few
per cent, go through Python to become events. ``CreateTime`` is exact; ``StrTime`` (local) is the
fallback. ``Sender`` may carry a ``:suffix`` that is cut, as MemoTrace itself does. A private chat's rows
stop after ``StrTime`` (``exporter_csv.py`` adds the sender columns for chat rooms only): refused
unless ``--allow-private``.
"""

from __future__ import annotations

import csv
import io
import re

import duckdb

from ...i18n import t
from ..batch import Batch
from ..clock import from_epoch
from ..errors import InputError
from ..options import ImportOptions
from ..records import Name
from ..source import Source
from . import wechat_system
from .base import group_name, refuse_private
from .wechat_types import kinds_sql

NAME = "memotrace_csv"
LABEL = "微信 · 留痕 MemoTrace 单聊 CSV"
PLATFORM = "wechat"
HEADER = ["localId", "TalkerId", "Type", "SubType", "IsSender", "CreateTime", "Status", "StrContent", "StrTime",
          "Remark", "NickName", "Sender"]  # fmt: skip
SELF_NAMES = ("你", "我")


def sniff(source: Source) -> bool:
    return source.header_row[: len(HEADER)] == HEADER


def read(source: Source, options: ImportOptions, batch: Batch) -> None:
    con = batch.con
    assert con is not None
    private = _private(source)  # MemoTrace writes Remark/NickName/Sender for group chats only
    if private:
        refuse_private(source, options)
    grp = batch.group(name=group_name(source, options, batch), kind="私聊" if private else "群聊")
    try:
        _load(con, source, options, pad=private)
    except duckdb.InvalidInputException as exc:
        raise InputError(_damage(source, str(exc))) from exc
    _skip_unusable(batch)
    _stage_messages(batch, grp)
    _stage_names(batch, grp)
    for t_us, content in con.execute(
        "SELECT epoch_us(t), content FROM memotrace_raw WHERE type IN (10000, 10002) AND t IS NOT NULL ORDER BY t"
    ).fetchall():
        wechat_system.add(batch, content or "", from_epoch(t_us / 1_000_000), grp)


def _private(source: Source) -> bool:
    """A one-to-one chat: its rows stop after ``StrTime`` (9 fields under the 12-column header)."""
    rows = csv.reader(io.StringIO(source.head.lstrip("\ufeff")))
    next(rows, None)
    first = next(rows, None)
    return first is not None and len(first) == len(HEADER) - 3


def _load(con: duckdb.DuckDBPyConnection, source: Source, options: ImportOptions, *, pad: bool = False) -> None:
    """Stage the file with DuckDB's reader: explicit columns, so damage is reported by line."""
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE memotrace_raw AS
        SELECT row_number() OVER () AS rec, TRY_CAST(Type AS INTEGER) AS type, TRY_CAST(SubType AS INTEGER) AS sub,
               coalesce(to_timestamp(TRY_CAST(CreateTime AS BIGINT)),
                        timezone($tz, TRY_STRPTIME(StrTime, '%Y-%m-%d %H:%M:%S'))) AS t,
               IsSender = '1' AS is_self, StrContent AS content, nullif(Remark, '') AS remark,
               nullif(NickName, '') AS nickname, nullif(split_part(Sender, ':', 1), '') AS sender
        FROM read_csv($path, header = true, auto_detect = false, columns = $columns, quote = '"', escape = '"',
                      delim = ',', strict_mode = true, null_padding = $pad)
        """,
        {"tz": options.tz.key, "path": str(source.utf8_path()), "columns": dict.fromkeys(HEADER, "VARCHAR"),
         "pad": pad},
    )


def _damage(source: Source, error: str) -> str:
    line = re.search(r"Line: (\d+)", error)
    words = source.language
    reason = (
        t("import.error.unclosed_quote", words)
        if "unterminated quote" in error
        else t("import.error.column_count", words)
        if "Number of Columns" in error
        else error.splitlines()[0]
    )
    where = t("import.error.memotrace_where", words, line=line[1]) if line else ""
    return t("import.error.memotrace_csv", words, file=source.name, where=where, reason=reason)


def _skip_unusable(batch: Batch) -> None:
    for reason, count, first in batch.con.execute(  # type: ignore[union-attr]
        """
        SELECT CASE WHEN type IS NULL THEN 'type' ELSE 'both_times' END,
               count(*), min(rec)
        FROM memotrace_raw WHERE type IS NULL OR t IS NULL GROUP BY 1
        """
    ).fetchall():
        batch.skip(t("import.skip.record", batch.language, n=first), t(f"import.skip.{reason}", batch.language), count)


def _stage_messages(batch: Batch, grp: str) -> None:
    batch.con.execute(  # type: ignore[union-attr]
        f"""
        INSERT INTO stage_messages (sent_at, kind, text, sender_id, sender_name, is_self, line, grp)
        SELECT r.t, coalesce(exact.kind, by_type.kind, 'other') AS kind,
               CASE WHEN r.type = 49 THEN nullif(regexp_extract(r.content, '(?s)<title>(.*?)</title>', 1), '')
                    WHEN coalesce(exact.kind, by_type.kind) = 'text' THEN r.content END,
               r.sender, r.remark, r.is_self, r.rec, $grp
        FROM memotrace_raw r
        LEFT JOIN (VALUES {kinds_sql()}) exact(type, sub, kind) ON exact.type = r.type AND exact.sub = r.sub
        LEFT JOIN (VALUES {kinds_sql()}) by_type(type, sub, kind) ON by_type.type = r.type AND by_type.sub IS NULL
        WHERE r.t IS NOT NULL AND r.type NOT IN (10000, 10002)
        """,
        {"grp": grp},
    )


def _stage_names(batch: Batch, grp: str) -> None:
    con = batch.con
    con.execute(  # type: ignore[union-attr]
        """
        INSERT INTO stage_names (member_id, name, name_kind, seen_at, grp)
        SELECT sender, nickname, 'nickname', max(t), $grp FROM memotrace_raw
        WHERE sender IS NOT NULL AND nickname IS NOT NULL AND nickname <> sender GROUP BY sender, nickname
        """,
        {"grp": grp},
    )
    me = con.execute("SELECT any_value(sender) FROM memotrace_raw WHERE is_self AND sender IS NOT NULL").fetchone()  # type: ignore[union-attr]
    if me and me[0]:
        batch.names += [Name(me[0], name, "self", None, grp) for name in SELF_NAMES]
