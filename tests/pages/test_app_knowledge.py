"""The knowledge page through AppTest: document list, chunk viewer, delete, rebuild, retrieval test."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from assistant import Assistant, load_settings
from tests.conftest import ROOT
from tests.support.documents import make_xlsx


def open_page() -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    app.switch_page("app_pages/knowledge.py").run()
    assert not app.exception, app.exception
    return app


def add_faq() -> None:
    Assistant.from_settings(load_settings()).add_documents([("常见问题.xlsx", make_xlsx())])


def test_lists_bundled_playbooks_and_user_documents() -> None:
    add_faq()
    app = open_page()
    table = app.dataframe[0].value
    assert len(table) == 11
    row = table[table["文件名"] == "常见问题.xlsx"].iloc[0]
    assert (row["类型"], row["来源"], row["段数"]) == ("xlsx", "我的文档", 3)
    assert set(table[table["来源"] == "内置手册"]["文件名"]) >= {"05-metrics.md", "09-complaints.md"}


def test_retrieval_test_shows_ranked_hits_with_scores_and_sides() -> None:
    app = open_page()
    app.text_input(key="kb-test-query").set_value("退群率多少算正常").run()
    hits = app.dataframe[1].value
    assert list(hits["#"])[:3] == [1, 2, 3]
    assert hits.iloc[0]["source"] == "knowledge/05-metrics.md" and "退群率" in hits.iloc[0]["title"]
    assert set(hits["found by"]) <= {"vector", "bm25", "bm25+vector"} and hits["score"].is_monotonic_decreasing


def test_scope_limits_the_retrieval_test_to_my_documents() -> None:
    add_faq()
    app = open_page()
    app.radio(key="kb-test-scope").set_value("我的文档")
    app.text_input(key="kb-test-query").set_value("水果烂了能赔吗").run()
    hits = app.dataframe[1].value
    assert set(hits["source"]) == {"常见问题.xlsx"} and "坏果怎么赔" in hits.iloc[0]["title"]


def test_chunk_viewer_shows_a_documents_passages() -> None:
    add_faq()
    app = open_page()
    app.selectbox(key="view-name").set_value("常见问题.xlsx").run()
    texts = [t.value for t in app.text]
    assert any("问：可以开发票吗？" in text for text in texts)


def test_deleting_a_document_removes_it_everywhere() -> None:
    add_faq()
    app = open_page()
    app.selectbox(key="delete-name").set_value("常见问题.xlsx")
    app.button(key="delete").click().run()
    assert not app.exception
    assert "常见问题.xlsx" not in set(app.dataframe[0].value["文件名"])
    assert all(h.source != "常见问题.xlsx" for h in Assistant.from_settings(load_settings()).search("坏果怎么赔", 5))


def test_rebuild_reports_what_it_rebuilt() -> None:
    add_faq()
    app = open_page()
    app.button(key="rebuild").click().run()
    assert any("用户文档 1 个" in s.value for s in app.success)


def test_batch_hit_test_scores_a_sheet_and_lists_the_misses() -> None:
    sheet = "问题,期望出处\n退群率多少算正常？,05-metrics.md › 退群率\n怎么写群公告,07-safe-trading.md › 保留交易记录\n今天天气怎么样？,无\n"
    app = open_page()
    app.file_uploader(key="kb-eval-file").set_value(("检索测试.csv", sheet.encode(), "text/csv")).run()
    app.button(key="kb-eval-run").click().run()
    assert not app.exception, app.exception
    figures = next(d.value for d in app.dataframe if "hit@3" in d.value.columns)
    assert len(figures) == 3 and set(figures["hit@1"]) <= {0.0, 0.5, 1.0}
    misses = next(d.value for d in app.dataframe if "期望出处" in d.value.columns)
    assert list(misses["问题"]) == ["怎么写群公告"]
