"""The shortcuts that make retrieval fast at 100,000 chunks give the same answers as the slow way.

Speed itself is measured by ``python -m benchmarks``; these tests pin behaviour: paged reads
return everything, the packed BM25 index scores like the textbook formula through removals and
compaction, prefix filtering finds every near-duplicate a full comparison finds, restricted
vector searches equal Chroma's own filter, a long upload reports progress inside the file, and
searches are answered while an upload is still embedding.
"""

from __future__ import annotations

import math
import random
import threading
from collections import Counter
from pathlib import Path

import pytest

from assistant.llm.offline_embedding import OfflineHashEmbeddings
from assistant.retrieval import (
    BUNDLED,
    USER,
    DocumentLibrary,
    KnowledgeBase,
    VectorStore,
    bm25,
    knowledge_base,
    scope,
    vector_store,
)
from assistant.retrieval.chunking import Chunk
from assistant.retrieval.dedupe import THRESHOLD, ShingleIndex, jaccard, shingles
from assistant.retrieval.tokenizer import tokenize, tokenize_lines
from benchmarks.corpus import document, pool
from tests.conftest import ROOT

WORDS = ["退群", "拉新", "接龙", "客诉", "团购", "秒杀", "积分", "群规", "活跃", "转化", "海报", "裂变", "打卡", "预售", "发货", "售后"]


def open_kb(tmp_path: Path, embeddings=None) -> KnowledgeBase:
    store = VectorStore(tmp_path / "chroma", embeddings or OfflineHashEmbeddings())
    return KnowledgeBase(store, DocumentLibrary(tmp_path / "library"), ROOT / "knowledge")


def reference_bm25(docs: dict[str, list[str]], terms: list[str]) -> dict[str, float]:
    """Okapi BM25 straight from the formula, for comparison."""
    n, average = len(docs), sum(map(len, docs.values())) / len(docs)
    scores: Counter[str] = Counter()
    for term in set(terms):
        having = [d for d, tokens in docs.items() if term in tokens]
        idf = math.log(1 + (n - len(having) + 0.5) / (len(having) + 0.5))
        for doc_id in having:
            tf = docs[doc_id].count(term)
            norm = bm25.K1 * (1 - bm25.B + bm25.B * len(docs[doc_id]) / average)
            scores[doc_id] += idf * tf * (bm25.K1 + 1) / (tf + norm)
    return scores


def test_packed_bm25_scores_like_the_formula_through_removals_and_compaction(monkeypatch) -> None:
    monkeypatch.setattr(bm25, "_MIN_COMPACT", 8)
    rng = random.Random(3)
    docs = {f"d{i}": rng.choices(WORDS, k=rng.randint(3, 30)) for i in range(200)}
    index = bm25.BM25Index()
    for doc_id, tokens in docs.items():
        index.add(doc_id, tokens, "even" if int(doc_id[1:]) % 2 == 0 else "odd")
    for doc_id in rng.sample(sorted(docs), 150):  # enough removals to compact more than once
        index.remove(doc_id)
        del docs[doc_id]
    index.add("d1", ["退群", "退群", "客诉"], "odd")  # re-adding replaces
    docs["d1"] = ["退群", "退群", "客诉"]
    assert len(index) == len(docs) and all(doc_id in index for doc_id in docs)
    for terms in (["退群"], ["接龙", "客诉", "不存在"], WORDS[:6]):
        expected = reference_bm25(docs, terms)
        got = dict(index.search(terms, k=len(docs)))
        assert got.keys() == {d for d, s in expected.items() if s > 0}
        assert all(got[d] == pytest.approx(expected[d]) for d in got)
    odd = index.search(WORDS, k=10, groups=["odd"])
    assert odd and all(int(d[1:]) % 2 == 1 for d, _ in odd)
    assert index.search(WORDS, k=10, groups=["nobody"]) == []


@pytest.mark.parametrize("ordered_by_corpus", [False, True])
def test_prefix_filtering_finds_what_comparing_every_pair_finds(ordered_by_corpus: bool) -> None:
    rng = random.Random(5)
    sentences = pool().sentences
    base = ["".join(rng.sample(sentences, 6)) for _ in range(40)]
    variants = base + [text.replace(text[5:9], "改写", 1) for text in base] + [text[:-12] for text in base[:20]]
    grams = [shingles(text) for text in variants]
    # Rarest shingles first (counted over most of the chunks, so some are ranked as first seen), or hash order.
    index = ShingleIndex(corpus=grams[:80]) if ordered_by_corpus else ShingleIndex()
    for position, mine in enumerate(grams):
        expected = next((str(j) for j in range(position) if jaccard(mine, grams[j]) >= THRESHOLD), None)
        assert index.match(mine) == expected
        index.add(str(position), mine)
    assert sum(index.match(g) is not None for g in grams) >= 60  # the set really has near-duplicates


def test_tokenizing_lines_apart_gives_the_tokens_of_the_whole_text() -> None:
    title = "运营手册 › 第3章 退群率"
    lines = [title, title, title, "退群率多少算正常？Hello WORLD 3.5%的人\r", "", "  +1 #接龙# a.b_c-d 的 了", "ΣΑΣ 一单一结。"]
    assert tokenize_lines(lines) == tokenize("\n".join(lines))


def test_reads_page_through_the_whole_collection(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(vector_store, "_PAGE", 7)
    store = VectorStore(tmp_path / "chroma", OfflineHashEmbeddings())
    chunks = [Chunk("s.md", ("标题",), f"第{i}段：{WORDS[i % len(WORDS)]}", i) for i in range(23)]
    store.add(chunks)
    assert len(store.all()) == 23 and store.ids() == {c.id for c in chunks}
    assert store.vectors([chunks[3].id, chunks[20].id]).shape == (2, 768)


@pytest.mark.parametrize("small", [0, 50], ids=["chroma-filter", "skip-and-score"])
def test_restricted_vector_search_equals_chromas_filter(monkeypatch, tmp_path, small) -> None:
    kb = open_kb(tmp_path)
    kb.sync_bundled()
    kb.add(*document(1, sections=30))
    monkeypatch.setattr(scope, "SMALL", small)
    embed = kb.store.embeddings.embed_query
    for question in ("退群率多少算正常", "接龙怎么组织", "预售发货时间"):
        vector = embed(question)
        for wanted in ([USER], [BUNDLED], [USER, BUNDLED], ["nobody"]):  # "nobody": an empty collection
            where = {"collection": {"$in": wanted}}
            [chroma] = kb.store.nearest_many([vector], 5, where)
            [ours] = kb.search_index.nearest([vector], 5, wanted)
            assert [i for i, _ in ours] == [i for i, _ in chroma]
            assert [s for _, s in ours] == pytest.approx([s for _, s in chroma], abs=1e-5)


def test_a_long_file_reports_progress_inside_the_file(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(knowledge_base, "_STEP_BATCH", 8)
    kb = open_kb(tmp_path)
    reports: list[tuple[int, int, str]] = []
    kb.add_files([document(2, sections=40), ("短.md", "# 短\n## 一\n只有一段。\n".encode())], lambda *r: reports.append(r))
    done = [d for d, _, _ in reports]
    assert done == sorted(done) and reports[-1][:2] == (reports[-1][1], reports[-1][1])
    inside_first = {d for d, total, name in reports if name.startswith("运营资料") and 0 < d < total // 2}
    assert len(inside_first) >= 5


class _SlowEmbeddings(OfflineHashEmbeddings):
    """Holds the first upload's embedding until released, as a slow remote model would."""

    def __init__(self) -> None:
        super().__init__()
        self.embedding, self.release = threading.Event(), threading.Event()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if threading.current_thread() is not threading.main_thread():
            self.embedding.set()
            assert self.release.wait(20)
        return super().embed_documents(texts)


def test_searches_are_answered_while_an_upload_is_embedding(tmp_path) -> None:
    embeddings = _SlowEmbeddings()
    kb = open_kb(tmp_path, embeddings)
    kb.sync_bundled()
    upload = threading.Thread(target=kb.add, args=document(3, sections=20))
    upload.start()
    try:
        assert embeddings.embedding.wait(20)
        assert kb.search("退群率多少算正常", 3)[0].source.endswith("05-metrics.md")
        assert kb.documents()  # the document list too
    finally:
        embeddings.release.set()
        upload.join(20)
    assert any(h.source.startswith("运营资料") for h in kb.search("运营资料汇编", 5, [USER]))
