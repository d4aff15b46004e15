"""The knowledge base as an operator uses it: add, re-add, change, remove, rebuild, restart."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant import InputError
from assistant.llm.offline_embedding import OfflineHashEmbeddings
from assistant.retrieval import BUNDLED, USER, DocumentLibrary, KnowledgeBase, VectorStore
from tests.conftest import ROOT
from tests.support.documents import make_docx, make_pdf, make_xlsx

SOP_MD = "# 售后SOP\n## 退款时效\n退款申请审核通过后三个工作日内原路退回。\n## 发票\n电子发票在确认收货后七天内开具。\n"


def open_kb(tmp_path: Path, knowledge: Path | None = None) -> KnowledgeBase:
    return KnowledgeBase(
        VectorStore(tmp_path / "chroma", OfflineHashEmbeddings()),
        DocumentLibrary(tmp_path / "library"),
        knowledge or ROOT / "knowledge",
    )


@pytest.fixture
def kb(tmp_path) -> KnowledgeBase:
    base = open_kb(tmp_path)
    base.sync_bundled()
    return base


def test_added_documents_are_found_by_paraphrased_questions_and_cited(kb) -> None:
    results = kb.add_files([("运营手册.pdf", make_pdf(30)), ("SOP.docx", make_docx()), ("常见问题.xlsx", make_xlsx())])
    assert [r.status for r in results] == ["added"] * 3
    [hit] = kb.search("水果烂了能退吗", 1, [USER])
    assert (hit.source, hit.title) == ("常见问题.xlsx", "常见问题 › 坏果怎么赔？")
    hits = kb.search("预售的货什么时候发", 3, [USER])
    assert any(h.source == "SOP.docx" and "发货时效" in h.title for h in hits)
    pdf_hit = kb.search("客户投诉多久要回复", 3, [USER])[0]
    assert pdf_hit.source == "运营手册.pdf" and "页）" in pdf_hit.title
    assert any(topic in pdf_hit.title for topic in ("1-3-5", "响应时长"))


def test_in_english_a_pdf_passage_names_its_page_in_english(tmp_path) -> None:
    base = KnowledgeBase(VectorStore(tmp_path / "chroma", OfflineHashEmbeddings()),
                         DocumentLibrary(tmp_path / "library"), ROOT / "knowledge", language="en")
    base.add_files([("handbook.pdf", make_pdf(30))])
    [hit] = base.search("客户投诉多久要回复", 1, [USER])
    assert hit.title.endswith(")") and " (p. " in hit.title and "页" not in hit.title


def test_re_adding_unchanged_files_changes_nothing(kb) -> None:
    files = [("SOP.docx", make_docx()), ("常见问题.xlsx", make_xlsx())]
    kb.add_files(files)
    ids_before = kb.store.ids()
    again = kb.add_files(files)
    assert [r.status for r in again] == ["unchanged", "unchanged"]
    assert kb.store.ids() == ids_before


def test_a_changed_file_replaces_exactly_its_changed_chunks(kb) -> None:
    kb.add("售后.md", SOP_MD.encode())
    before = kb.store.ids()
    result = kb.add("售后.md", SOP_MD.replace("七天内", "十五天内").encode())
    assert (result.status, result.new_chunks, result.removed_chunks) == ("replaced", 1, 1)
    assert len(kb.store.ids() - before) == 1 and len(before - kb.store.ids()) == 1
    assert "十五天内" in kb.search("发票多久能开", 1, [USER])[0].body


def test_removing_a_file_removes_it_from_both_search_sides(kb) -> None:
    kb.add("售后.md", SOP_MD.encode())
    entry = kb.library.get("售后.md")
    ids, stored = set(entry.chunk_ids), kb.library.path_of(entry)
    assert stored.exists()
    assert kb.remove("售后.md") == 2
    assert all(h.source != "售后.md" for h in kb.search("退款几个工作日到账", 5))
    assert not ids & kb.store.ids() and not any(i in kb.search_index._bm25 for i in ids)
    assert not stored.exists()
    with pytest.raises(InputError, match="没有名为"):
        kb.remove("售后.md")


def test_near_duplicates_are_merged_and_survive_removal_of_the_original(kb) -> None:
    kb.add("售后.md", SOP_MD.encode())
    copy = kb.add("售后-副本.md", SOP_MD.replace("# 售后SOP", "# 售后SOP（副本）").encode())
    assert copy.merged == 2 and copy.new_chunks == 0
    hits = kb.search("退款几个工作日", 5, [USER])
    assert [h.source for h in hits] == ["售后.md"] * len(hits)
    assert len({h.body for h in hits}) == len(hits)
    kb.remove("售后.md")
    hit = kb.search("退款几个工作日", 5, [USER])[0]
    assert hit.source == "售后-副本.md" and hit.title == "售后SOP（副本） › 退款时效"


def test_search_can_be_limited_to_one_collection(kb) -> None:
    kb.add("售后.md", SOP_MD.encode())
    assert {h.collection for h in kb.search("退款 退群率", 8, [BUNDLED])} == {BUNDLED}
    assert {h.collection for h in kb.search("退款 退群率", 8, [USER])} == {USER}


def test_a_bad_file_is_reported_and_the_batch_goes_on(kb) -> None:
    results = kb.add_files([("坏文件.pdf", b"%PDF-1.4 broken"), ("售后.md", SOP_MD.encode())])
    assert results[0].status == "failed" and "PDF" in results[0].message
    assert results[1].status == "added"
    assert [d.name for d in kb.documents() if d.collection == USER] == ["售后.md"]


def test_the_index_survives_a_restart(tmp_path) -> None:
    first = open_kb(tmp_path)
    first.sync_bundled()
    first.add("售后.md", SOP_MD.encode())
    again = open_kb(tmp_path)
    assert again.sync_bundled().added == 0
    assert again.search("发票多久能开", 1, [USER])[0].source == "售后.md"
    assert again.add("售后.md", SOP_MD.encode()).status == "unchanged"


def test_rebuild_recreates_the_same_index_from_sources(kb) -> None:
    kb.add_files([("售后.md", SOP_MD.encode()), ("常见问题.xlsx", make_xlsx())])
    before = kb.store.ids()
    report, results = kb.rebuild()
    assert kb.store.ids() == before
    assert report.added > 50 and [r.status for r in results] == ["added", "added"]


def test_document_list_shows_both_collections(kb) -> None:
    kb.add("常见问题.xlsx", make_xlsx())
    rows = {d.name: d for d in kb.documents()}
    assert rows["05-metrics.md"].collection == BUNDLED and rows["05-metrics.md"].chunks > 5
    faq = rows["常见问题.xlsx"]
    assert (faq.kind, faq.collection, faq.chunks) == ("xlsx", USER, 3) and faq.size > 1000 and faq.added_at
    assert [c.metadata["title"] for c in kb.chunks_of("常见问题.xlsx")][0] == "常见问题 › 几点截单？"


def test_bundled_playbooks_resync_only_what_changed(tmp_path) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", knowledge)
    kb = open_kb(tmp_path, knowledge)
    total = kb.sync_bundled().added
    assert kb.sync_bundled().added == 0
    path = knowledge / "05-metrics.md"
    path.write_text(path.read_text(encoding="utf-8").replace("## 退群率\n", "## 退群率\n每周一早上统计。\n", 1), encoding="utf-8")
    report = kb.sync_bundled()
    assert report.added == report.removed == 1 and report.unchanged == total - 1
    (knowledge / "04-activities.md").unlink()
    assert kb.sync_bundled().removed > 10
    assert all("04-activities" not in h.source for h in kb.search("接龙怎么组织", 4))


@pytest.mark.parametrize("name", [".hidden.md", "", "..", "dir/"])
def test_unusable_names_are_refused(kb, name) -> None:
    with pytest.raises(InputError):
        kb.add(name, SOP_MD.encode())


def test_a_path_in_the_name_cannot_escape_the_library(kb, tmp_path) -> None:
    assert kb.add("../../escape.md", SOP_MD.encode()).name == "escape.md"
    stored = kb.library.path_of(kb.library.get("escape.md"))
    assert stored.parent == kb.library.files and stored.name != "escape.md"  # a generated name
    assert not (tmp_path.parent / "escape.md").exists()


def test_chunks_of_an_add_killed_before_its_manifest_are_dropped_on_open(tmp_path, monkeypatch) -> None:
    kb = open_kb(tmp_path)
    kb.sync_bundled()

    def killed(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(kb.library, "save", killed)
    with pytest.raises(KeyboardInterrupt):
        kb.add("售后.md", SOP_MD.encode())
    monkeypatch.undo()
    again = open_kb(tmp_path)
    assert again.drop_orphans() == 2
    assert again.search("退款几个工作日", 3, [USER]) == []
    assert again.add("售后.md", SOP_MD.encode()).status == "added"


def _bm25_view(base: KnowledgeBase, queries: list[str]) -> list:
    return [base.search_index.bm25_hits(q) for q in queries]


def test_a_restart_reads_the_bm25_snapshot_and_applies_what_changed_since(tmp_path, monkeypatch) -> None:
    from assistant.retrieval import hybrid

    monkeypatch.setattr(hybrid, "SNAPSHOT_MIN_CHUNKS", 1)  # the playbooks alone stand in for a large library
    first = open_kb(tmp_path)
    first.sync_bundled()
    reopened = open_kb(tmp_path)  # no snapshot yet: rebuilt from the stored tokens, then saved
    [snapshot] = (tmp_path / "chroma-bm25").glob("*.npz")
    queries = ["退群率多少算正常", "拼团怎么设置阶梯价", "发票多久能开"]
    rebuilt = _bm25_view(reopened, queries)
    written = snapshot.stat().st_mtime_ns
    assert _bm25_view(open_kb(tmp_path), queries) == rebuilt  # read back from the snapshot: identical rankings
    assert snapshot.stat().st_mtime_ns == written  # nothing changed, nothing rewritten

    reopened.add("售后.md", SOP_MD.encode())  # changes the snapshot knows nothing about
    reopened.remove("售后.md")
    reopened.add("售后2.md", SOP_MD.replace("七天内", "十五天内").encode())
    after = open_kb(tmp_path)
    assert after.search("发票多久能开", 1, [USER])[0].source == "售后2.md"
    assert all(hit_id in after.search_index.chunk_ids() for hits in _bm25_view(after, queries) for hit_id, _ in hits)
    monkeypatch.setattr(hybrid, "SNAPSHOT_MIN_CHUNKS", 10**9)  # a plain rebuild to compare with
    snapshot.unlink()
    rebuilt_now = open_kb(tmp_path)
    assert _bm25_view(after, queries) == _bm25_view(rebuilt_now, queries)
    assert rebuilt_now.search_index.chunk_ids() == after.search_index.chunk_ids()


def test_a_damaged_snapshot_is_rebuilt_not_trusted(tmp_path, monkeypatch) -> None:
    from assistant.retrieval import hybrid

    monkeypatch.setattr(hybrid, "SNAPSHOT_MIN_CHUNKS", 1)
    open_kb(tmp_path).sync_bundled()
    open_kb(tmp_path)
    [snapshot] = (tmp_path / "chroma-bm25").glob("*.npz")
    snapshot.write_bytes(snapshot.read_bytes()[:1000])  # a crash mid-copy, a full disk …
    again = open_kb(tmp_path)
    assert again.search("退群率多少算正常", 1)[0].source.endswith("05-metrics.md")
