"""Which chat questions are about what happened in the groups, and what kind of answer they need.

"有人问过发票的事吗?" wants the conversations that mention 发票 (retrieval over windows);
"多少人问过发票?" wants a count, which top-k retrieval can never give, so it is answered from the
store; "张三最近说了什么?" wants one member's messages; "最近群里大家抱怨最多的是什么?" wants the
topics. The router asks :func:`is_history_question`; :func:`classify` picks the way to answer.
English questions ("Did anyone ask about delivery?", "How many people asked about refunds?", "What
did Lily say?") are read the same way. This module imports nothing heavy, so the router can use it
freely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..i18n import ALL_GROUPS, label, t

SEARCH, COUNT, MEMBER, TOPICS = "search", "count", "member", "topics"
NAME = "search_history"  # the tool offered to the chat model (``answers.history_tool`` runs it)


def group_argument(language: str = "zh") -> dict:
    """The ``group`` argument every tool takes: a group's name, or nothing for every group."""
    return {"type": "string", "description": t("tool.group", language, all=label("scope", ALL_GROUPS, language))}


def spec(language: str = "zh") -> dict:
    """The history tool as the chat model is offered it."""
    return {"type": "function", "function": {
        "name": NAME,
        "description": t(f"tool.{NAME}", language),
        "parameters": {"type": "object", "properties": {
            "question": {"type": "string", "description": t("tool.question", language)},
            "group": group_argument(language)}, "required": ["question"]}}}


_HISTORY = re.compile(
    r"有人(?:问|说|提|反映|抱怨|吐槽|聊)|有没有人(?:问|说|提|反映|抱怨)|大家(?:对|都|在|说|聊|怎么看)|"
    r"(?:说|聊|讨论|问|发)(?:了|过)什么|问过|提到过|聊过|讨论过|意见|抱怨|吐槽|反馈|"
    r"(?:最常|经常|反复|老是|总是|被)问|问得最多|高频问题|热门话题|话题"
    # English: what was said, in the past ("did anyone ask", "members complained", "what did Lily say");
    # "someone says X, legit?" reports a case and asks the playbooks.
    r"|(?i:\b(?:did|has|have|had) (?:any(?:one|body)|some(?:one|body)|people|members|folks|customers|buyers|they) (?:\w+ ){0,2}(?:ask|mention|talk|say|complain|chat|discuss|raise|bring|give)"
    r"|\b(?:any(?:one|body)|some(?:one|body)|people|members|folks|customers|buyers|they) (?:have |has |had )?(?:ever )?(?:asked|mentioned|talked|said|complained|chatted|discussed|raised|brought up)"
    r"|\bwhat (?:did|have|has|are|were) (?:\w+ ){1,3}(?:say|said|saying|ask|asking|post|posted|talk|talking|complain|complaining|mention|think|thought|feel|felt|react)"
    r"|(?:most|frequently|often|commonly) asked|recurring|common questions|hot topics|\btopics\b|feedback|messages (?:where|that|about|mentioning)"
    r"|\bsearch (?:the )?(?:chats?|messages|history|groups?)\b|questions? (?:from|by|of) (?:the )?(?:members|people|customers|buyers)"
    r"|\b(?:conversation|thread|discussion|chat) (?:about|on|around)\b|\bmentions? of\b|\bmentioned\b"
    r"|\bhow many (?:\w+ )?(?:people|members|ppl|folks|times) (?:\w+ ){0,2}(?:ask|mention|complain|talk|say|said))"
)
# "怎么收集意见" / "抱怨怎么处理" ask the playbook how to do something, not what happened.
_HOW_TO = re.compile(r"怎么(?:收集|处理|回复|应对|做|办|写|减少|避免)|如何|应该|技巧|方法|话术|模板"
                     r"|(?i:\bhow (?:do|should|can|could|to|would)\b|\bshould (?:i|we)\b|best (?:practice|way)|\btips?\b|template)")
_COUNT = re.compile(r"(?:多少|几)(?:个)?(?:人|位|次|条)|(?i:\bhow many (?:\w+ )?(?:people|members|ppl|folks|times|messages)\b)")
_TOPICS = re.compile(r"最多的|最常|问得最多|反复|高频|热门|话题|哪些问题|没有标准答案"
                     r"|(?i:\bmost\b|recurring|frequent|common questions|hot topics|\btopics\b|what (?:questions|complaints))")
_COMPLAINT = re.compile(r"抱怨|吐槽|投诉|不满|意见|差评|(?i:complain|unhappy|negative|bad review|grumbl|moan)")
_NAMES_TIME = re.compile(r"上上周|上周|[Ww]\d{1,2}|(?i:last week|week before last)")
_MEMBER = re.compile(r"^(?:那个|群里的?)?(?P<name>[^\s，。,?？的]{1,12}?)(?:最近|这周|本周|上周|今天|昨天)?(?:都)?(?:说|聊|发)(?:了|过)(?:些)?什么"
                     # a name is capitalised ("What did Lily say"): "what did people say" asks about a subject
                     r"|(?i:^what (?:did|has|have) (?:member )?)(?P<en>[A-Z\u3400-\u9fff][\w\u3400-\u9fff]*(?: [A-Z][\w]*)?)(?i: (?:been )?(?:say|said|saying|post|posted|talk))")
# Words that make a question worth checking against the members' names (reading them costs a scan).
_SPEECH = re.compile(r"说|聊|(?i:\b(?:say|said|saying|post|posted|talk))")
_FILLER = re.compile(
    r"上上周|上周|这周|本周|最近|近期|今天|昨天|群里|大家|有人|有没有人|多少人|多少次|几个人|几次|"
    r"问过|提到过|说过|聊过|讨论过|问|说|提|反映|抱怨|吐槽|聊|讨论|对|都|在|什么|有|的|事|吗|呢|了|过|意见|反馈|"
    r"怎么看|情况|相关|关于|方面|[?？!！。，,\s]"
    r"|(?i:\b(?:did|does|do|has|have|had|anyone|anybody|someone|somebody|people|ppl|members?|folks|customers|buyers|they|we|our|my|the|a|an"
    r"|ask(?:ed|ing|s)?|mention(?:ed|ing|s)?|talk(?:ed|ing|s)?|say|said|saying|complain(?:ed|ing|s)?|chat(?:ted|ting)?|discuss(?:ed|ing)?"
    r"|rais(?:e|ed|ing)|brought|bring|up|about|any|in|on|of|what|when|where|how|many|much|times|messages|where|that|this|last|week|month"
    r"|lately|recently|group|groups|find|show|me|feedback|give|gave|summari[sz]e|been|there|is|are|was|were"
    r"|search|chats?|history|for|pull|mentions?|mentioned|conversations?|thread|discussion)\b)"
)


@dataclass(frozen=True)
class HistoryQuestion:
    kind: str  # search | count | member | topics
    subject: str  # what it is about (发票); the member's name for ``member``
    complaints: bool = False  # topics: complaints rather than questions


def is_history_question(question: str) -> bool:
    """Does ``question`` ask what members said or asked in the groups?"""
    return bool(_HISTORY.search(question)) and not _HOW_TO.search(question)


def classify(question: str, members: set[str] | frozenset[str] = frozenset()) -> HistoryQuestion:
    """How to answer a history question; ``members`` are known sender names."""
    member = _MEMBER.search(question.strip())
    name = member and (member.group("name") or member.group("en"))
    if name and (not members or name in members):
        return HistoryQuestion(MEMBER, name)
    subject = subject_of(question)
    if _COUNT.search(question) and subject:
        return HistoryQuestion(COUNT, subject)
    if _TOPICS.search(question) or not subject:
        return HistoryQuestion(TOPICS, subject, complaints=bool(_COMPLAINT.search(question)))
    return HistoryQuestion(SEARCH, subject)


def mentions_speech(question: str) -> bool:
    """Does ``question`` ask what someone said (so a name in it is checked against the members)?"""
    return bool(_SPEECH.search(question))


def names_time(question: str) -> bool:
    """Does the question limit itself to a week (上周, 上上周, W07)?"""
    return bool(_NAMES_TIME.search(question))


def subject_of(question: str) -> str:
    """The words left when the asking is taken out: ``有人问过发票的事吗？`` → ``发票``."""
    return " ".join(_FILLER.sub(" ", question).split())
