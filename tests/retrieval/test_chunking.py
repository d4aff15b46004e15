"""Chunks are whole sentences under their heading path, with stable content-hash ids."""

from __future__ import annotations

import re

from assistant.retrieval.chunking import HARD_LIMIT, TARGET_CHARS, chunk_markdown, split_sentences
from tests.conftest import ROOT

DOC = """# 数据指标
## 退群率
退群率 = 周退群人数 ÷ 期初人数。低于1%属于健康！高于2%要排查吗？是的。
- 第一条：统计口径。
- 第二条：每周固定时间。
## 活跃度
### 计算
活跃度看发言人数。
"""


def test_headings_travel_with_their_chunks() -> None:
    chunks = chunk_markdown("k/metrics.md", DOC)
    assert [c.title for c in chunks] == ["数据指标 › 退群率", "数据指标 › 活跃度 › 计算"]
    assert chunks[0].text.startswith("数据指标 › 退群率\n")
    assert "- 第一条：统计口径。\n- 第二条：每周固定时间。" in chunks[0].body


def test_sentences_end_at_chinese_and_western_marks() -> None:
    assert split_sentences("一。二！三？四?五") == ["一。", "二！", "三？", "四?", "五"]
    assert split_sentences("他说：“好的。”然后走了。") == ["他说：“好的。”", "然后走了。"]


def test_no_chunk_of_the_bundled_playbooks_cuts_a_sentence() -> None:
    for path in sorted((ROOT / "knowledge").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        sentences = {s for s in split_sentences(re.sub(r"^#.*$", "", text, flags=re.M))}
        for chunk in chunk_markdown(path.name, text):
            assert len(chunk.body) <= TARGET_CHARS + HARD_LIMIT
            for piece in split_sentences(chunk.body):
                assert piece in sentences, (path.name, piece)


def test_an_overlong_sentence_is_split_at_a_comma_before_the_limit() -> None:
    long = "很长的一句话，" * 200 + "结束。"
    pieces = split_sentences(long)
    assert len(pieces) > 1 and all(len(p) <= HARD_LIMIT for p in pieces)
    assert all(p.endswith("，") for p in pieces[:-1]) and "".join(pieces) == long


def test_ids_are_stable_and_depend_on_content_and_file() -> None:
    first, again = chunk_markdown("a.md", DOC), chunk_markdown("a.md", DOC)
    assert [c.id for c in first] == [c.id for c in again]
    assert chunk_markdown("b.md", DOC)[0].id != first[0].id
    assert chunk_markdown("a.md", DOC.replace("活跃度看", "活跃度只看"))[0].id == first[0].id
    assert chunk_markdown("a.md", DOC.replace("活跃度看", "活跃度只看"))[1].id != first[1].id


def test_tables_stay_apart_from_the_prose_around_them() -> None:
    body = chunk_markdown("t.md", "## 表\n说明。\n| a | b |\n|---|---|\n| 1 | 2 |\n后记。\n")[0].body
    assert body == "说明。\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n后记。"
