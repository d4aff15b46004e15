"""Deciding what a chat question needs: the playbooks, or the numbers of the imported groups.

Operators ask both kinds in one box: "退群率多少算正常？" is a playbook question; "为什么上周退群率
上升了？" and "哪个群最活跃？" are questions about their own groups and must be answered from the
analytics, never from the model's arithmetic. The router also picks up the group and week a
question names ("3群", "上周", "2026-W07").

English questions take the same routes ("Why did exits rise last week?" → churn, "how do I reduce
churn?" → playbooks, "Write an announcement for the new product" → draft): each pattern carries its
English alternatives. An English request is a draft only when it asks for the text ("write…",
"can you draft…"); "how do I write group rules?" asks the playbooks how.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..conversations.questions import is_history_question

PLAYBOOK, METRICS, CHURN, SEGMENTS, RISKS, DRAFT = "playbook", "metrics", "churn", "segments", "risks", "draft"
HISTORY = "history"  # what was said or asked in the groups (answered from the conversation index)
DIGEST = "digest"  # what happened in the groups on a day (the 群日报)

# Asking for a text to paste is a drafting job, whatever else the question mentions.
_DRAFTS = (
    ("complaint", re.compile(r"(?:回复|回应|怎么回|答复).{0,8}(?:投诉|差评|客诉)|(?:投诉|差评|客诉).{0,6}(?:怎么回|回复一下|帮我回)")),
    ("dispute", re.compile(r"(?:纠纷|争议|扯皮).{0,10}(?:总结|整理|梳理)|(?:总结|整理|梳理).{0,8}(?:纠纷|争议|扯皮)")),
    ("announcement", re.compile(r"(?:写|起草|拟|出)(?:一?[份个条篇])?.{0,6}(?:群公告|公告|通知)")),
    ("rules", re.compile(r"(?:写|起草|拟|定|制定|出)(?:一?[份个套])?.{0,6}群规")),
    ("activity", re.compile(r"(?:策划|方案|设计|搞|办|做)(?:一?[份个场次])?.{0,8}(?:拼团|秒杀|裂变|海报|积分|打卡|接龙)|(?:拼团|秒杀|裂变|积分兑换|打卡|接龙).{0,6}(?:活动方案|方案|策划)")),
)
_EN_ACTIVITY = r"group[- ]?buy|flash sale|referral|poster|points|check-?in|sign-?up|chain|campaign|promo(?:tion)?|event|giveaway|lucky draw|sale"
_EN_WRITE = r"(?:write|draft|compose|prepare|put together|come up with|create|make|give me|generate|need|want)"
_EN_DRAFTS = (
    ("complaint", re.compile(r"(?:repl(?:y|ies)|respond|response|answer|write back|get back)\b.{0,40}(?:complain|bad review|negative review|angry|upset|unhappy|refund request)"
                             r"|repl(?:y|ies)\b.{0,15}\bto (?:a|the|this|that|our) (?:member|customer|buyer|client)"
                             r"|(?:complaint|bad review|negative review)(?:(?!nobody|no one|never|\bun|\bnot\b).){0,30}(?:repl(?:y|ies)|respon|answer)"
                             r"|(?:write|draft|compose|prepare)\b.{0,20}\bapolog", re.I)),
    ("dispute", re.compile(r"(?:summar|write[- ]?up|recap|timeline|sum up|neutral account).{0,40}(?:dispute|argument|conflict|quarrel|fight|row|spat|disagreement)"
                           r"|(?:dispute|argument|conflict|quarrel|fight|row|spat|disagreement).{0,40}(?:summar|write[- ]?up|recap|timeline|sum(?:med)? up)", re.I)),
    ("announcement", re.compile(_EN_WRITE + r"\b.{0,40}(?:announcement|notice|pinned (?:message|post)|bulletin|群公告)|^\s*群公告\s+(?:for|about|on)\b", re.I)),
    ("rules", re.compile(_EN_WRITE + r"\b.{0,40}(?:\brules\b|群规)", re.I)),
    ("activity", re.compile(r"(?:" + _EN_WRITE + r"|plan|design|organi[sz]e|set up)\b.{0,40}(?:" + _EN_ACTIVITY + r")"
                            r"|(?:" + _EN_ACTIVITY + r").{0,25}\b(?:plan|proposal)\b", re.I)),
)
# An English question that asks how (or whether) rather than for the text itself.
_EN_ASKS_HOW = re.compile(r"^\s*(?:how|what|why|when|which|where|should|is|are|do|does)\b|best (?:practice|way)|\btips?\b|\badvice\b"
                          r"|\bhow (?:to|do|should|can)\b|\bshould (?:i|we)\b", re.I)
_EN_ASKS_FOR_TEXT = re.compile(r"\b(?:can|could|would|will) you\b|\bplease\b|\bhelp me\b|\bfor me\b", re.I)
ACTIVITY_KINDS = (("拼团", "拼团秒杀"), ("秒杀", "拼团秒杀"), ("裂变", "裂变海报"), ("海报", "裂变海报"),
                  ("积分", "积分兑换"), ("打卡", "打卡挑战"), ("接龙", "接龙"),
                  ("group buy", "拼团秒杀"), ("group-buy", "拼团秒杀"), ("flash sale", "拼团秒杀"), ("referral", "裂变海报"),
                  ("poster", "裂变海报"), ("points", "积分兑换"), ("check-in", "打卡挑战"), ("checkin", "打卡挑战"),
                  ("sign-up", "接龙"), ("signup", "接龙"), ("chain", "接龙"))
PURPOSES = (("新品", "新品"), ("上新", "新品"), ("放假", "节假日"), ("节假日", "节假日"), ("春节", "节假日"),
            ("国庆", "节假日"), ("群规", "群规变更"), ("活动", "活动"), ("秒杀", "活动"), ("拼团", "活动"),
            ("new product", "新品"), ("launch", "新品"), ("holiday", "节假日"), ("new year", "节假日"),
            ("rule", "群规变更"), ("flash sale", "活动"), ("group buy", "活动"), ("event", "活动"), ("sale", "活动"))

_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# Whole month names only, for a month standing alone ("since march"); _MONTHS, used beside a day
# number, also takes a loose spelling but would read "in marketing" as a month.
_MONTHS_WORD = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\b"
_WHY = re.compile(r"为什么|为啥|怎么回事|原因|咋回事|\bwhy\b|how come|what(?:'s| is)? (?:caus|behind|driv)|what made|reasons?\b|\bcaus"
                  r"|\b(?:make|made|making) (?:people|members|them|folks|everyone|so many (?:people|members)) (?:leave|quit|go|exit)", re.I)
_EXITS = re.compile(r"退群|流失|掉人|掉粉|走了|离开|churn|\bleav(?:e|es|ing)\b|\bleft\b|\bexit|\bquit|drop(?:ped|ping)? (?:out|off)|departure"
                    r"|lost (?:\w+ ){0,2}(?:members|people|followers|fans)|losing (?:\w+ )?(?:members|people)|unsubscrib", re.I)
_RISE = re.compile(r"上升|变多|\b(?:rose|rise|rising|risen|went up|gone up|going up|increas|spik|jump|climb|surg|doubl|tripl|so many|more people)|keep (?:leaving|quitting|dropping)", re.I)
_OURS = re.compile(r"我们|我的|咱们|这周|本周|上周|上上周|最近|近期|哪个群|各群|每个群|群里|\d+群|[Ww]\d{1,2}"
                   r"|\b(?:our|my|us|we)\b|this (?:week|month)|last week|week before last|past (?:week|month|\d+ days)|recent(?:ly)?|lately"
                   r"|which group|each group|every group|all (?:\w+ )?groups|per group|the (?:\w+ )?groups?\b|group \d+"
                   r"|\b(?:give|show|send) me\b|pull up|\b(?:has|have|did|is) (?:anyone|anybody|someone|somebody)\b"
                   r"|\b(?:today|yesterday|this morning|tonight)\b|\b(?:since|on|between|from|in) (?:\d{1,2}(?:st|nd|rd|th)? )?" + _MONTHS_WORD +
                   r"|^\s*(?:pls |please )?(?:list|show|find|flag|check|pull|search|scan|count|look (?:for|through)|dig)\b", re.I)
_METRICS = re.compile(r"活跃|转化|留存|成交|GMV|退款|新人|响应|多少人|人数|消息量|数据|指标|表现|最活跃|排名"
                      r"|activ(?:e|ity)|engag|conversion|convert|retention|retain|sales|revenue|orders?\b|refund|new (?:members|joiners|people|joins)|\bjoin(?:s|ers|ed)\b"
                      r"|newcomers|respon(?:se|d)(?: time)?|how many|member count|headcount|message (?:volume|count)|messages|\brate\b"
                      r"|numbers|stats|statistics|metrics|kpis?\b|perform|rank|growth|grew|grow|overview|compared?\b|\bvs\b|versus"
                      r"|how (?:did|is|are|was|were) .{1,40} (?:do|doing|going)\b", re.I)
_SEGMENTS = re.compile(r"分层|沉默用户|流失预警|高价值|核心用户|哪些人|名单"
                       r"|segment|tiers?\b|lifecycle|silent|dormant|inactive|lurk|churn[- ](?:warning|risk)|at[- ]risk|about to (?:leave|go|quit)"
                       r"|(?:hasn't|haven't|has not|have not|not) (?:said|posted|spoken|bought) anything|go(?:ne)? quiet|quiet members"
                       r"|high[- ]value|\bvips?\b|core (?:members|customers|buyers)|top (?:buyers|spenders|customers|members)|who (?:are|is) (?:our|my)"
                       r"|\blist (?:of )?(?:members|people|names)|likely to (?:leave|quit|churn|go)|stopped (?:ordering|buying|posting)"
                       r"|(?:hasn't|haven't|has not|have not|not|never) (?:said|posted|spoken|written) (?:a (?:single )?word|anything)"
                       r"|(?:most|least) (?:engaged|active|loyal|valuable) (?:members|customers|buyers|people|users)|onboarding", re.I)
_RISKS = re.compile(r"风险|广告|诈骗|骗子|违规|敏感词|投诉没人"
                    r"|(?<!at )(?<!at-)\brisk(?:s|y)?\b(?!s? of)|\bads?\b|advert|spam|scam|fraud|violat|sensitive words|banned words"
                    r"|absolute (?:claims|terms|words)|ad[- ]law|suspicious|\blinks?\b|qr codes?|poach"
                    r"|complaints? (?:\w+ ){0,3}(?:nobody|no one|not been|haven't been|unanswered|ignored)|unanswered|no (?:reply|response)"
                    r"|dodgy|shady|sketchy|fishy|\bflag\b|fake (?:\w+ ){0,2}(?:goods|products|gear|items|listings?)|counterfeit|knock-?offs?"
                    r"|advertising law|break .{0,20}\blaws?\b|illegal|\bno\.\s?1\b|pay (?:them|him|her|me) privately|private (?:payment|transfer)", re.I)
_WEEK = re.compile(r"(\d{4})-?[Ww](\d{1,2})")
_CJK = re.compile(r"[\u3400-\u9fff]")
_DIGEST = re.compile(r"群日报|日报|群聊总结|群总结|今日总结|(?:昨天|今天|前天|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}月\d{1,2}[日号])"
                     r".{0,8}(?:发生了?什么|聊了?(?:些)?什么|有什么事|有啥事|(?:群|各群).{0,4}(?:怎么样|情况))"
                     r"|(?i:daily (?:digest|summary|recap|report)|group digest|digest for"
                     r"|(?:what happened|what went on|anything (?:\w+ )?happen|summar(?:y|ise|ize)|recap|rundown|roundup|highlights|brief me|catch me up|what did i miss)\b.{0,40}"
                     r"\b(?:today|yesterday|day before yesterday|\d{4}-\d{1,2}-\d{1,2}|\d{1,2} " + _MONTHS + r"|" + _MONTHS + r" \d{1,2})"
                     r"|\b(?:today|yesterday)(?:'s)? (?:summary|recap|digest|rundown|roundup|highlights))")
_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})月(\d{1,2})[日号]")
_DAY_EN = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)? (" + _MONTHS + r")|\b(" + _MONTHS + r") (\d{1,2})\b", re.I)
_MONTH_NUMBER = {m: n for n, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
# "多少算正常" asks for the norm (playbook); "怎么样 / 哪个群 / 上周" asks for our current value.
_NORM = re.compile(r"算正常|正常吗|[低高]于多少|超过多少|多少.{0,2}(?:要|需|该)|标准|健康线|阈值|怎么算|公式|如何|怎么(?:做|提高|提升|设计|写|处理|办)|应该|技巧|方法|是什么"
                   r"|\bnormal\b|healthy|benchmark|threshold|typical|industry average|what counts as|good (?:rate|number|level)|formula"
                   r"|too (?:many|much|few|low|high|often)|is it (?:ok|okay|fine|bad)|enough\b|on average|typically|usually|in general|generally|should you\b"
                   r"|\blegit\b|is (?:this|it|that) (?:safe|real|normal|a scam)|should (?:i|we) (?:trust|worry)"
                   r"|how (?:many|much) .{0,40}\bshould\b|what (?:do|should|can) (?:i|we) do|what to do"
                   r"|how (?:do|should|can|could|would) (?:i|we|you)\b|how to\b|best (?:practice|way)|\btips?\b|ideas?\b|should (?:i|we)\b"
                   r"|what(?:'s| is) (?:a|an|the) (?:good|normal|healthy|typical|reasonable)|how is .{1,20} (?:calculated|measured|defined)"
                   r"|\b(?:am i|are we) allowed|is it (?:legal|allowed)|difference between|^\s*what (?:is|are) (?:a|an)\b|\bdefin(?:e|ition)\b|\b(?:stages|steps|types|kinds|phases) of\b", re.I)
_CURRENT = re.compile(r"怎么样|如何了|多少(?!算)|哪个|哪些群|最(?:活跃|高|低|好|差)|趋势|变化|排名|现在|目前"
                      r"|how(?:'s| is| are| was| were| did| has| have)\b|how many|which|\bmost\b|\bleast\b|highest|lowest|\bbest\b|\bworst\b"
                      r"|trend|change|ranking|\bnow\b|currently|so far|at the moment|compare"
                      r"|\bwho (?:is|are|has|hasn't|have|haven't)\b|\bwho(?:'s|s)\b|\b(?:are|is|were|was) there\b", re.I)


@dataclass(frozen=True)
class Route:
    kind: str
    group: str | None = None
    week: str | None = None  # an ISO week label, or None for the latest complete week
    weeks_back: int = 0  # 上周 = the latest complete week (0), 上上周 = 1
    job: str | None = None  # for drafts: which drafting job
    fields: tuple[tuple[str, str], ...] = ()
    text: str = ""  # for drafts: the material after the request (a pasted complaint …)


def route(question: str, group_names: list[str]) -> Route:
    """The route for ``question`` given the names of the imported groups (empty when none)."""
    group = _group(question, group_names)
    if job := _draft_job(question):
        return Route(DRAFT, group, job=job, fields=_draft_fields(job, question), text=_material(question))
    if pasted := pasted_complaint(question):
        return Route(DRAFT, group, job="complaint", text=pasted)
    if group_names and _DIGEST.search(question):
        return Route(DIGEST, group, fields=(("day", _day(question)),))
    norm = bool(_NORM.search(question))
    asks_current = bool(_CURRENT.search(question)) and not norm
    about_ours = bool(group) or _about_ours(question, norm) or asks_current
    week, back = _week(question)
    history = is_history_question(question)
    if not group_names or not (about_ours or history):
        return Route(PLAYBOOK)
    if _EXITS.search(question) and (_WHY.search(question) or _RISE.search(question)):
        return Route(CHURN, group, week, back)
    risky = bool(_RISKS.search(question))
    # "Show me messages that might break advertising law" is a risk scan; in Chinese a question about
    # what members said stays a history question even when it names ads or scams (有人抱怨广告太多吗).
    if history and not (risky and not _CJK.search(question)):
        return Route(HISTORY, group, week, back)
    if risky:
        return Route(RISKS, group, week, back)
    if _SEGMENTS.search(question):
        return Route(SEGMENTS, group, week, back)
    if _METRICS.search(question) or _EXITS.search(question):
        return Route(METRICS, group, week, back)
    return Route(PLAYBOOK)


def _about_ours(question: str, norm: bool) -> bool:
    """Does ``question`` speak of the operator's own groups? In English "we" and "our" come with
    how-to questions too ("how can we reduce churn?"): there they count only in a why-question."""
    if not _CJK.search(question) and _WHY.search(question) and _EXITS.search(question) and _RISE.search(question):
        return True  # "The number of people quitting has doubled. Why?" can only be about their groups
    if not _CJK.search(question) and not norm and (_RISKS.search(question) or _SEGMENTS.search(question)):
        return True  # "silent members?", "any fraud attempts?": something to look up in their groups
    if not _OURS.search(question):
        return False
    return not norm or bool(_CJK.search(question)) or bool(_WHY.search(question))


def _draft_job(question: str) -> str | None:
    """Which text ``question`` asks to be written, if it asks for one."""
    job = next((job for job, pattern in _DRAFTS if pattern.search(question)), None)
    if job or (_EN_ASKS_HOW.search(question) and not _EN_ASKS_FOR_TEXT.search(question)):
        return job
    return next((job for job, pattern in _EN_DRAFTS if pattern.search(question)), None)


# A customer's own words: a grievance in the first or second person ("我买的…", "你们…"), not an
# operator's question about handling one ("客户说橙子烂了怎么处理？" is a playbook question).
_GRIEVANCE = re.compile(r"烂|坏了|变质|发霉|不新鲜|破损|少发|漏发|发错|没到|还没发|没收到|退款|退钱|赔|骗|假货|态度|不理人|没人回|太差|垃圾|坑人"
                        r"|rotten|spoil|mou?ldy|stale|broken|damaged|crushed|missing|wrong (?:item|size|colou?r|order)|never (?:arrived|came|got)"
                        r"|(?:hasn't|has not|haven't|didn't|did not|still not) (?:arrived|come|received|shipped|got)|not received|refund|money back"
                        r"|compensat|scam|ripped? off|rip-off|fake|counterfeit|rude|ignor|no one (?:answers|replies|replied)|nobody (?:answers|replies|replied)"
                        r"|terrible|awful|worst|disgusting|unacceptable|ridiculous|cheat", re.I)
_CUSTOMER_VOICE = re.compile(r"我(?:买|收到|订|下单|要|家|的订单|付)|你们|给我|[！!]{1,}|再不|12315|差评"
                             r"|\bI (?:bought|ordered|paid|received|got|want|demand|need)\b|\bmy (?:order|parcel|package|money)\b|\byou(?:r| guys| people)?\b"
                             r"|give me|never (?:again|buying)|report you|consumer (?:council|association)|bad review", re.I)
_OPERATOR_ASKS = re.compile(r"怎么(?:处理|办|回|应对|说)|如何|应该|该怎么|怎样|有什么办法|[?？]\s*$"
                            r"|\bhow (?:do|should|can|to)\b|\bwhat (?:should|do) (?:i|we)\b|any (?:tips|advice)", re.I)
_QUOTED = re.compile(r"^(?:客户|顾客|买家|群友|有人|成员)(?:投诉|说|发来|反馈)?(?:了|的)?[：:]\s*(?P<text>.+)$"
                     r"|^(?:a |the |one )?(?:customer|buyer|member|client|someone)(?: just)?(?: said| says| wrote| writes| complained| messaged| sent)?(?: this)?[：:]\s*(?P<en>.+)$",
                     re.S | re.I)


def pasted_complaint(question: str) -> str | None:
    """The complaint itself when ``question`` is one pasted in ("买的橙子烂了一半，你们必须退款！",
    or "客户说：…"), else ``None``."""
    text = question.strip()
    quoted = _QUOTED.match(text)
    if quoted:
        body = (quoted.group("text") or quoted.group("en")).strip()
        return body if _GRIEVANCE.search(body) else None
    if len(text) < 8 or not _GRIEVANCE.search(text) or not _CUSTOMER_VOICE.search(text):
        return None
    return None if _OPERATOR_ASKS.search(text) else text


def _draft_fields(job: str, question: str) -> tuple[tuple[str, str], ...]:
    words = question.lower()  # the English words are listed in lower case ("Flash sale", "Check-in")
    if job == "activity":
        return (("kind", next((kind for word, kind in ACTIVITY_KINDS if word in words), "拼团秒杀")),)
    if job == "announcement":
        return (("purpose", next((p for word, p in PURPOSES if word in words), "通知")),)
    return ()


def _material(question: str) -> str:
    """What follows the request itself: ``帮我回复这个投诉：<complaint>`` → ``<complaint>``."""
    match = re.search(r"[:：\n]", question)
    return question[match.end():].strip() if match else ""


def _group(question: str, names: list[str]) -> str | None:
    for name in sorted(names, key=len, reverse=True):
        core = re.sub(r"[（(].*?[)）]", "", name)  # 幸福里团购群（示例） is asked about as 幸福里团购群
        if name in question or (len(core) >= 2 and core in question):
            return name
    number = re.search(r"(\d+)群", question)
    if number:
        return next((n for n in names if f"{number.group(1)}群" in n), None)
    return None


def _week(question: str) -> tuple[str | None, int]:
    match = _WEEK.search(question)
    if match:
        return f"{match.group(1)}-W{int(match.group(2)):02d}", 0
    before_last = "上上周" in question or re.search(r"week before last|previous week but one|two weeks ago", question, re.I)
    return None, 1 if before_last else 0


def _day(question: str) -> str:
    """``yesterday`` / ``today`` / ``before_yesterday`` or a date the question names (``11月25日``
    means this year's, or last year's when that is still to come)."""
    found = _DAY.search(question)
    if found and found.group(1):
        return f"{int(found.group(1)):04d}-{int(found.group(2)):02d}-{int(found.group(3)):02d}"
    if found:
        return f"--{int(found.group(4)):02d}-{int(found.group(5)):02d}"
    if english := _DAY_EN.search(question):
        day, month = (english.group(1), english.group(2)) if english.group(1) else (english.group(4), english.group(3))
        return f"--{_MONTH_NUMBER[month[:3].lower()]:02d}-{int(day):02d}"
    if "前天" in question or "day before yesterday" in question.lower():
        return "before_yesterday"
    today = "今天" in question or "今日" in question or "today" in question.lower()
    return "today" if today else "yesterday"
