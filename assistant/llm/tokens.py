"""Token counting and budgeting with tiktoken encodings that ship inside the package.

tiktoken fetches its BPE files from the internet on first use; we never may. The two encodings
we need are bundled (see ``encodings/SOURCES.md``), verified by sha256, and registered in
tiktoken's own registry so that any library calling ``tiktoken.get_encoding`` gets them offline too.
Counts for non-OpenAI models (DeepSeek, Qwen, ...) are estimates with ``o200k_base``.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import tiktoken
from tiktoken import registry

ENCODINGS_DIR = Path(__file__).parent / "encodings"

_ENDOFTEXT = "<|endoftext|>"
_ENDOFPROMPT = "<|endofprompt|>"

# Regexes and special tokens as published in tiktoken_ext/openai_public.py.
_SPECS: dict[str, dict] = {
    "cl100k_base": {
        "sha256": "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
        "pat_str": r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s""",
        "special_tokens": {
            _ENDOFTEXT: 100257,
            "<|fim_prefix|>": 100258,
            "<|fim_middle|>": 100259,
            "<|fim_suffix|>": 100260,
            _ENDOFPROMPT: 100276,
        },
    },
    "o200k_base": {
        "sha256": "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
        "pat_str": "|".join(
            [
                r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
                r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
                r"""\p{N}{1,3}""",
                r""" ?[^\s\p{L}\p{N}]+[\r\n/]*""",
                r"""\s*[\r\n]+""",
                r"""\s+(?!\S)""",
                r"""\s+""",
            ]
        ),
        "special_tokens": {_ENDOFTEXT: 199999, _ENDOFPROMPT: 200018},
    },
}

# Known context windows (tokens); the longest matching prefix wins.
CONTEXT_WINDOWS: dict[str, int] = {
    "gpt-4o": 128_000,
    "gpt-4.1": 1_000_000,
    "gpt-4-turbo": 128_000,
    "gpt-4": 8_192,
    "gpt-3.5-turbo": 16_385,
    "gpt-5": 400_000,
    "o1": 200_000,
    "o3": 200_000,
    "o4": 200_000,
    "deepseek": 64_000,
    "qwen": 32_768,
    "qwen-plus": 131_072,
    "qwen-turbo": 131_072,
    "qwen-max": 32_768,
    "glm-4": 128_000,
    "moonshot": 128_000,
}
DEFAULT_CONTEXT_WINDOW = 8_192
_PER_MESSAGE_OVERHEAD = 4  # role and separators, as in OpenAI's counting recipe


@cache
def bundled_encoding(name: str) -> tiktoken.Encoding:
    """Load a bundled encoding, check its sha256, and register it with tiktoken."""
    spec = _SPECS[name]
    path = ENCODINGS_DIR / f"{name}.tiktoken"
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != spec["sha256"]:
        raise RuntimeError(f"{path} is damaged (sha256 {digest}); reinstall the package")
    encoding = tiktoken.Encoding(
        name=name,
        pat_str=spec["pat_str"],
        mergeable_ranks=_parse_ranks(data),
        special_tokens=spec["special_tokens"],
    )
    with registry._lock:  # so third-party callers of tiktoken.get_encoding stay offline
        registry.ENCODINGS[name] = encoding
    return encoding


def _parse_ranks(data: bytes) -> dict[bytes, int]:
    # The .tiktoken format: one "<base64 token> <rank>" per line (tiktoken.load does the same,
    # but through a cache that would copy the file into a temp dir).
    return {base64.b64decode(token): int(rank) for token, rank in (line.split() for line in data.splitlines() if line)}


def encoding_for_model(model: str) -> tiktoken.Encoding:
    """The model's encoding: cl100k_base for the GPT-3.5/4 family, o200k_base for the rest."""
    legacy = model.startswith(("gpt-3.5", "gpt-4-", "text-embedding")) or model == "gpt-4"
    return bundled_encoding("cl100k_base" if legacy else "o200k_base")


def context_window_for(model: str) -> int:
    """Context window of ``model`` by longest known prefix, else a conservative default."""
    matches = [prefix for prefix in CONTEXT_WINDOWS if model.lower().startswith(prefix)]
    return CONTEXT_WINDOWS[max(matches, key=len)] if matches else DEFAULT_CONTEXT_WINDOW


@dataclass(frozen=True)
class TokenCounter:
    """Counts tokens of text and chat messages for one model.

    The encoding (a second of CPU to read) is loaded at the first count: an offline answer
    never counts, so a fresh app that only answers offline never pays for it.
    """

    model: str

    @classmethod
    def for_model(cls, model: str) -> TokenCounter:
        return cls(model)

    @property
    def encoding(self) -> tiktoken.Encoding:
        return encoding_for_model(self.model)

    def count(self, text: str) -> int:
        return len(self.encoding.encode(text, disallowed_special=()))

    def count_messages(self, messages: list[tuple[str, str]]) -> int:
        """Tokens of ``(role, content)`` messages as the chat endpoint will see them."""
        return sum(self.count(content) + _PER_MESSAGE_OVERHEAD for _, content in messages) + 3

    def truncate(self, text: str, max_tokens: int) -> str:
        tokens = self.encoding.encode(text, disallowed_special=())
        return text if len(tokens) <= max_tokens else self.encoding.decode(tokens[:max_tokens])
