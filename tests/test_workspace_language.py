"""A refused workspace export or import, and a private file whose mode cannot be fixed, speak the
workspace language: in English no Chinese is left but the user's own file names; in Chinese the
text is what it always was (the old sentences are spelled out here, so a change to them shows)."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import zipfile
from contextlib import closing
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from assistant import ConfigError, InputError, workspace
from assistant.briefing.store import BriefingStore
from assistant.chats.store import ChatStore
from assistant.cli import cli
from assistant.history import migrations
from assistant.safety.limits import ZipLimits

CJK = re.compile(r"[\u3400-\u9fff]")
NAME = "工作区.zip"  # a user's file name: the one Chinese an English error may hold


def _archive(path: Path, manifest: object = None, **members: bytes | str) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("workspace.json", json.dumps(manifest or {"format": workspace.FORMAT, "version": 1}))
        for name, data in members.items():
            zf.writestr(name.replace("__", "/").replace("_dot_", "."), data)
    return path


def _history(folder: Path, build) -> bytes:
    path = folder / "built.duckdb"
    with duckdb.connect(str(path)) as con:
        build(con)
    return path.read_bytes()


def _ours_then(extra: str):
    def build(con) -> None:
        con.execute("CREATE TABLE schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMPTZ)")
        for name, migrate in migrations.MIGRATIONS:
            migrate(con)
            con.execute("INSERT INTO schema_migrations VALUES (?, now())", [name])
        con.execute(extra)
    return build


def _chats(folder: Path, sql: str | None) -> bytes:
    if sql is None:
        return b"SQLite format 3\x00" + b"\x00" * 84 + b"garbage" * 200
    store = ChatStore(folder / "chats-src")
    store.create("local", "x")
    with closing(sqlite3.connect(store.path)) as con:
        con.execute(sql)
        con.commit()
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the WAL folded in, so the file stands alone
    return store.path.read_bytes()


def _case(kind: str, tmp: Path, monkeypatch) -> tuple[Path, str]:
    """An archive refused for ``kind`` and the Chinese sentence the old code wrote for it."""
    archive = tmp / NAME
    done = "拒绝导入，数据未做任何改动。"
    if kind == "damaged":
        archive.write_bytes(b"PK\x03\x04 not really a zip")
        return archive, f"{NAME} 已损坏或不完整（BadZipFile），数据未做任何改动。"
    if kind == "foreign":
        return _archive(archive, {"format": "other"}), f"{NAME} 不是群运营助手导出的工作区文件。"
    if kind == "newer":
        _archive(archive, {"format": workspace.FORMAT, "version": 99})
        return archive, f"{NAME} 来自更新的版本，请先升级本程序再导入。"
    if kind == "unsafe":
        _archive(archive, notes_dot_txt="x")
        return archive, f"{NAME} 含有不安全或不属于工作区的文件 'notes.txt'，{done}"
    if kind == "members":
        monkeypatch.setattr(workspace, "WORKSPACE", ZipLimits(max_members=1, max_total=1024**3, max_ratio=None))
        return _archive(archive, history_dot_duckdb="x"), f"{NAME} 含有 2 个内部文件，超过上限 1，拒绝读取。"
    if kind == "nested":
        archive.write_bytes(b"")
        with zipfile.ZipFile(archive, "w") as zf:
            zf.writestr("workspace.json", "[" * 300 + "]" * 300)
        return archive, f"{NAME} 的 JSON 嵌套超过 200 层，不像聊天导出文件，拒绝读取。"
    if kind == "too_big":
        monkeypatch.setattr(workspace, "_MAX_MANIFEST", 4)
        return _archive(archive), "工作区文件里的 workspace.json 大得不正常（0 MB），拒绝导入。"
    if kind == "no_room":
        _archive(archive, history_dot_duckdb="x")
        monkeypatch.setattr(workspace.shutil, "disk_usage", lambda _: shutil._ntuple_diskusage(10**12, 0, 5 * 1024**2))
        return archive, f"{NAME} 解压需要 0 MB，磁盘只剩 5 MB。请先清理磁盘。"
    if kind == "chats_trigger":
        data = _chats(tmp, "CREATE TRIGGER sneaky AFTER INSERT ON turns BEGIN DELETE FROM conversations; END")
        _archive(archive, chats_dot_db=data)
        return archive, f"{NAME} 里的对话记录 chats.db 不是本程序的格式（trigger sneaky），{done}"
    if kind == "chats_broken":
        _archive(archive, chats_dot_db=_chats(tmp, None))
        return archive, f"{NAME} 里的对话记录 chats.db 已损坏（file is not a database），{done}"
    prefix = "工作区里的历史库不是本程序生成的普通数据表："
    tail = "。已拒绝导入，数据未做任何改动。"
    if kind == "history_open":
        _archive(archive, history_dot_duckdb="not a database at all" * 100)
        return archive, prefix + "无法打开（"  # DuckDB's own reason follows
    if kind == "history_view":
        _archive(archive, history_dot_duckdb=_history(tmp, _ours_then("CREATE VIEW peek AS SELECT 1 AS x")))
        return archive, prefix + "表和列与本程序的结构不一致（例如 ('main', 'peek', 'x', 'INTEGER', None, True)）" + tail
    if kind == "history_newer":
        build = _ours_then("INSERT INTO schema_migrations VALUES ('9999_future', now())")
        _archive(archive, history_dot_duckdb=_history(tmp, build))
        return archive, prefix + "来自更新的版本（未知的结构版本 9999_future），请先升级本程序" + tail
    raise AssertionError(kind)


KINDS = ["damaged", "foreign", "newer", "unsafe", "members", "nested", "too_big", "no_room", "chats_trigger", "chats_broken",
         "history_open", "history_view", "history_newer"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_refused_import_reads_as_before_in_chinese(kind, tmp_path, monkeypatch) -> None:
    archive, before = _case(kind, tmp_path, monkeypatch)
    with pytest.raises(InputError) as refused:
        workspace.restore(archive, tmp_path / "data")
    text = str(refused.value)
    assert text.startswith(before) if kind == "history_open" else text == before, text


@pytest.mark.parametrize("kind", KINDS)
def test_a_refused_import_is_english_in_english(kind, tmp_path, monkeypatch) -> None:
    archive, _ = _case(kind, tmp_path, monkeypatch)
    with pytest.raises(InputError) as refused:
        workspace.restore(archive, tmp_path / "data", "en")
    text = str(refused.value)
    assert not CJK.search(text.replace(NAME, "")), text
    assert NAME in text or kind in ("too_big", "history_open", "history_view", "history_newer"), text


def test_an_empty_workspace_says_so_in_both_languages(tmp_path) -> None:
    empty = tmp_path / "空的"
    with pytest.raises(InputError) as zh:
        workspace.export(empty, tmp_path / "x.zip")
    assert str(zh.value) == f"{empty} 里还没有可导出的数据（没有导入的群，也没有上传的文档）。"
    with pytest.raises(InputError) as en:
        workspace.export(empty, tmp_path / "x.zip", "en")
    assert str(en.value) == f"{empty} holds nothing to export yet (no imported group, no uploaded document)."


def test_the_cli_refuses_an_import_in_the_workspace_language(tmp_path, monkeypatch) -> None:
    archive, _ = _case("foreign", tmp_path, monkeypatch)
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ASSISTANT_LANGUAGE", "en")
    result = CliRunner().invoke(cli, ["workspace", "import", str(archive)])
    assert result.exit_code != 0
    assert f"{NAME} is not a workspace file exported by the Community Ops Assistant." in result.output
    assert not CJK.search(result.output.replace(NAME, "")), result.output


@pytest.mark.parametrize("store, holds", [(ChatStore, ("对话记录", "saved conversations")),
                                          (BriefingStore, ("推送密钥", "push secrets"))])
def test_a_private_file_that_stays_readable_says_how_to_fix_it(store, holds, tmp_path, monkeypatch) -> None:
    path = store(tmp_path).path
    with store(tmp_path).connect():
        pass
    path.chmod(0o644)

    def refuse(self, mode):
        raise PermissionError("not the owner")

    monkeypatch.setattr(Path, "chmod", refuse)
    with pytest.raises(ConfigError) as zh:
        store(tmp_path)._check_private()
    assert str(zh.value) == (f"{path} 保存了{holds[0]}，权限应为 600，现在是 644，且无法修改：not the owner。"
                             f"请执行 chmod 600 {path}。")
    with pytest.raises(ConfigError) as en:
        store(tmp_path, "en")._check_private()
    assert holds[1] in str(en.value) and f"chmod 600 {path}" in str(en.value)
    assert not CJK.search(str(en.value)), str(en.value)
