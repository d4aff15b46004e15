"""An embedding that runs anywhere, with no model to download, and still captures Chinese similarity.

Chinese text is hashed into a fixed-size vector from character unigrams and bigrams (bigrams carry
most of the meaning of Chinese words: 退群 / 群率 / 拼团 / 裂变), Latin words and numbers are hashed
whole. Counts are dampened (1 + log tf), very common function characters are down-weighted, and
the vector is L2-normalised so that cosine similarity measures shared vocabulary. It is a
lexical embedding: it finds "退群率多少算正常" in a passage about 退群率 thresholds, not paraphrases
with no shared characters, which is why retrieval fuses it with BM25 and can swap in a real
embedding model through ``ASSISTANT_EMBEDDING_MODEL``.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from functools import lru_cache

import numpy as np
from langchain_core.embeddings import Embeddings

_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[a-z0-9]+(?:[.%][a-z0-9]+)*")
# Function characters that say little about a topic.
_WEAK_CHARS = set("的了是在和与及或等吗呢吧啊呀么个这那有就都也还要把被对给从向让我你他她它们之一不")
_UNIGRAM_WEIGHT = 0.4
_BIGRAM_WEIGHT = 1.0
_WEAK_WEIGHT = 0.15


class OfflineHashEmbeddings(Embeddings):
    """Feature-hashing embedding over Chinese character n-grams and Latin words."""

    name = "offline-hash-v1"
    semantic = False
    label = "字符哈希 (offline-hash-v1)"

    def __init__(self, dimensions: int = 768) -> None:
        self.dimensions = dimensions
        self.fallback_reason = ""  # why the semantic model is not used, when it was wanted

    @property
    def identity(self) -> str:
        return f"{self.name}-{self.dimensions}"

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [hash_vector(text, self.dimensions) for text in texts]

    def embed_query(self, text: str) -> list[float]:
        return hash_vector(text, self.dimensions)


def hash_vector(text: str, dimensions: int) -> list[float]:
    """``text``'s unit vector of ``dimensions`` floats: a pure function of the two (the tests remember it)."""
    indices, values = [], []
    for feature, count in _counts(text).items():
        index, signed = _slot(feature, dimensions)
        indices.append(index)
        values.append(_damped(count) * signed)
    # One float32 add per feature, in order, as a loop over the vector's items would do, in C.
    vector = np.zeros(dimensions, dtype=np.float32)
    np.add.at(vector, np.asarray(indices, np.intp), np.asarray(values, np.float32))
    norm = float(np.linalg.norm(vector))
    return (vector / norm if norm else vector).tolist()


def _counts(text: str) -> Counter[str]:
    """How often each n-gram occurs, in order of first occurrence (the order the vector sums them in)."""
    lowered = text.lower()
    grams: list[str] = []
    for run in _CJK_RUN.findall(lowered):
        grams += run
        grams += [run[i : i + 2] for i in range(len(run) - 1)]
    grams += _WORD.findall(lowered)
    return Counter(grams)


_DAMPED = [0.0, *(1 + math.log(n) for n in range(1, 64))]


def _damped(count: int) -> float:
    return _DAMPED[count] if count < len(_DAMPED) else 1 + math.log(count)


# A document's n-grams repeat from chunk to chunk (and a library's from document to document):
# each is weighted and hashed once, not once per chunk.
@lru_cache(maxsize=1 << 16)  # ~10 MB at most; a 300-page document has ~7,000 n-grams
def _slot(feature: str, dimensions: int) -> tuple[int, float]:
    """The feature's bucket and its weight with the bucket's sign."""
    index, sign = _bucket(feature, dimensions)
    return index, sign * _weight(feature)


def _weight(feature: str) -> float:
    if len(feature) == 1 and _CJK_RUN.match(feature):
        return _WEAK_WEIGHT if feature in _WEAK_CHARS else _UNIGRAM_WEIGHT
    if len(feature) == 2 and _CJK_RUN.match(feature) and set(feature) <= _WEAK_CHARS:
        return _WEAK_WEIGHT
    return _BIGRAM_WEIGHT


def _bucket(feature: str, dimensions: int) -> tuple[int, int]:
    digest = hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest()
    value = int.from_bytes(digest, "little")
    return value % dimensions, 1 if (value >> 63) & 1 else -1
