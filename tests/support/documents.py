"""Builders for the document files operators upload: Chinese PDF, DOCX, XLSX, HTML, CSV."""

from __future__ import annotations

import io

from tests.conftest import ROOT

SOP_SECTIONS = [
    ("第一章 售后服务标准", [
        "客户签收后二十四小时内可以申请质量问题售后。",
        "售后申请需要提供开箱视频或商品照片。",
    ]),
    ("第二章 发货时效", [
        "现货商品在付款后四十八小时内发出。",
        "预售商品以商品页面标注的发货日期为准，延迟发货需提前在群内公告。",
    ]),
    ("第三章 会员积分", [
        "每消费一元累计一个积分，积分可在月底兑换团购券。",
        "邀请新成员进群并完成首单，邀请人获得五十积分。",
    ]),
]


def make_pdf(pages: int = 30) -> bytes:
    """A Chinese SOP PDF of ``pages`` pages, lines wrapped mid-sentence as real PDFs are.

    Its text is the bundled playbooks re-laid as a numbered SOP (第N章 titles), so paraphrased
    questions have real answers in it. Uses reportlab's built-in CJK font: nothing to download.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    lines = _sop_lines()
    per_page = -(-len(lines) // pages)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for page in range(pages):
        pdf.setFont("STSong-Light", 10)
        for row, line in enumerate(lines[page * per_page : (page + 1) * per_page]):
            pdf.drawString(50, 800 - row * 14, line)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _sop_lines(width: int = 34) -> list[str]:
    lines: list[str] = []
    chapter = 0
    for path in sorted((ROOT / "knowledge").glob("*.md")):
        for raw in path.read_text(encoding="utf-8").splitlines():
            text = raw.strip()
            if not text or text.startswith(("<!--", "|")):
                continue
            if text.startswith("## "):
                chapter += 1
                lines.append(f"第{chapter}章 {text[3:]}")
            elif not text.startswith("#"):
                text = text.lstrip("-* ")
                lines.extend(text[i : i + width] for i in range(0, len(text), width))
    return lines


def make_docx() -> bytes:
    from docx import Document

    document = Document()
    document.add_heading("社区团购运营SOP", level=1)
    for title, sentences in SOP_SECTIONS:
        document.add_heading(title, level=2)
        for sentence in sentences:
            document.add_paragraph(sentence)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "岗位", "职责"
    table.cell(1, 0).text, table.cell(1, 1).text = "团长", "每天晚上八点发布次日团购清单"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


FAQ_ROWS = [
    ("问题", "答案", "相似问题"),
    ("几点截单？", "每天晚上十点截单，十点以后的订单算第二天。", "最晚什么时候下单 截止时间"),
    ("可以开发票吗？", "可以开电子普通发票，请在订单备注里写抬头和税号。", "发票怎么开 要报销"),
    ("坏果怎么赔？", "签收当天拍照发给团长，坏多少赔多少，直接退款到原支付账户。", "水果烂了 坏了能退吗"),
]


def make_xlsx(rows: list[tuple] = FAQ_ROWS) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


HTML_PAGE = """<!doctype html><html><head><title>退换货说明</title>
<script>alert('x')</script><style>p{color:red}</style></head><body>
<h1>退换货说明</h1><p>生鲜商品签收后当天内可申请退换。</p>
<h2>不支持退换的情况</h2><ul><li>已经食用超过一半的商品。</li><li>超过签收当天才反馈的问题。</li></ul>
</body></html>"""
