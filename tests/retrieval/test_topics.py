"""The topic side: sections ranked by their topic read as a question, whole or phrase by phrase."""

from __future__ import annotations

import numpy as np

from assistant.retrieval.topics import TopicSide, topic_phrases
from assistant.retrieval.vector_store import StoredChunk

AXES = {"二维码": 0, "有效期": 1, "群规": 2, "欢迎语": 3, "踢人": 4, "公告": 5}


class PhraseVectors:
    """Each phrase points along its words' axes: the similarity of two texts counts shared words."""

    identity = "phrase-test"

    def embed_query(self, text: str) -> list[float]:
        vector = np.zeros(len(AXES), np.float32)
        for word, axis in AXES.items():
            vector[axis] += word in text
        return vector.tolist()


def section(chunk_id: str, heading: str, hints: str) -> StoredChunk:
    return StoredChunk(chunk_id, f"{heading}\n正文", {"title": f"手册 › {heading}", "hints": hints})


CHUNKS = [
    # Many phrases, one of them exactly the question: the whole topic is blurred, the phrase is not.
    section("qr", "入群二维码", "有效期 欢迎语 群规 踢人 公告 公告栏 群规模板"),
    section("rules", "群规与公告", "群规 公告 踢人"),
]


def test_a_section_is_found_by_its_nearest_phrases_not_its_whole_blurred_topic() -> None:
    side = TopicSide()
    vector = PhraseVectors().embed_query("二维码 有效期")
    assert side.phrase_hits(PhraseVectors(), CHUNKS, vector, 2)[0][0] == "qr"
    scores = dict(side.phrase_hits(PhraseVectors(), CHUNKS, PhraseVectors().embed_query("群规 公告"), 2))
    assert scores["rules"] > scores["qr"]  # the mean of a section's three nearest phrases


def test_phrases_are_the_last_heading_and_each_search_word_once() -> None:
    assert topic_phrases("手册 › 入群二维码", "有效期 群规 有效期") == ["入群二维码", "有效期", "群规"]
    assert topic_phrases("入群二维码", "") == ["入群二维码"]
