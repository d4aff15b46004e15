"""A batch of files is one store session and one transaction, with membership rebuilt once at its
end; it must store exactly what importing the same files one call at a time stores, report the same,
and keep a bad file (even one that fails after writing) from sinking the others."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from assistant.history import History, HistoryError, membership, store
from tests.history.conftest import FIXTURES

FILES = ("chatlog/chatroom_0601.json", "chatlog/chatlog.csv", "chatlog/chatlog.json", "chatlog/chatroom_0608.json",
         "memotrace/幸福里团购1群_utf8.csv", "orders/orders.csv", "broken/memotrace_truncated.csv", "broken/result_truncated.json", "members/members.csv",
         "telegram/result.json", "memotrace/幸福里团购1群.txt")  # fmt: skip


def _reports(reports) -> list[str]:
    return [json.dumps(r.to_dict(), ensure_ascii=False, sort_keys=True) for r in reports]


def _content(history: History, dump) -> dict:
    """The tables without import times, the logged reports with their dicts in one order."""
    tables = dump()
    tables["imports"] = sorted((*row[:5], json.dumps(json.loads(row[6]), sort_keys=True))
                               for row in tables["imports"])  # fmt: skip
    tables["groups"] = sorted(row[:-1] for row in tables["groups"])  # created_at
    return tables


def test_a_batch_stores_and_reports_what_one_file_at_a_time_does(history, dump, tmp_path: Path) -> None:
    paths = [FIXTURES / name for name in FILES]
    batch = history.import_files(paths, tz="Asia/Shanghai")
    assert [r.status for r in batch].count("failed") == 3  # no group; an aborted transaction (replayed); bad JSON
    single = History(tmp_path / "single" / "history.duckdb")
    one_by_one = [r for path in paths for r in single.import_files([path], tz="Asia/Shanghai")]
    assert _reports(batch) == _reports(one_by_one)
    by_batch = _content(history, dump)
    history.db_path = single.db_path  # the dump fixture reads history.db_path
    assert _content(history, dump) == by_batch


def test_a_file_that_fails_after_writing_replays_the_batch_without_it(history, fx, dump, monkeypatch) -> None:
    rollbacks = []
    monkeypatch.setattr(store.Store, "rollback", lambda self: (rollbacks.append(1), self.con.execute("ROLLBACK")))
    reports = history.import_files([fx("chatlog/chatlog.csv"), fx("broken/memotrace_truncated.csv"),
                                    fx("orders/orders.csv"), fx("telegram/result.json")])  # fmt: skip
    assert [r.status for r in reports] == ["ok", "failed", "failed", "ok"]
    assert "引号没有闭合" in reports[1].error and "--group" in reports[2].error
    assert len(rollbacks) == 1  # DuckDB's CSV reader failed: the transaction was aborted; orders.csv failed unread
    assert [r[1] for r in dump()["imports"]] == ["chatlog.csv", "result.json"]


def test_listeners_hear_once_per_batch(history, fx) -> None:
    heard = []
    history.listeners.append(lambda reports: heard.append([r.file for r in reports]))
    history.import_files([fx("chatlog/chatlog.csv"), fx("broken/unknown.txt"), fx("telegram/result.json")])
    assert heard == [["chatlog.csv", "unknown.txt", "result.json"]]


def test_a_failure_in_the_batchs_membership_rebuild_leaves_the_store_unchanged(history, fx, dump, monkeypatch) -> None:
    history.import_files([fx("chatlog/chatroom_0601.json")], at="2024-06-01 20:00")
    before = dump()

    def full(con, group_id: int, walked) -> None:
        raise duckdb.IOException("No space left on device (simulated)")

    monkeypatch.setattr(membership, "write", full)
    with pytest.raises(HistoryError, match="保持导入前的样子"):
        history.import_files([fx("chatlog/chatlog.json"), fx("telegram/result.json")])
    assert dump() == before
