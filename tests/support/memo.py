"""Remember, for the test process, the two pure text functions every fresh workspace repeats
(and Streamlit's scan of the installed packages, which every ``AppTest`` repeats).

Each test has its own data directory, so each one that asks a question indexes the bundled
playbooks again: jieba segments the same passages and the hash embedding hashes the same texts,
about 0.7 s of CPU a test. Both are pure functions of the text (the tokenizer's dictionary is fixed
once loaded; the embedding depends on the text and the vector size only), so their results are
kept here and handed out as copies: what a test sees is exactly what a fresh computation gives.
The product keeps no such cache; a long-running app has one index and pays this once.
"""

from __future__ import annotations

import functools

_SIZE = 200_000  # distinct texts; the whole suite needs fewer


def install() -> None:
    from assistant.llm import offline_embedding
    from assistant.retrieval import tokenizer

    if getattr(tokenizer.segmenter, "memoised", False):
        return
    tokenizer.segmenter = _memo_segmenter(tokenizer.segmenter)
    offline_embedding.hash_vector = _memo_vector(offline_embedding.hash_vector)


def _memo_segmenter(load):  # noqa: ANN001, ANN202 - the module's cached jieba loader
    @functools.cache
    def memoised_loader():  # noqa: ANN202
        return _Segmenter(load())

    memoised_loader.memoised = True
    return memoised_loader


class _Segmenter:
    """jieba's tokenizer with ``cut_for_search`` remembered per text (a tuple: callers copy it)."""

    def __init__(self, jieba_tokenizer) -> None:  # noqa: ANN001
        self._jieba = jieba_tokenizer
        self._cut = functools.lru_cache(maxsize=_SIZE)(lambda text, hmm: tuple(jieba_tokenizer.cut_for_search(text, HMM=hmm)))

    def cut_for_search(self, sentence: str, HMM: bool = True) -> tuple[str, ...]:  # noqa: N803 - jieba's name
        return self._cut(sentence, HMM)

    def __getattr__(self, name: str):  # noqa: ANN204 - everything else is jieba's own
        return getattr(self._jieba, name)


def _memo_vector(vector):  # noqa: ANN001, ANN202 - offline_embedding.hash_vector
    remembered = functools.lru_cache(maxsize=_SIZE)(lambda text, dimensions: tuple(vector(text, dimensions)))

    def memoised(text: str, dimensions: int) -> list[float]:
        return list(remembered(text, dimensions))

    return memoised


def install_component_scan() -> None:
    """Every ``AppTest`` scans all installed distributions for Streamlit components (a server does it
    once at start): about a fifth of a second a test, 6 % of the suite's samples under py-spy. The
    installed packages do not change while the tests run, so the first scan's answer stands."""
    from streamlit.components.v2 import manifest_scanner

    if getattr(manifest_scanner.scan_component_manifests, "memoised", False):
        return
    scan = functools.cache(manifest_scanner.scan_component_manifests)
    scan.memoised = True
    manifest_scanner.scan_component_manifests = scan
