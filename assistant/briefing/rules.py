"""Alert rules: keywords, regular expressions and built-in intents, each for some groups or all.

The built-in intents are the ones SCRM tools sell as 信息识别 and operators ask for: 投诉
(complaints), 退款 (refund requests), 私下转账/冒充 (private transfers and admin impersonation),
广告引流 (ads, QR codes, private WeChat ids) and 竞品 (names of competitors the user lists). They
reuse the risk rules of ``analytics.risk_rules`` so that an alert and a risk flag never disagree
about what a scam looks like. Admins' own messages never raise alerts.

A user's regular expression runs on at most :data:`MAX_TEXT` characters of a message and is
refused when it does not compile or matches the empty string (it would fire on every message).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from ..analytics.chatlog import Message
from ..analytics.risk_rules import COMPLAINT, RULES, SCAM, SPAM
from ..errors import InputError
from ..i18n import colon
from ..i18n import t as tr  # ``t`` names a term below

KEYWORD, REGEX, INTENT = "keyword", "regex", "intent"
KINDS = (KEYWORD, REGEX, INTENT)
MAX_TEXT = 2_000
REFUND = re.compile(r"退款|退钱|退费|退货|申请退|怎么退|能退吗|给我退|要退|退一下|退回来")
INTENTS: dict[str, dict[str, str]] = {
    "complaint": {"zh": "投诉", "en": "complaint"},
    "refund": {"zh": "退款", "en": "refund request"},
    "private_transfer": {"zh": "私下转账/冒充", "en": "private transfer / impersonation"},
    "ad_lure": {"zh": "广告引流", "en": "ads / luring away"},
    "competitor": {"zh": "竞品", "en": "competitor"},
}
KIND_LABELS = {KEYWORD: {"zh": "关键词", "en": "keywords"}, REGEX: {"zh": "正则表达式", "en": "regular expression"},
               INTENT: {"zh": "内置意图", "en": "built-in intent"}}


@dataclass(frozen=True)
class Rule:
    rule_id: int
    name: str
    kind: str
    pattern: str
    terms: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()  # empty: every group
    enabled: bool = True

    def applies_to(self, group: str) -> bool:
        return self.enabled and (not self.groups or group in self.groups)

    def match(self, message: Message) -> str | None:
        """What in ``message`` fires this rule, or None."""
        if message.from_admin or not message.text:
            return None
        text = message.text[:MAX_TEXT]
        if self.kind == KEYWORD:
            return next((w for w in self.pattern.splitlines() if w.strip() and w.strip().lower() in text.lower()), None)
        if self.kind == REGEX:
            found = re.search(self.pattern, text)
            return found.group(0) if found else None
        return _intent(self.pattern, text, self.terms)

    def label(self, language: str = "zh") -> str:
        if self.kind == INTENT:
            return INTENTS[self.pattern][language]
        words = tr("tool.names", language).join(w for w in self.pattern.splitlines() if w.strip())
        return f"{KIND_LABELS[self.kind][language]}{colon(language)}{words}"

    def to_dict(self) -> dict:
        return {"id": self.rule_id, "name": self.name, "kind": self.kind, "pattern": self.pattern,
                "terms": list(self.terms), "groups": list(self.groups), "enabled": self.enabled}


def _intent(key: str, text: str, terms: tuple[str, ...]) -> str | None:
    if key == "refund":
        found = REFUND.search(text)
        return found.group(0) if found else None
    if key == "competitor":
        return next((t for t in terms if t and t.lower() in text.lower()), None)
    kinds = {"complaint": (COMPLAINT,), "private_transfer": (SCAM,), "ad_lure": (SPAM,)}[key]
    for rule in RULES:
        if rule.kind in kinds and (found := rule.pattern.search(text)):
            return found.group(0)
    return None


@dataclass
class RuleDraft:
    """A rule as a user typed it, checked before it is stored."""

    name: str
    kind: str
    pattern: str
    terms: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)

    def checked(self, language: str = "zh") -> RuleDraft:
        """The draft tidied, named (an unnamed rule after its intent or words, in ``language``), or an
        :class:`InputError` in ``language``."""
        kind, names = self.kind.strip().lower(), tr("tool.names", language)
        if kind not in KINDS:
            raise InputError(tr("rule.error.kind", language, kinds=names.join(KINDS), kind=self.kind))
        pattern = self.pattern.strip()
        if kind == KEYWORD:
            words = [w.strip() for w in re.split(r"[\n,，、;；]", pattern) if w.strip()]
            if not words:
                raise InputError(tr("rule.error.keywords", language))
            pattern = "\n".join(dict.fromkeys(words))
        elif kind == REGEX:
            _check_regex(pattern, language)
        else:
            if pattern not in INTENTS:
                raise InputError(tr("rule.error.intent", language, names=names.join(
                    tr("rule.error.intent_name", language, name=k, label=v[language]) for k, v in INTENTS.items())))
            if pattern == "competitor" and not [t for t in self.terms if t.strip()]:
                raise InputError(tr("rule.error.terms", language))
        terms = [t.strip() for t in self.terms if t.strip()]
        name = self.name.strip() or (INTENTS[pattern][language] if kind == INTENT else pattern.replace("\n", names)[:30])
        return RuleDraft(name, kind, pattern, terms, [g.strip() for g in self.groups if g.strip()])


def _check_regex(pattern: str, language: str = "zh") -> None:
    if not pattern:
        raise InputError(tr("rule.error.empty_regex", language))
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise InputError(tr("rule.error.bad_regex", language, pattern=pattern, error=exc)) from exc
    if compiled.search(""):
        raise InputError(tr("rule.error.matches_empty", language, pattern=pattern))


def rule_from_row(row) -> Rule:  # noqa: ANN001 - a sqlite3.Row
    return Rule(row["rule_id"], row["name"], row["kind"], row["pattern"],
                tuple(t for t in row["terms"].splitlines() if t), tuple(json.loads(row["groups"])), bool(row["enabled"]))
