"""A workspace exported on one machine and imported on another carries its groups and documents;
a bad archive changes nothing."""

from __future__ import annotations

import json
import zipfile

import pytest
from click.testing import CliRunner

from assistant import Assistant, InputError, load_settings
from assistant.cli import cli
from assistant import workspace
from tests.support.documents import make_xlsx
from tests.support.demo_workspace import install_demo


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def exported(tmp_path, monkeypatch):
    source = tmp_path / "machine-a"
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(source))
    assistant = Assistant.from_settings(load_settings())
    install_demo(assistant.settings)
    assistant.add_documents([("常见问题.xlsx", make_xlsx())])
    before = json.loads(run("metrics", "--json").output)
    archive = tmp_path / "ws.zip"
    assert run("workspace", "export", str(archive)).exit_code == 0
    return archive, before


def test_export_then_import_on_another_machine(exported, tmp_path, monkeypatch) -> None:
    archive, before = exported
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "machine-b"))
    result = run("workspace", "import", str(archive))
    assert result.exit_code == 0, result.output
    assert json.loads(run("metrics", "--json").output) == before
    hits = json.loads(run("kb", "search", "水果烂了能退吗", "--collection", "user", "--json").output)
    assert hits[0]["source"] == "常见问题.xlsx"


def test_import_keeps_the_data_it_replaces(exported, tmp_path, monkeypatch) -> None:
    archive, _ = exported
    target = tmp_path / "machine-c"
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(target))
    Assistant.from_settings(load_settings()).add_documents([("旧.md", "# 旧\n旧内容。".encode())])
    report = workspace.restore(archive, target)
    assert report.backup is not None
    kept = json.loads((report.backup / "library" / "manifest.json").read_text(encoding="utf-8"))
    assert [e["name"] for e in kept] == ["旧.md"]
    assert (report.backup / "library" / "files" / kept[0]["stored_as"]).read_bytes() == "# 旧\n旧内容。".encode()


@pytest.mark.parametrize("damage", ["truncated", "foreign", "zip-slip"])
def test_bad_archives_are_refused_and_change_nothing(exported, tmp_path, monkeypatch, damage) -> None:
    archive, before = exported
    bad = tmp_path / "bad.zip"
    if damage == "truncated":
        bad.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    else:
        with zipfile.ZipFile(bad, "w") as zf:
            if damage == "foreign":
                zf.writestr("notes.txt", "hello")
            else:
                zf.writestr("workspace.json", json.dumps({"format": workspace.FORMAT, "version": 1}))
                zf.writestr("../../evil.txt", "x")
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "machine-a"))
    with pytest.raises(InputError):
        workspace.restore(bad, tmp_path / "machine-a")
    assert json.loads(run("metrics", "--json").output) == before
    assert not (tmp_path / "evil.txt").exists()


def test_exporting_an_empty_workspace_says_so(tmp_path) -> None:
    with pytest.raises(InputError, match="还没有可导出的数据"):
        workspace.export(tmp_path / "empty", tmp_path / "x.zip")


def test_conversations_and_ratings_travel_with_the_workspace(tmp_path, monkeypatch) -> None:
    from assistant.chats.store import ChatStore

    source = tmp_path / "machine-a"
    store = ChatStore(source)
    conv = store.create("local", "退款怎么处理")
    store.add_turn(conv.conv_id, "user", "水果烂了能退吗")
    answer = store.add_turn(conv.conv_id, "assistant", "可以，拍照后 24 小时内联系客服。")
    store.rate(answer, "local", "down", "应写明运费谁出")
    archive = workspace.export(source, tmp_path / "ws.zip").archive
    assert "chats.db" in zipfile.ZipFile(archive).namelist()

    target = tmp_path / "machine-b"
    ChatStore(target).create("local", "本机旧对话")
    report = workspace.restore(archive, target)
    moved = ChatStore(target).find(conv.conv_id, "local")
    assert moved is not None and moved.title == "退款怎么处理"
    assert [t.content for t in moved.turns][-1] == "可以，拍照后 24 小时内联系客服。"
    assert moved.turns[-1].rating == "down" and moved.turns[-1].note == "应写明运费谁出"
    assert [c.title for c in ChatStore(target).listing("local")] == ["退款怎么处理"]
    assert [c.title for c in ChatStore(report.backup).listing("local")] == ["本机旧对话"]  # kept, not lost
    assert oct((target / "chats.db").stat().st_mode & 0o777) == "0o600"


def test_a_chats_file_with_a_trigger_is_refused(tmp_path) -> None:
    import sqlite3

    from assistant.chats.store import ChatStore

    source = tmp_path / "machine-a"
    ChatStore(source).create("local", "x")
    with sqlite3.connect(source / "chats.db") as con:
        con.execute("CREATE TRIGGER sneaky AFTER INSERT ON turns BEGIN DELETE FROM conversations; END")
    archive = workspace.export(source, tmp_path / "ws.zip").archive
    target = tmp_path / "machine-b"
    ChatStore(target).create("local", "本机对话")
    with pytest.raises(InputError, match="不是本程序的格式"):
        workspace.restore(archive, target)
    assert [c.title for c in ChatStore(target).listing("local")] == ["本机对话"]
