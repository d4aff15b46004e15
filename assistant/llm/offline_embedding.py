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
        return [self._embed(text) for text in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._embed(text)

    def _embed(self, text: str) -> list[float]:
        vector = np.zeros(self.dimensions, dtype=np.float32)
        for feature, weight in features(text).items():
            index, sign = _bucket(feature, self.dimensions)
            vector[index] += sign * weight
        norm = float(np.linalg.norm(vector))
        return (vector / norm if norm else vector).tolist()


def features(text: str) -> Counter[str]:
    """Weighted n-gram features of ``text``: dampened term frequency times feature weight."""
    counts: Counter[str] = Counter()
    lowered = text.lower()
    for run in _CJK_RUN.findall(lowered):
        counts.update(run)
        counts.update(run[i : i + 2] for i in range(len(run) - 1))
    counts.update(_WORD.findall(lowered))
    return Counter({f: (1 + math.log(n)) * _weight(f) for f, n in counts.items()})


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
