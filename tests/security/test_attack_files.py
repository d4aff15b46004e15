"""The attack corpus, files: hostile names, archives that reach for local files, bombs, nesting,
damaged office files. Each attack is refused with a clean message and the store is unchanged.

Every test here reproduces a hole found by trying the product as an attacker would (issue 14);
each failed on the main branch before the fix.
"""

from __future__ import annotations

import io
import json
import shutil
import stat
import zipfile
import zlib
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from streamlit.testing.v1 import AppTest

from assistant import Assistant, InputError, load_settings, workspace
from assistant.cli import cli
from tests.conftest import ROOT
from tests.support.documents import make_docx, make_xlsx
from tests.support.history_file import read_only

FIXTURES = ROOT / "tests" / "history" / "fixtures"
TELEGRAM = FIXTURES / "telegram" / "result.json"
PASTED = (FIXTURES / "pasted" / "wechat_window.txt").read_text(encoding="utf-8")
SECRET = "TOP-SECRET-不应被读到的本地文件内容"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _assistant() -> Assistant:
    return Assistant.from_settings(load_settings())


def _store_snapshot(data_dir: Path) -> dict:
    """What the workspace holds: groups with their message counts, and the user's documents."""
    db = data_dir / "history.duckdb"
    groups = {}
    if db.exists():
        con = read_only(db)
        groups = dict(con.execute("SELECT g.name, count(m.group_id) FROM groups g LEFT JOIN messages m USING (group_id) "
                                  "GROUP BY g.name").fetchall())
        con.close()
    manifest = data_dir / "library" / "manifest.json"
    documents = sorted(e["name"] for e in json.loads(manifest.read_text(encoding="utf-8"))) if manifest.exists() else []
    return {"groups": groups, "documents": documents}


# -- 1. uploads -----------------------------------------------------------------------------------

def test_an_upload_named_with_a_path_is_stored_inside_the_uploads_folder(isolated_env) -> None:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    app.run()
    app.switch_page("app_pages/groups.py").run()
    app.file_uploader[0].set_value(("../../../x.json", TELEGRAM.read_bytes(), "application/json")).run()
    assert not app.exception, app.exception
    [button] = [b for b in app.button if b.label == "开始导入"]
    button.click().run()
    assert not app.exception, app.exception
    data = isolated_env / "data"
    escaped = [p for p in isolated_env.parent.rglob("x.json")]
    assert not escaped, escaped
    stored = [p for p in (data / "uploads").iterdir() if not p.name.startswith(".")]
    assert len(stored) == 1 and stored[0].name != "x.json" and stored[0].suffix == ".json"
    assert any("x.json" in s.value for s in app.success)  # the report names the upload by its own name


def test_upload_names_are_never_paths() -> None:
    history = _assistant().history
    for hostile in ("../../../etc/passwd", "/etc/passwd", "..\\..\\boot.ini", "a\x00b.csv", "\u202egnp.exe", "x" * 500):
        kept = history.keep_upload(hostile, b"data")
        assert kept.path.parent == history.db_path.parent / "uploads"
        assert "/" not in kept.name and "\\" not in kept.name and "\x00" not in kept.name and len(kept.name) <= 120


# -- 2. workspace archives ------------------------------------------------------------------------

@pytest.fixture
def workspace_with_data(isolated_env) -> Path:
    assistant = _assistant()
    assistant.history.import_files([TELEGRAM])
    assistant.add_documents([("常见问题.xlsx", make_xlsx())])
    archive = isolated_env / "ws.zip"
    workspace.export(isolated_env / "data", archive)
    return archive


def _rewrite(archive: Path, target: Path, change) -> Path:  # noqa: ANN001
    """A copy of ``archive`` whose members pass through ``change(name, bytes) -> [(name, bytes)]``."""
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            for name, data in change(info.filename, source.read(info)):
                out.writestr(name, data)
    return target


@pytest.mark.parametrize("where", ["relative", "absolute", "legacy-name"])
def test_a_manifest_naming_a_local_file_is_refused(workspace_with_data, isolated_env, where) -> None:
    secret = isolated_env / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    pointer = {"relative": "../../../../../../../../" + str(secret).lstrip("/"), "absolute": str(secret),
               "legacy-name": "../" * 12 + str(secret).lstrip("/")}[where]

    def hostile(name: str, data: bytes):  # noqa: ANN202
        if name == "library/manifest.json":
            entries = json.loads(data)
            if where == "legacy-name":  # a manifest of before generated names: the name is the file
                entries.append({**entries[0], "name": pointer, "stored_as": ""})
            else:
                entries.append({**entries[0], "name": "偷看.txt", "stored_as": pointer})
            return [(name, json.dumps(entries, ensure_ascii=False).encode())]
        return [(name, data)]

    bad = _rewrite(workspace_with_data, isolated_env / "bad.zip", hostile)
    other = isolated_env / "machine-b"
    result = CliRunner().invoke(cli, ["workspace", "import", str(bad)], env={"ASSISTANT_DATA_DIR": str(other)})
    assert result.exit_code == 1 and "不安全" in result.output and "Traceback" not in result.output
    assert not (other / "library").exists() and not (other / "history.duckdb").exists()


def test_a_library_manifest_pointing_outside_is_not_read_by_a_rebuild(isolated_env) -> None:
    secret = isolated_env / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    assistant = _assistant()
    assistant.add_documents([("售后.md", "# 售后\n坏果签收当天拍照，坏多少赔多少。".encode())])
    manifest = isolated_env / "data" / "library" / "manifest.json"
    entries = json.loads(manifest.read_text(encoding="utf-8"))
    entries += [{**entries[0], "name": "../../secret.txt", "stored_as": ""},
                {**entries[0], "name": "偷看.txt", "stored_as": "../../secret.txt"}]
    manifest.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    _, results = _assistant().rebuild_index()
    assert sorted(r.status for r in results) == ["added", "failed", "failed"]
    hits = _assistant().search("TOP-SECRET 本地文件内容", k=10)
    assert all(SECRET not in h.body for h in hits)


def test_a_history_file_with_a_view_over_a_local_file_is_refused(workspace_with_data, isolated_env) -> None:
    secret = isolated_env / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")

    def hostile(name: str, data: bytes):  # noqa: ANN202
        if name != "history.duckdb":
            return [(name, data)]
        path = isolated_env / "crafted.duckdb"
        path.write_bytes(data)
        con = duckdb.connect(str(path))
        con.execute("DROP TABLE groups CASCADE")
        con.execute(f"CREATE VIEW groups AS SELECT 1 AS group_id, content AS name FROM read_text('{secret}')")
        con.close()
        return [(name, path.read_bytes())]

    bad = _rewrite(workspace_with_data, isolated_env / "bad.zip", hostile)
    before = _store_snapshot(isolated_env / "data")
    result = run("workspace", "import", str(bad))
    assert result.exit_code == 1 and "不是本程序生成的普通数据表" in result.output
    assert SECRET not in run("history", "groups").output
    assert _store_snapshot(isolated_env / "data") == before


@pytest.mark.parametrize("attack", ["macro", "column-default"])
def test_a_history_file_with_functions_of_its_own_is_refused(workspace_with_data, isolated_env, attack) -> None:
    def hostile(name: str, data: bytes):  # noqa: ANN202
        if name != "history.duckdb":
            return [(name, data)]
        path = isolated_env / "crafted.duckdb"
        path.write_bytes(data)
        con = duckdb.connect(str(path))
        if attack == "macro":
            con.execute("CREATE MACRO leak() AS TABLE SELECT * FROM read_text('/etc/hostname')")
        else:
            con.execute("ALTER TABLE groups ALTER COLUMN kind SET DEFAULT current_setting('temp_directory')")
        con.close()
        return [(name, path.read_bytes())]

    bad = _rewrite(workspace_with_data, isolated_env / "bad.zip", hostile)
    with pytest.raises(InputError, match="不是本程序生成的普通数据表"):
        workspace.restore(bad, isolated_env / "machine-b")


def test_archive_members_outside_the_workspace_or_links_are_refused(workspace_with_data, isolated_env) -> None:
    for member in ("library/files/../../../escaped.txt", "library/notes.txt", "chroma/x.bin", "/abs.txt"):
        bad = _rewrite(workspace_with_data, isolated_env / "bad.zip", lambda n, d, m=member: [(n, d), (m, b"x")]
                       if n == "history.duckdb" else [(n, d)])
        with pytest.raises(InputError, match="不安全或不属于工作区"):
            workspace.restore(bad, isolated_env / "machine-b")
    link = zipfile.ZipInfo("library/files/" + "a" * 32 + ".md")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    with zipfile.ZipFile(workspace_with_data, "a") as zf:
        zf.writestr(link, "/etc/passwd")
    with pytest.raises(InputError):
        workspace.restore(workspace_with_data, isolated_env / "machine-b")
    assert not (isolated_env / "escaped.txt").exists() and not (isolated_env / "machine-b" / "history.duckdb").exists()


# -- 7. bombs, nesting and damaged files ----------------------------------------------------------

def _bomb_member(out: zipfile.ZipFile, name: str, size: int) -> None:
    """A member of ``size`` zero bytes, compressed as it is written (a few MB on disk)."""
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with out.open(info, "w", force_zip64=True) as member:
        block = bytes(1 << 24)
        member._compressor = _RepeatedBlock(block)  # zipfile still counts the size and the CRC
        for _ in range(size // len(block)):
            member.write(block)


class _RepeatedBlock:
    """Deflates ``block`` once and repeats the result: a full flush makes each block's bytes the
    same, and deflating gigabytes of zeros afresh costs seconds of CPU a bomb."""

    def __init__(self, block: bytes) -> None:
        self._zlib = zlib.compressobj(6, zlib.DEFLATED, -15)
        self._block = block
        self._deflated = self._zlib.compress(block) + self._zlib.flush(zlib.Z_FULL_FLUSH)

    def compress(self, data: bytes) -> bytes:
        assert data is self._block, "only the bomb's own block is repeated"
        return self._deflated

    def flush(self) -> bytes:
        return self._zlib.flush()


@pytest.fixture(scope="module")
def bombs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bombs")
    made = {}
    for kind, template in (("xlsx", make_xlsx()), ("docx", make_docx())):
        path = folder / f"bomb.{kind}"
        with zipfile.ZipFile(io.BytesIO(template)) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for info in source.infolist():
                out.writestr(info.filename, source.read(info))
            _bomb_member(out, "xl/worksheets/sheet2.xml" if kind == "xlsx" else "word/media/big.bin", 1 << 30)
        made[kind] = path
    return made


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_an_office_bomb_is_refused_before_it_is_unpacked(bombs, kind) -> None:
    assert bombs[kind].stat().st_size < 4 * 1024**2
    import resource
    import time

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    [result] = _assistant().add_paths([bombs[kind]])
    assert result.status == "failed" and ("压缩炸弹" in result.message or "超过上限" in result.message)
    assert time.monotonic() - started < 5
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200 * 1024  # KB: no gigabyte was unpacked


def test_a_member_list_workbook_bomb_is_refused_by_the_history_import(bombs, isolated_env) -> None:
    [report] = _assistant().history.import_files([bombs["xlsx"]], group="某群", fmt="member_list")
    assert report.status == "failed" and ("压缩炸弹" in report.error or "超过上限" in report.error)


def test_a_workspace_bomb_is_refused_and_leaves_nothing_on_disk(workspace_with_data, isolated_env) -> None:
    bomb = isolated_env / "bomb.zip"
    shutil.copy(workspace_with_data, bomb)
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as out:
        _bomb_member(out, "library/files/big.bin", 2 << 30)
    assert bomb.stat().st_size < 8 * 1024**2
    before = shutil.disk_usage(isolated_env).used
    with pytest.raises(InputError):
        workspace.restore(bomb, isolated_env / "machine-b")
    assert shutil.disk_usage(isolated_env).used - before < 100 * 1024**2
    assert not any((isolated_env / "machine-b").rglob("*.duckdb*")) if (isolated_env / "machine-b").exists() else True


def test_deeply_nested_json_fails_alone_and_the_batch_goes_on(isolated_env) -> None:
    deep = isolated_env / "deep.json"  # looks like a Telegram export, so a parser really reads it
    deep.write_text('{"name": "x", "type": "private_supergroup", "id": 1, "messages": ' + "[" * 10_000 + "]" * 10_000
                    + "}", encoding="utf-8")
    deep_object = isolated_env / "deep2.json"
    deep_object.write_text('{"messages": ' + '{"a": ' * 300 + "1" + "}" * 300 + "}", encoding="utf-8")
    reports = _assistant().history.import_files([deep, deep_object, TELEGRAM])
    assert [r.status for r in reports] == ["failed", "failed", "ok"]
    forced = _assistant().history.import_files([deep, TELEGRAM], fmt="telegram_json")  # the parser itself reads it
    assert [r.status for r in forced] == ["failed", "duplicate"] and "嵌套" in forced[0].error


def test_a_docx_with_malformed_xml_fails_alone_and_the_batch_goes_on() -> None:
    with zipfile.ZipFile(io.BytesIO(make_docx())) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts["word/document.xml"] = parts["word/document.xml"][:-200] + b"<w:p><unclosed"
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as out:
        for name, data in parts.items():
            out.writestr(name, data)
    results = _assistant().add_documents([("坏的.docx", broken.getvalue()), ("好的.md", "# 好\n正常的内容。".encode())])
    assert [r.status for r in results] == ["failed", "added"]
    assert "Word 文件损坏" in results[0].message


def test_a_workbook_renamed_csv_is_read_by_its_content_or_refused_cleanly(isolated_env) -> None:
    renamed = isolated_env / "成员.csv"
    renamed.write_bytes(make_xlsx([("昵称", "微信号"), ("张三", "zhangsan")]))
    [report] = _assistant().history.import_files([renamed], group="某群", at="2024-06-01 20:00")
    assert report.status in ("ok", "failed"), report
    assert "Traceback" not in (report.error or "")
    broken = isolated_env / "坏.csv"
    broken.write_bytes(make_xlsx()[:-300])
    [report] = _assistant().history.import_files([broken], group="某群")
    assert report.status == "failed" and report.error


@pytest.mark.parametrize("encoding", ["gbk", "utf-16", "binary"])
def test_draft_input_files_are_decoded_like_the_importers(isolated_env, encoding) -> None:
    complaint = "买的橙子烂了一半，要退款！"
    path = isolated_env / f"投诉-{encoding}.txt"
    path.write_bytes(bytes(range(256)) * 4 if encoding == "binary" else complaint.encode(encoding))
    result = run("draft", "complaint", "--input", str(path), "--json")
    assert "Traceback" not in result.output
    if encoding == "binary":
        assert result.exit_code == 1 and "二进制" in result.output
    else:
        assert result.exit_code == 0, result.output
        assert "投诉" in json.loads(result.output)["job"] or json.loads(result.output)["draft"]


def test_a_json_nesting_limit_also_guards_the_manifest(isolated_env) -> None:
    assistant = _assistant()
    assistant.add_documents([("售后.md", "# 售后\n内容。".encode())])
    manifest = isolated_env / "data" / "library" / "manifest.json"
    manifest.write_text("[" * 50_000 + "]" * 50_000, encoding="utf-8")
    result = run("kb", "list")
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_a_zip_declaring_more_than_it_holds_is_refused_by_its_central_directory() -> None:
    from assistant.safety.limits import OFFICE, check_zip

    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("a.xml", zlib.compress(b"x"))
    with zipfile.ZipFile(data) as archive:
        archive.infolist()[0].file_size = 3 * 1024**3
        with pytest.raises(InputError, match="超过上限"):
            check_zip(archive, "a.xlsx", OFFICE)
