"""Every accepted file type becomes headed chunks; bad files get a clear message."""

from __future__ import annotations

import codecs

import pytest

from assistant import InputError
from assistant.retrieval.loaders import load_document
from tests.support.documents import HTML_PAGE, make_docx, make_pdf, make_xlsx

TEXT = "一、售后规则\n签收后二十四小时内可以申请售后。\n二、发货时效\n付款后四十八小时内发货。\n"


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"], ids=lambda e: e
)
def test_text_in_every_common_encoding_reads_the_same(encoding) -> None:
    document = load_document("售后说明.txt", TEXT.encode(encoding))
    assert [c.title for c in document.chunks] == ["售后说明 › 一、售后规则", "售后说明 › 二、发货时效"]
    assert "二十四小时" in document.chunks[0].body


def test_utf16_without_bom_is_recognised() -> None:
    document = load_document("a.txt", TEXT.encode("utf-16-le"))
    assert "四十八小时" in document.chunks[1].body


def test_markdown_keeps_its_own_headings() -> None:
    document = load_document("sop.md", "# 标题\n## 小节\n内容。".encode())
    assert document.kind == "md" and document.chunks[0].title == "标题 › 小节"


def test_thirty_page_pdf_is_reflowed_and_pages_are_kept() -> None:
    document = load_document("运营手册.pdf", make_pdf(30))
    assert document.kind == "pdf" and document.notes == ["30 页"]
    pages = [c.metadata["page"] for c in document.chunks]
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] == 30 and len(set(pages)) >= 25
    threshold = next(c for c in document.chunks if "退群率的健康阈值是每周低于 1%" in c.body)
    assert threshold.title.startswith("运营手册 › 第") and "退群率" in threshold.title
    assert "退群率的健康阈值是每周低于 1%；退群率高于 2% 时，需要排查群规和管理方式。" in threshold.body


def test_a_pdfs_page_count_note_is_in_the_workspace_language() -> None:
    assert load_document("manual.pdf", make_pdf(3), "en").notes == ["3 pages"]
    assert load_document("运营手册.pdf", make_pdf(3)).notes == ["3 页"]


def test_docx_headings_and_tables() -> None:
    document = load_document("SOP.docx", make_docx())
    titles = [c.title for c in document.chunks]
    assert "SOP › 社区团购运营SOP › 第二章 发货时效" in titles
    assert any("| 团长 | 每天晚上八点发布次日团购清单 |" in c.body for c in document.chunks)


def test_faq_sheet_gives_one_chunk_per_pair_titled_by_its_question() -> None:
    document = load_document("常见问题.xlsx", make_xlsx())
    assert document.kind == "xlsx" and len(document.chunks) == 3
    invoice = document.chunks[1]
    assert invoice.title == "常见问题 › 可以开发票吗？"
    assert invoice.body == "问：可以开发票吗？\n答：可以开电子普通发票，请在订单备注里写抬头和税号。"
    assert "报销" in invoice.index_text and "报销" not in invoice.text  # similar questions are searched, not shown


def test_faq_csv_from_excel_with_bom() -> None:
    data = codecs.BOM_UTF8 + "问题,答案\n几点截单,晚上十点\n".encode()
    [chunk] = load_document("faq.csv", data).chunks
    assert chunk.body == "问：几点截单\n答：晚上十点"


def test_plain_table_rows_become_labelled_lines() -> None:
    data = "商品,价格,产地\n脐橙,39,赣南\n".encode()
    [chunk] = load_document("商品.csv", data).chunks
    assert chunk.body == "商品：脐橙；价格：39；产地：赣南。"


def test_html_keeps_visible_text_and_drops_scripts() -> None:
    document = load_document("page.html", HTML_PAGE.encode())
    text = " ".join(c.text for c in document.chunks)
    assert "生鲜商品签收后当天内可申请退换" in text and "alert" not in text and "color" not in text
    assert document.chunks[-1].title == "退换货说明 › 退换货说明 › 不支持退换的情况"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"   ", "空"),
        ("notes.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x01", "二进制"),
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR", "不支持的文件类型"),
        ("x.bin", "看起来是文本".encode(), "不支持的文件类型"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog", "PDF"),
        ("broken.docx", b"PK\x03\x04truncated", "压缩包"),
        ("only-numbers.csv", b"\n\n", "空"),
    ],
)
def test_bad_files_say_what_is_wrong(name, data, message) -> None:
    with pytest.raises(InputError, match=message):
        load_document(name, data)


def test_scanned_pdf_without_text_asks_for_ocr() -> None:
    from pypdf import PdfWriter
    import io

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(InputError, match="OCR"):
        load_document("scan.pdf", buffer.getvalue())


def test_mixed_utf8_and_gbk_lines_are_each_decoded() -> None:
    data = "第一行是UTF-8。\n".encode() + "第二行是GBK。\n".encode("gbk")
    document = load_document("混合.txt", data)
    assert "第一行是UTF-8。" in document.chunks[0].body and "第二行是GBK。" in document.chunks[0].body
