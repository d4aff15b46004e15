"""Follow-up questions: when the previous question informs retrieval.

「那怎么降下来？」 after 「退群率多少算正常？」 asks about 退群率 without naming it. A question that
is short or refers back (那 / 这个 / 它 / then / that …) is searched together with the previous
question of the conversation; a long, self-contained question is searched alone. The same rule
serves offline and LLM mode, and the sources caption says when it was applied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SHORT_CJK = 10  # characters: 「具体怎么搭？」「效果大概怎么样？」
SHORT_WORDS = 6  # English words: "And for new members?"
_REFERS_BACK = re.compile(
    r"^(那|那么|那这|这个|这种|这样|它|它们|这些|那些|还有|然后|另外|此外|同样|如果是|要是)"
    r"|(这个|那个|这种|那种|这些|那些|它们?|上面|刚才|前面|同上)",
)
_REFERS_BACK_EN = re.compile(r"^(and|then|so|what about|how about|also|but)\b|\b(that|this|those|these|it|they|them)\b",
                             re.IGNORECASE)
_CJK = re.compile(r"[\u3400-\u9fff]")
_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True)
class SearchQuery:
    """What is searched for a question, and the previous question it was joined with (if any)."""

    text: str
    previous: str = ""
    focus: str = ""  # the follow-up's own words, searched beside ``text`` (see fusion.FOCUS_WEIGHT)

    @property
    def uses_previous(self) -> bool:
        return bool(self.previous)


def refers_back(question: str) -> bool:
    """Is ``question`` short or does it point at something said before?"""
    text = question.strip()
    cjk = len(_CJK.findall(text))
    if cjk:
        return cjk <= SHORT_CJK or bool(_REFERS_BACK.search(text))
    return len(_WORD.findall(text)) <= SHORT_WORDS or bool(_REFERS_BACK_EN.search(text))


def search_query(question: str, previous: str | None = None) -> SearchQuery:
    """The text to search for ``question`` given the conversation's ``previous`` question."""
    previous = (previous or "").strip()
    if previous and previous != question.strip() and refers_back(question):
        return SearchQuery(f"{previous} {question.strip()}", previous, question.strip())
    return SearchQuery(question.strip())
