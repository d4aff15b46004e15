"""Word tokens for BM25: jieba's search-mode segmentation with our community-ops dictionary.

Search mode also emits the parts of long words (退群率 → 退群, 群率, 退群率), so a question that
says 退群 still matches a passage that says 退群率. jieba's own dictionary ships with the package;
nothing is downloaded. One tokenizer instance is shared (jieba builds its prefix dictionary once).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jieba

USER_DICT = Path(__file__).parent / "userdict.txt"
_KEEP = re.compile(r"[\w\u3400-\u9fff%]", re.UNICODE)
_STOPWORDS = set(
    "的 了 是 在 和 与 及 或 等 吗 呢 吧 啊 呀 么 个 这 那 有 就 都 也 还 要 把 被 对 给 从 向 让 我 你 他 "
    "她 它 们 之 一 不 如何 怎么 怎样 什么 多少 哪些 为什么 可以 应该 需要 请问 一下 一个 这个 那个 "
    "我们 你们 他们 进行 以及 如果 因为 所以 但是 算 能 会 该 吗 怎么办 办".split()
)
_lock = threading.Lock()
_CJK = re.compile(r"[\u3400-\u9fff]+")


@cache
def segmenter() -> jieba.Tokenizer:
    """The shared jieba tokenizer with our dictionary (a seam: the tests remember its cuts per text)."""
    import jieba  # ~0.3 s; imported by the first search, not by the app's first page

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(str(USER_DICT))
    return tokenizer


def tokenize(text: str) -> list[str]:
    """Lower-cased search tokens of ``text`` without punctuation and stopwords."""
    words, grams = _analysed(text)
    return words + grams


def tokenize_lines(lines: Sequence[str]) -> list[str]:
    """``tokenize("\n".join(lines))``, with a line that repeats (a chunk's heading path) cut once.

    Neither jieba (it cuts each run of word characters on its own) nor the bigrams cross a line
    break, so the tokens of the whole are its lines' words in order, then their bigrams in order.
    """
    analysed = {line: _analysed(line) for line in dict.fromkeys(lines)}
    return [w for line in lines for w in analysed[line][0]] + [g for line in lines for g in analysed[line][1]]


def _analysed(text: str) -> tuple[list[str], list[str]]:
    """``text``'s jieba words and its ``~``-marked character bigrams."""
    with _lock:  # jieba's lazy initialisation is not thread-safe
        words = list(segmenter().cut_for_search(text.lower()))
    kept = [w for w in (w.strip() for w in words) if w and _KEEP.search(w) and w not in _STOPWORDS]
    grams = [run[i : i + 2] for run in _CJK.findall(text) for i in range(len(run) - 1)]
    return kept, ["~" + g for g in grams if g not in _STOPWORDS]
