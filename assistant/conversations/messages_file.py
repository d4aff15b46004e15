"""Reading the history file for conversations: groups, their admins and their messages.

The SQL stays in ``analytics/`` (``chatlog.load``, ``groups.select_groups``); this module only
opens the file the way the analytics façade does (per call, closed again, so an import in another
session takes its turn) and hands out one group's messages at a time, which keeps a
million-message history to one group's worth of Python objects.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import duckdb

from ..analytics import chatlog
from ..analytics.chatlog import Message
from ..analytics.groups import Group, data_end, select_groups
from ..errors import InputError
from ..i18n import t
from ..history.database import close_db, open_db

EARLIEST = datetime(1970, 1, 1, tzinfo=timezone.utc)
LATEST = datetime(2200, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class GroupLog:
    """One group's messages in a span, with who its admins are."""

    group: Group
    admins: frozenset[str]
    messages: list[Message]
    end: datetime | None  # the last instant anything was recorded for the group


@contextmanager
def connect(db_path: Path, language: str = "zh") -> Iterator[duckdb.DuckDBPyConnection]:
    """The history file, open (errors in ``language``)."""
    if not Path(db_path).exists():
        raise InputError(t("analytics.error.no_data", language))
    con = open_db(Path(db_path), language=language)
    try:
        yield con
    except duckdb.CatalogException as exc:  # the first import is still creating the tables
        raise InputError(t("analytics.error.no_data", language)) from exc
    finally:
        close_db(con)


def group_names(db_path: Path, language: str = "zh") -> list[str]:
    with connect(db_path, language) as con:
        return [g.name for g in select_groups(con, language=language)]


def message_count(db_path: Path, group: str | None = None, language: str = "zh") -> int:
    """How many messages the groups (one, or all) hold: the total a sync's progress counts to."""
    with connect(db_path, language) as con:
        return sum(chatlog.message_count(con, g) for g in select_groups(con, group, language))


def logs(db_path: Path, group: str | None = None, weeks: int | None = None,
         language: str = "zh") -> Iterator[GroupLog]:
    """Each group's messages (the last ``weeks`` weeks of its data, or all), one group at a time;
    errors (no data, an unknown group) in ``language``."""
    with connect(db_path, language) as con:
        groups = select_groups(con, group, language)
    for g in groups:
        with connect(db_path, language) as con:
            end = data_end(con, g.id)
            start = EARLIEST if weeks is None or end is None else end - timedelta(weeks=weeks)
            admins = chatlog.admins_of(con, g)
            messages = chatlog.load(con, g, start, LATEST, admins)
        yield GroupLog(g, frozenset(admins), messages, end)
