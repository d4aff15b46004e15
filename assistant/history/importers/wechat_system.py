"""WeChat system messages: joins, removals, renames, revokes, pats and red packets become events.

The texts are fixed strings of the client (docs/formats.md §2.1). Names are in ASCII quotes, several
joined with 、; a new group name is in Chinese quotes. chatlog renders people as ``昵称(wxid)`` and
raw databases keep ``<sysmsg>`` XML with the wxids in a link list; both are reduced to the same text
with ids attached, so one rule table reads every exporter. "你" is the exporting account, resolved
later through its self name.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime

from ..batch import Batch
from ..records import GroupEvent, MemberEvent

YOU = "你"
_ID = re.compile(r"^(?P<name>.*)\((?P<id>(?:wxid_|gh_)[\w-]+|[A-Za-z][\w-]{5,19})\)$")
_UNFILLED = re.compile(r"\$[a-z_]+\$")
LIST_CN = re.compile("、")  # "张三"、"李四"
_TAGS = re.compile(r"<_wc_custom_link_[^>]*>(.*?)</_wc_custom_link_>|<a\b[^>]*>.*?</a>|<[^>]+>", re.S)


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern[str]
    event: str  # join | leave | removed | rename | revoke | pat | red_packet_claim | system
    via: str | None = None
    actor_is_you: bool = False
    with_you: bool = False  # the exporting account is (one of) the subjects
    split: re.Pattern[str] = LIST_CN  # how several names are joined


def _rule(pattern: str, event: str, via: str | None = None, **flags: bool) -> Rule:
    return Rule(re.compile(pattern), event, via, **flags)


RULES = (
    _rule(r'^"(?P<actor>[^"]+)"邀请你和"(?P<names>.+)"加入了群聊', "join", "invite", with_you=True),
    _rule(r'^"(?P<actor>[^"]*)"邀请你加入了群聊', "join", "invite", with_you=True),  # "" = template left unfilled
    _rule(r'^"(?P<actor>[^"]+)"邀请"(?P<names>.+)"加入了群聊', "join", "invite"),
    _rule(r'^你邀请"(?P<names>.+)"加入了群聊', "join", "invite", actor_is_you=True),
    _rule(r'^" ?(?P<names>[^"]+)"通过扫描"(?P<actor>[^"]+)"分享的二维码加入群聊', "join", "qr"),
    _rule(r'^" ?(?P<names>[^"]+)"通过扫描你分享的二维码加入群聊', "join", "qr", actor_is_you=True),
    _rule(r'^" ?(?P<names>[^"]+)"通过"(?P<actor>[^"]+)"的邀请二维码加入群聊', "join", "qr"),
    _rule(r'^"(?P<names>.+)"加入了群聊', "join", "direct"),
    _rule(r'^你将"(?P<names>.+)"移出了群聊', "removed", actor_is_you=True),
    _rule(r'^你被"(?P<actor>[^"]+)"移出群聊', "removed", with_you=True),
    _rule(r'^"(?P<actor>[^"]+)"将"(?P<names>.+)"移出了群聊', "removed"),
    _rule(r'^"(?P<actor>[^"]+)"修改群名为“(?P<detail>.*)”', "rename"),
    _rule(r"^你修改群名为“(?P<detail>.*)”", "rename", actor_is_you=True),
    _rule(r'^"(?P<actor>[^"]+)" ?撤回了一条消息', "revoke"),
    _rule(r"^你撤回了一条消息", "revoke", actor_is_you=True),
    _rule(r'^"?(?P<actor>[^"]*?)"? ?拍了拍 ?"?(?P<names>[^"]*)"?', "pat"),
    _rule(r"^(?P<actor>.+?)领取了(?P<names>.+?)的红包", "red_packet_claim"),
    _rule(r"红包", "red_packet_claim"),
)


def plain_text(raw: str) -> str:
    """The readable text of a system message: XML templates filled, markup and CDATA removed."""
    text = raw.strip()
    if "<sysmsg" in text:
        text = _from_xml(text[text.index("<sysmsg") :]) or text
    text = _UNFILLED.sub("", text.replace("<![CDATA[", "").replace("]]>", ""))  # WeFlow leaves $username$ in
    return html.unescape(_TAGS.sub(lambda m: m.group(1) or "", text)).strip()


def add(batch: Batch, raw: str, at: datetime, grp: str = "", source: str = "system_message") -> None:
    """Append the events one system message stands for; unknown texts are kept as ``system``."""
    text = plain_text(raw)
    if not apply(batch, RULES, text, at, grp, source):
        batch.group_events.append(GroupEvent(at, "system", detail=text[:500], grp=grp))


def recognise(raw: str) -> bool:
    """Whether a text is one of the client's system notices (text exports mix them with messages)."""
    text = plain_text(raw)
    return any(rule.pattern.search(text) for rule in RULES[:-1])  # the bare "红包" rule is too loose here


def apply(batch: Batch, rules: tuple[Rule, ...], text: str, at: datetime, grp: str, source: str) -> bool:
    """Append the events of the first rule that matches ``text``; ``False`` if none does."""
    for rule in rules:
        match = rule.pattern.search(text)
        if match:
            _apply(batch, rule, match, at, grp, source)
            return True
    return False


def person(token: str) -> tuple[str, str | None]:
    """``(name, wxid)`` from ``昵称`` or chatlog's ``昵称(wxid)``."""
    token = token.strip().strip('"“”').strip()
    if token in ("You", "you"):  # WhatsApp and LINE write the exporting account as "You"
        return YOU, None
    match = _ID.match(token)
    return (match["name"].strip(), match["id"]) if match else (token, None)


def _apply(batch: Batch, rule: Rule, match: re.Match[str], at: datetime, grp: str, source: str) -> None:
    groups = match.groupdict()
    actor_name, actor_id = (YOU, None) if rule.actor_is_you else person(groups.get("actor") or "")
    subjects = [person(n) for n in rule.split.split(groups["names"]) if n.strip()] if groups.get("names") else []
    if rule.with_you:
        subjects.insert(0, (YOU, None))
    if rule.event in ("join", "removed", "leave"):
        for name, member_id in subjects:
            batch.member_events.append(
                MemberEvent(at, rule.event, member_id, name, actor_id, actor_name or None, rule.via, None, source, grp)
            )
        return
    target = "、".join(name for name, _ in subjects) or None
    detail = groups.get("detail") or match.string[:200]
    batch.group_events.append(GroupEvent(at, rule.event, actor_id, actor_name or None, target, detail, grp))


def _from_xml(xml_text: str) -> str | None:
    try:
        root = ET.fromstring(xml_text)
    except ET.ParseError:
        return None
    kind = root.get("type")
    if kind == "sysmsgtemplate":
        return _fill_template(root)
    if kind == "revokemsg":
        return root.findtext(".//replacemsg")
    if kind == "pat":
        return root.findtext(".//template")
    return root.findtext(".//plain") or None


def _fill_template(root: ET.Element) -> str | None:
    template = root.findtext(".//template")
    if not template:
        return None
    for link in root.iter("link"):
        members = [
            f"{m.findtext('nickname') or ''}({m.findtext('username')})"
            if m.findtext("username")
            else m.findtext("nickname") or ""
            for m in link.iter("member")
        ]
        separator = link.findtext("separator") or "、"
        template = template.replace(f"${link.get('name')}$", separator.join(members))
    return re.sub(r"\s*\$\w+\$", "", template)
