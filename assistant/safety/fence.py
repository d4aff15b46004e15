"""Fences around untrusted text in prompts.

Chat history, pasted complaints and disputes, and uploaded documents travel inside labelled
``<<<label … >>>`` blocks that the system prompts declare to be data. Text that contains the fence
marks itself could close its block early and pose as instructions, so they are replaced by
look-alike characters before the text goes in.
"""

from __future__ import annotations


def defuse(text: str) -> str:
    """``text`` that cannot open or close a fence."""
    return text.replace("<<<", "‹‹‹").replace(">>>", "›››")
