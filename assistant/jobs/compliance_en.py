"""The compliance check's English words: an English draft is checked for the same three kinds of
problem as a Chinese one (:mod:`assistant.jobs.compliance`), with English terms and suggestions.

English needs what Chinese does not: word boundaries (``best`` but not ``best regards``, ``No. 1``
but not ``No. 3 in the queue``, ``first choice`` but not ``first come, first served``), and a
negation that reaches further back (``we never claim it cures anything``, ``do not transfer money
privately``). A claim window is a duration in a sentence about reporting a problem (``report
within 48 hours``, ``a full week to tell us``); a duration elsewhere (``the replay stays up for 7
days``) is not one. The terms were shaped on a blind labelled set (``tests/data/compliance_en.tsv``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# (pattern, suggested wording) of absolute advertising claims; the first pattern that matches a
# span wins, so the longer phrases come first.
_BEST_EXCEPT = r"(?!\s+(?:regards|wishes|before|of\s+luck|to\s+you|way\s+to|time\s+to|if\s+you)\b)(?!-before)"
AD_LAW: tuple[tuple[str, str], ...] = (
    (r"lowest[-\s]+(?:price[sd]?|ever|cost)(?:\s+(?:on|in)\s+(?:the\s+)?(?:entire\s+)?(?:internet|web|market|town|city))?",
     "a special price"),
    (r"(?:the\s+)?cheapest(?:\s+price)?", "great value"),
    (r"best[-\s]selling", "popular"),
    (r"best\s+ever", "one of our best-liked"),
    (rf"(?<!all the )(?<!do our )(?<!do your )(?<!try our )(?<!at )best{_BEST_EXCEPT}", "well-liked"),
    # "#1" but not a draft's own message references: "- #1 2026-11-01 10:00 …", "(#1)"
    (r"(?:No\.?\s?1|#\s?1(?![)\]])(?!\s+\d{4}-\d)|number\s+one)(?![\d.,]*\d)", "a bestseller"),
    (r"first\s+choice|first\s+brand|first[-\s]class|first\s+in\s+(?:the\s+)?(?:country|world|china|asia|town|city|market|"
     r"industry)", "a popular choice"),
    (r"top[-\s](?:grade|quality|rated|notch|class|brand)", "good quality"),
    (r"world[-\s](?:class|leading|famous)|world's\s+(?:best|first|leading)", "high quality"),
    (r"(?:national|state)[-\s](?:level|grade|class)", "(drop it, or attach the authority's certificate)"),
    (r"guarantee[ds]?", "we aim to"),
    (r"100\s?%|one\s+hundred\s+percent", "(drop it, or give a figure you can show)"),
    (r"the\s+only(?!\s+(?:way|thing|time|one\s+who|difference|question|problem|catch|exception|rule|condition)s?\b)",
     "one of the few"),
    (r"all[-\s]purpose|universal\s+(?:cure|remedy)", "multi-use"),
    (r"(?:the|our|its|their)\s+most\s+(?!of\b)\w+", "very"),
    (r"unbeatable|nobody\s+can\s+beat|can't\s+be\s+beaten|ultimate|unrivall?ed|unmatched|second\s+to\s+none",
     "hard to beat"),
    (r"(?:the\s+)?(?:finest|greatest|purest|healthiest|safest|freshest)|highest[-\s]quality", "very good"),
)
_CONDITIONS = (r"acne|eczema|diabetes|cancer|colds?|flu|coughs?|insomnia|arthritis|constipation|ulcers?|hair\s+loss|"
               r"hypertension|inflammation|infections?|diseases?|illness(?:es)?|anything|everything|all\s+ills")
MEDICAL: tuple[str, ...] = (
    rf"cures?|heals?(?=\s+\w)|healing\s+(?:power|properties)|treat(?:s|ing)?(?=\s+(?:\w+\s+)?(?:{_CONDITIONS})\b)",
    r"anti[-\s]?(?:cancer|tumou?r|inflammatory|aging|ageing|viral|bacterial)|cure[-\s]all|remedy\s+for|"
    rf"fights?\s+(?:{_CONDITIONS}|viruses|infections?)",
    rf"prevents?\s+(?:{_CONDITIONS})|stops?\s+(?:{_CONDITIONS})|relieves?\s+(?:\w+\s+){{0,2}}(?:pain|{_CONDITIONS})",
    r"(?:lowers?|lowering|reduces?|reducing|controls?|regulates?)\s+(?:your\s+)?(?:blood\s+(?:sugar|pressure|lipids?|fat)|"
    r"cholesterol|glucose|inflammation)|reverses?\s+(?:\w+\s+)?(?:diabetes|ageing|aging)|"
    rf"clears?\s+(?:up\s+)?(?:{_CONDITIONS})|helps?\s+(?:with|against)\s+(?:{_CONDITIONS})",
    r"(?:boosts?|boosting|strengthens?|improves?|enhances?)\s+(?:your\s+)?(?:immunity|immune\s+system|eyesight|vision|"
    r"liver\s+function|memory|digestion|blood\s+circulation|bones)|immune[-\s]boost(?:ing|er)?|"
    r"nourish(?:es)?\s+(?:the\s+|your\s+)?(?:kidneys?|liver|blood|lungs?)|"
    r"cleans(?:e|es|ing)\s+(?:the\s+|your\s+)?(?:liver|colon|blood|body|kidneys?)",
    r"detox(?:ify|ifies|ifying|ification)?|flush(?:es)?\s+(?:\w+\s+){0,2}toxins",
    r"weight[-\s]loss|lose\s+(?:weight|\d+\s?(?:kg|kilos?|pounds|lbs?))|slimming|slims?\s+down|fat[-\s]burn(?:ing|er)|"
    r"burns?\s+(?:\w+\s+)?fat",
    r"medical[-\s]grade|clinically\s+proven|therapeutic",
)
# A payment outside the group's collection: an instruction to pay the writer or someone close.
_PAYER = r"(?:my|me|my\s+(?:wife|husband|son|daughter|friend|partner)'s)"
_PRIVATE_PAY = re.compile(
    r"\b(?:(?:pay|paying|payments?|transfer\w*|send|wire|deposit|red[-\s]packet|scan|use)\s+(?:[\w'’]+\s+){0,5}?"
    rf"{_PAYER}\s+(?:own\s+|personal\s+|private\s+)?(?:wechat|alipay|bank|account|card|paypal|qr|payment\s+code)\w*"
    r"(?:\s+code)?(?:\s+to\s+pay)?"
    r"|(?:pay|transfer|send|alipay)\s+(?:(?:it|the\s+money|money|the\s+payment|your\s+payment|the\s+deposit)\s+)?"
    r"(?:to\s+)?me\s+(?:directly|privately|personally|in\s+private)"
    r"|(?:transfer|send|pay)\s+(?:the\s+|your\s+)?(?:money|payment|deposit|balance|fee)\s+(?:directly\s+|privately\s+)?to\s+me\b"
    r"|red[-\s]packet\s+me(?:\s+privately)?|transfer\s+(?:\w+\s+){0,2}privately|pay\s+privately"
    r"|(?:dm|message|contact|add|pm)\s+me\s+(?:\w+\s+){0,3}?(?:to|and)\s+pay"
    r"|my\s+(?:own\s+|personal\s+|private\s+)(?:payment|collection|receiving)\s+(?:code|qr(?:\s+code)?|account))",
    re.IGNORECASE)
_NEGATION = re.compile(
    r"\b(?:never|not|no(?!\.?\s?\d)|nobody|no\s+one|don't|doesn't|didn't|won't|can't|cannot|isn't|aren't|"
    r"beware|avoid|refuse|without|neither|nor)\b|n't\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.!?;:,\n]\s|\bbut\b|[.!?;]$")
# words that look like a negation but do not deny the claim after them ("don't miss the best deal")
_NOT_NEGATION = re.compile(r"\b(?:don't|do\s+not|never)\s+(?:miss|wait|forget|hesitate|delay|worry)\b|\bnot\s+only\b|"
                           r"\bno\s+(?:wonder|doubt)\b|\bwithout\s+(?:a\s+)?doubt\b", re.IGNORECASE)
# A claim window: a duration in a sentence about reporting a problem with an order.
_DURATION = re.compile(
    r"\b(?P<within>(?:within|in|up\s+to|no\s+later\s+than|after)\s+)?(?:(?P<n>\d+)\s?(?:working\s+|business\s+|calendar\s+)?"
    r"(?P<unit>hours?|hrs?|h|days?|weeks?)\b"
    r"|(?P<word>an?|one|two|three|four|five|six|seven|ten|full|whole)\s+(?:(?:full|whole|working|business)\s+)?"
    r"(?P<wunit>hour|day|week|month)s?\b)",
    re.IGNORECASE)
_CLAIM_WORDS = re.compile(r"\b(?:report\w*|complain\w*|claims?|tell\s+us|let\s+us\s+know|notify|raise|"
                          r"contact\s+(?:us|me|an\s+admin)|problems?|issues?|damaged?|broken|defect\w*|missing|quality|"
                          r"after-sales|photos?|pictures?|refund\s+requests?|(?:request|apply\s+for)\s+(?:a\s+)?refund)\b",
                          re.IGNORECASE)
_TO_CLAIM = re.compile(r"\s+(?:to|for)\s+(?:\w+\s+)?(?:report|complain|claim|tell|let|contact|raise|notify|return|ask)",
                       re.IGNORECASE)  # "a full week to tell us", "seven days to report"
_HOURS = {"h": 1, "hr": 1, "hrs": 1, "hour": 1, "day": 24, "week": 168, "month": 720}
_WORD_N = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10,
           "full": 1, "whole": 1}
_NEAR = 40  # characters between a duration and the reporting words it belongs to


def absolute_terms(text: str) -> Iterator[tuple[str, int, str]]:
    """``(term, position, suggested words)`` of each absolute claim not under a negation."""
    taken: list[tuple[int, int]] = []
    for pattern, words in AD_LAW:
        for match in re.finditer(rf"(?<![\w-]){pattern}(?![\w-])", text, re.IGNORECASE):
            if any(a < match.end() and match.start() < b for a, b in taken) or negated(text, match.start()):
                continue
            taken.append(match.span())
            yield match.group(0), match.start(), words


def medical_claims(text: str) -> Iterator[tuple[str, int]]:
    for pattern in MEDICAL:
        for match in re.finditer(rf"(?<![\w-])(?:{pattern})(?![\w-])", text, re.IGNORECASE):
            if not negated(text, match.start()):
                yield match.group(0), match.start()


def private_payments(text: str) -> Iterator[tuple[str, int]]:
    for match in _PRIVATE_PAY.finditer(text):
        if not negated(text, match.start()):
            yield match.group(0), match.start()


def claim_windows(text: str, hours: int) -> Iterator[tuple[str, int]]:
    """Durations other than ``hours`` in a sentence that is about reporting a problem."""
    for sentence in re.finditer(r"[^.!?\n]+(?:[.!?]+|$)", text):
        if not _CLAIM_WORDS.search(sentence.group(0)):
            continue
        words = sentence.group(0)
        for match in _DURATION.finditer(words):
            near = words[max(0, match.start() - _NEAR) : match.end() + _NEAR]
            framed = match["within"] or _TO_CLAIM.match(words, match.end())
            if framed and _CLAIM_WORDS.search(near) and _hours(match) not in (None, hours):
                yield match.group(0).strip(), sentence.start() + match.start()


def _hours(match: re.Match[str]) -> int | None:
    if match["n"]:
        return int(match["n"]) * _HOURS[match["unit"].lower().rstrip("s") or "h"]
    if match["word"].lower() in ("a", "an", "one") and match["wunit"].lower() == "hour":
        return None  # "an hour": a reply time, not a claim window
    return _WORD_N[match["word"].lower()] * _HOURS[match["wunit"].lower()]


def negated(text: str, position: int) -> bool:
    """Whether a negation ("never", "not", "don't", "beware" …) comes before ``position`` in the same clause."""
    start = max(0, position - 80)
    before = text[start:position]
    ends = list(_CLAUSE_END.finditer(before))
    clause = before[ends[-1].end():] if ends else before
    return bool(_NEGATION.search(_NOT_NEGATION.sub(" ", clause)))
