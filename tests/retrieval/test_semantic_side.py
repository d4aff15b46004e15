"""The semantic side around a slow model: searchable at once, filled in the background, migrated.

A stand-in model (``tests/support/embedders.py``) is held back with a gate, so the index can be
looked at while vectors are still being computed; nothing here loads the real model.
"""

from __future__ import annotations

from pathlib import Path

from assistant.llm.offline_embedding import OfflineHashEmbeddings
from assistant.retrieval import BUNDLED, USER, DocumentLibrary, KnowledgeBase, VectorStore
from assistant.retrieval.vector_store import _collection_name
from tests.conftest import ROOT
from tests.support.embedders import GatedSemantic

SOP = "# 售后SOP\n## 坏果理赔\n水果到货有坏果，拍照后在群里找团长登记，当天按比例退款。\n## 开票\n电子发票在确认收货后七天内开具。\n"


def open_kb(tmp_path: Path, model: GatedSemantic | None) -> KnowledgeBase:
    catalogue = VectorStore(tmp_path / "chroma", OfflineHashEmbeddings())
    semantic = VectorStore(tmp_path / "chroma", model) if model else None
    return KnowledgeBase(catalogue, DocumentLibrary(tmp_path / "library"), ROOT / "knowledge", semantic=semantic)


def test_an_upload_is_searchable_at_once_and_its_vectors_fill_in_with_progress(tmp_path) -> None:
    model = GatedSemantic()
    kb = open_kb(tmp_path, model)
    kb.sync_bundled()
    assert kb.filler is not None
    kb.filler.run()  # the bundled playbooks (no shipped table for this model): embedded once
    assert kb.search_index.semantic_ready
    model.gate.clear()  # the model is busy: the upload must not wait for it
    [result] = kb.add_files([("售后.md", SOP.encode())])
    assert result.status == "added"
    progress = kb.fill_progress()
    assert progress is not None and progress.pending == result.chunks and progress.running
    [hit] = kb.search("坏果怎么赔", 1, [USER])
    assert hit.title.endswith("坏果理赔") and hit.found_by == {"bm25"}  # BM25 alone, for now
    model.gate.set()
    final = kb.filler.run()
    assert final.done and not final.error and final.embedded == final.total
    [hit] = kb.search("坏果怎么赔", 1, [USER])
    assert hit.found_by == {"bm25", "vector"}


def test_an_old_store_keeps_its_vectors_until_the_new_ones_are_complete(tmp_path) -> None:
    old = open_kb(tmp_path, None)
    old.sync_bundled()
    old.add("售后.md", SOP.encode())
    model = GatedSemantic()
    model.gate.clear()
    migrating = open_kb(tmp_path, model)  # the same data dir, now with a semantic model
    assert not migrating.search_index.semantic_ready
    assert migrating.search_index.active is migrating.store  # the hash vectors still serve
    assert migrating.search("坏果怎么赔", 1, [USER])[0].found_by >= {"vector"}
    model.gate.set()
    assert migrating.filler is not None and migrating.filler.run().done
    assert migrating.search_index.semantic_ready and migrating.search_index.active is migrating.search_index.semantic
    reopened = open_kb(tmp_path, GatedSemantic())
    assert reopened.search_index.semantic_ready and reopened.fill_progress().done  # type: ignore[union-attr]


def test_removing_a_document_removes_its_semantic_vectors(tmp_path) -> None:
    kb = open_kb(tmp_path, GatedSemantic())
    kb.sync_bundled()
    kb.add("售后.md", SOP.encode())
    assert kb.filler is not None and kb.filler.run().done
    semantic = kb.search_index.semantic
    assert semantic is not None
    user_ids = {c.id for c in kb.search_index.chunks(USER)}
    assert user_ids <= semantic.ids()
    kb.remove("售后.md")
    assert not user_ids & semantic.ids()
    assert semantic.ids() == {c.id for c in kb.search_index.chunks(BUNDLED)}


def test_identity_and_dimension_name_the_collection() -> None:
    assert _collection_name("kb", GatedSemantic(64).identity) != _collection_name("kb", GatedSemantic(128).identity)
    assert _collection_name("kb", OfflineHashEmbeddings().identity) == "kb-offline-hash-v1-768"  # old stores found


def test_kb_add_reports_the_semantic_side_until_it_is_complete(tmp_path, capsys) -> None:
    from assistant.cli.kb import _wait_for_vectors

    kb = open_kb(tmp_path, GatedSemantic())
    kb.sync_bundled()
    kb.add("售后.md", SOP.encode())
    assert kb.filler is not None
    _wait_for_vectors(kb.filler, as_json=False)
    printed = capsys.readouterr().err
    total = len(kb.search_index)
    assert f"语义向量 {total}/{total}" in printed and "语义向量已完成" in printed
