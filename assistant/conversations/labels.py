"""Readable names for topics: the key words as members wrote them, not as the tokenizer cut them.

A topic's key terms are jieba words and character bigrams weighted by rarity, good for grouping
and poor for reading: 自提点在哪里 yields "提点", 这个券怎么用 yields "个券" and "么用". A label uses
the whole words only (bigrams only when there is nothing else), skips words that ask rather than
name (哪里, 什么, 情况, 昨天), trims particles and measure words off the ends (个券 → 券), and
completes a fragment of a known operations word found in the wording (提点 → 自提点).
"""

from __future__ import annotations

from collections import Counter

# Particles, pronouns, measure words and question characters: never the end of a topic's name.
FUNCTION = frozenset("的了吗呢啊呀吧嘛哦在是有这那个张只些么和与或就都也还很太把被给让对跟再又什怎哪几谁")
ASKING = frozenset("哪里 哪儿 哪个 什么 怎么 怎么样 为什么 情况 昨天 今天 明天 几个 多少 一下 还是 现在 最近 时候 有点".split())
# Operations words jieba tends to split; a fragment inside one of them is shown as the whole word.
OPS_WORDS = ("自提点", "优惠券", "代金券", "满减券", "小程序", "公众号", "朋友圈", "视频号", "直播间", "团购群",
             "售后群", "会员卡", "积分卡", "快递单", "运费险", "七天无理由")


def label(ranked_terms: list[str], wordings: Counter) -> str:
    """Up to two readable key words from ``ranked_terms`` (best first; bigrams marked ``~``),
    completed against ``wordings`` (each distinct text with how often it was asked)."""
    whole = [t for t in ranked_terms if not t.startswith("~")] or [t.lstrip("~") for t in ranked_terms]
    words, singles = [], []
    for term in whole:
        word = _trimmed(_completed(term, wordings))
        if not word or word in ASKING or any(word in w or w in word for w in words):
            continue
        if len(word) == 1:
            singles.append(word)
            continue
        words.append(word)
        if len(words) == 2:
            break
    return "/".join(words or singles[:1]) or "其他"


def _completed(term: str, wordings: Counter) -> str:
    asked = " ".join(text for text, _ in wordings.most_common(5))
    return next((word for word in OPS_WORDS if term in word and word in asked), term)


def _trimmed(word: str) -> str:
    while len(word) > 1 and word[0] in FUNCTION:
        word = word[1:]
    while len(word) > 1 and word[-1] in FUNCTION:
        word = word[:-1]
    return "" if word in FUNCTION else word
