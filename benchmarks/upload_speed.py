"""A 300-page PDF through ``kb add``: searchable by keywords at once, by meaning in the background.

Run from the repository root:  .venv/bin/python -m benchmarks.upload_speed [--pages N] [--fill-seconds S] [--json]

The PDF is generated (reportlab's built-in CJK font; the playbooks' sentences recombined, about
1,300 characters a page, as a dense SOP). It is added the way ``kb add`` adds it, with the
semantic model (multilingual-e5-small) configured: the time until the command reports it
searchable (parse, chunk, BM25, the catalogue's hash vectors, Chroma write) and whether a question
finds it right then; then the background filling of its semantic vectors, with its rate (the
whole fill, or the first ``--fill-seconds`` and a projection).
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time
from pathlib import Path

from assistant import Assistant, load_settings
from assistant.retrieval import USER

from .corpus import document
from .measure import Figure, run_benchmark, say

TITLE = "Upload of a 300-page PDF (kb add, semantic model)"
LINES_PER_PAGE, WIDTH = 40, 34


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--fill-seconds", type=float, default=0.0, help="stop the fill after this long (0: all)")


def make_pdf(pages: int) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    text, number = "", 0
    while len(text) < pages * LINES_PER_PAGE * WIDTH:
        text += document(number, 20)[1].decode("utf-8").replace("#", "") + "\n"
        number += 1
    lines = [row[i : i + WIDTH] for row in text.splitlines() if row.strip() for i in range(0, len(row), WIDTH)]
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for page in range(pages):
        pdf.setFont("STSong-Light", 10)
        for row, line in enumerate(lines[page * LINES_PER_PAGE : (page + 1) * LINES_PER_PAGE]):
            pdf.drawString(40, 800 - row * 18, line)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def measure(args: argparse.Namespace) -> list[Figure]:
    folder = Path(tempfile.mkdtemp())
    path = folder / "运营SOP大全.pdf"
    path.write_bytes(make_pdf(args.pages))
    say(f"{args.pages}-page PDF: {path.stat().st_size / 1024**2:.1f} MB")
    settings = load_settings(env_file=None, data_dir=folder / "data", openai_api_key=None, openai_base_url=None,
                             embedding_model="", offline_embedding="e5")
    assistant = Assistant.from_settings(settings)
    assistant.reindex()
    started = time.perf_counter()
    [result] = assistant.add_paths([path])
    searchable = time.perf_counter() - started
    hits = assistant.search("退群率多少算正常", 3, [USER])
    say(f"{result.status}: {result.chunks} chunks, searchable after {searchable:.1f} s; first hit {hits[0].title if hits else None}")
    filler = assistant.knowledge.filler
    assert filler is not None
    filler.start()
    fill_started = time.perf_counter()
    while True:
        progress = filler.progress()
        elapsed = time.perf_counter() - fill_started
        if progress.done or progress.error or not progress.running or (args.fill_seconds and elapsed >= args.fill_seconds):
            break
        time.sleep(2)
        say(f"semantic vectors {progress.embedded}/{progress.total} after {elapsed:.0f} s")
    filler.stop()
    progress = filler.progress()
    filled = progress.embedded - (progress.total - result.chunks)
    rate = filled / elapsed if elapsed else 0.0
    projected = result.chunks / rate if rate else float("inf")
    return [
        Figure(TITLE, "searchable by keywords (BM25) after", searchable, "s", at_most=60.0,
               note=f"{args.pages} pages, {result.chunks} chunks; a question finds it at once: {bool(hits)}"),
        Figure(TITLE, "semantic vectors, chunks per second (background, 1 thread)", rate, "/s",
               note=(f"all {result.chunks} in {elapsed:.0f} s" if progress.done else
                     f"{filled}/{result.chunks} in {elapsed:.0f} s; all projected at {projected / 60:.0f} min")
               + "; shown on the 知识库 page and by kb add"),
    ]


def main() -> None:
    run_benchmark(__doc__.splitlines()[0], _arguments, measure)


if __name__ == "__main__":
    main()
