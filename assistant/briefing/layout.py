"""The digest laid out once, in the reader's language: title, one line per group, then sections.

Markdown, HTML (and its PNG), the plain text of a webhook message and the 日报 view all walk the
same :class:`Block` list, so a section cannot be present in one and missing in another. A line
that cites a message carries its :class:`Quote`, which a page turns into a 上下文 button.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..i18n import colon, label
from .digest import Digest, GroupDigest, Item, Quote
from .texts import number, percent, tr


@dataclass
class Line:
    text: str
    quote: Quote | None = None
    sub: bool = False  # shown under the line before it (a topic's quotes, 接龙 posts)


@dataclass
class Block:
    title: str
    lines: list[Line] = field(default_factory=list)
    level: int = 2


def title(digest: Digest) -> str:
    lang = digest.language
    who = f" · {tr('digest.member', lang, name=digest.member)}" if digest.member else ""
    return f"{tr('digest.title', lang)} · {digest.scope} · {digest.period}{who}"


def group_line(g: GroupDigest, lang: str) -> str:
    """One line that says how a group's period went."""
    if g.quiet:
        return f"{g.group}：{tr('digest.quiet', lang)}" if lang == "zh" else f"{g.group}: {tr('digest.quiet', lang)}"
    v, m = g.volume, g.membership
    change = ""
    if v.usual_messages is not None:
        change = f"（{tr('digest.usual', lang, n=number(v.usual_messages))}，{percent(v.change())}）" if lang == "zh" \
            else f" ({tr('digest.usual', lang, n=number(v.usual_messages))}, {percent(v.change())})"
    exits = "?" if m.exits is None else m.exits
    topics = "、".join(t.label for t in g.topics[:3]) if lang == "zh" else ", ".join(t.label for t in g.topics[:3])
    return tr("digest.line", lang, group=g.group, volume=tr("digest.messages", lang, n=number(v.messages)), change=change,
              speakers=v.speakers, members=tr("digest.line_members", lang, joins=m.joins, exits=exits),
              open=g.open_items(), risks=tr("digest.line_risks", lang, n=len(g.risks)) if g.risks else "",
              topics=tr("digest.line_topics", lang, labels=topics) if topics else "")


def blocks(digest: Digest) -> list[Block]:
    lang = digest.language
    out: list[Block] = []
    if digest.notice:
        out.append(Block("", [Line(digest.notice)]))
    if digest.narrative and digest.narrative.text:
        out.append(Block(tr("digest.summary", lang), [Line(p) for p in digest.narrative.text.split("\n") if p.strip()]))
    if len(digest.groups) > 1:
        out.append(Block(tr("digest.overview", lang), [Line(text) for text in digest.lines]))
    for g in digest.groups:
        if len(digest.groups) > 1:
            out.append(Block(g.group, level=2))
        out += group_blocks(g, lang, level=3 if len(digest.groups) > 1 else 2)
    return out


def group_blocks(g: GroupDigest, lang: str, level: int = 2) -> list[Block]:
    none = [Line(tr("digest.none", lang))]
    return [
        Block(tr("digest.volume", lang), _volume(g, lang), level),
        Block(tr("digest.membership", lang), _membership(g, lang), level),
        Block(tr("digest.topics", lang), [line for t in g.topics for line in _topic(t, lang)] or none, level),
        Block(tr("digest.unanswered", lang), _questions(g, lang) + _items(g.unanswered, lang), level),
        Block(tr("digest.complaints", lang), _items(g.complaints, lang) or none, level),
        Block(tr("digest.todos", lang), _items(g.todos, lang) or none, level),
        Block(tr("digest.orders", lang), _orders(g, lang), level),
        Block(tr("digest.risks", lang), _items(g.risks, lang) or none, level),
    ]


def _volume(g: GroupDigest, lang: str) -> list[Line]:
    v = g.volume
    sep = "，" if lang == "zh" else ", "
    text = tr("digest.messages", lang, n=number(v.messages)) + sep + tr("digest.speakers", lang, n=v.speakers)
    if v.usual_messages is not None:
        people = v.usual_speakers if v.usual_speakers is not None else "-"
        text += sep + tr("digest.usual_line", lang, messages=number(v.usual_messages), people=number(people)
                         if people != "-" else people, days=v.baseline_days, change=percent(v.change()))
    elif not g.member:
        text += sep + tr("digest.usual_unknown", lang)
    return [Line(text)]


def _membership(g: GroupDigest, lang: str) -> list[Line]:
    m = g.membership
    joined = tr("digest.joins", lang, n=m.joins)
    if m.by_via:
        joined += colon(lang)
        joined += ", ".join(f"{tr('via.' + k, lang)} {n}" for k, n in sorted(m.by_via.items()))
    lines = [Line(joined + _names(m.joined_names, lang))]
    if m.exits is None:
        lines.append(Line(tr("digest.exits_unknown", lang)))
    else:
        left = tr("digest.exits", lang, n=m.exits)
        if m.by_type:
            left += colon(lang) + ", ".join(f"{tr('exit.' + k, lang)} {n}" for k, n in sorted(m.by_type.items()))
        lines.append(Line(left + _names(m.exited_names, lang)))
    return lines


def _names(names: list[str], lang: str) -> str:
    """Who joined or left, after the counts: （张三、李四） in Chinese, " (Zhang, Li)" in English."""
    if not names:
        return ""
    return f"（{'、'.join(names)}）" if lang == "zh" else f" ({', '.join(names)})"


def _topic(t, lang: str) -> list[Line]:  # noqa: ANN001 - a digest Topic
    head = Line(tr("digest.topic_line", lang, label=t.label, messages=t.messages, people=t.participants,
                   start=t.start, end=t.end))
    return [head] + [Line(_said(q, lang), q, sub=True) for q in t.quotes]


def _said(q: Quote, lang: str = "zh") -> str:
    return f"{q.ts[11:] or q.ts} {q.sender}{colon(lang)}{q.text}"


def _questions(g: GroupDigest, lang: str) -> list[Line]:
    return [Line(tr("digest.questions", lang, n=g.questions, open=g.open_questions))]


def _items(items: list[Item], lang: str) -> list[Line]:
    lines = []
    for item in items:
        if item.reason:
            kind, _, rule = item.reason.partition(":")
            state = f"{tr('risk.' + kind, lang)}·{label('risk_rule', rule, lang)}"
        else:
            state = tr("status." + item.status, lang) + (f" {item.answered_at[11:]}" if item.answered_at else "")
        mark = f"［{state}］" if lang == "zh" else f"[{state}] "
        lines.append(Line(mark + _said(item.quote, lang), item.quote))
    return lines


def _orders(g: GroupDigest, lang: str) -> list[Line]:
    o = g.orders
    lines = []
    if o.known:
        lines.append(Line(tr("digest.orders_line", lang, count=o.count, buyers=o.buyers, amount=f"{o.amount:,.2f}",
                             refunds=f"{o.refunds:,.2f}")))
    elif not g.member:
        lines.append(Line(tr("digest.orders_unknown", lang)))
    lines.append(Line(tr("digest.solitaire", lang, n=len(o.solitaire))))
    lines += [Line(_said(q if q.text else replace(q, text=tr("digest.solitaire_post", lang)), lang), q, sub=True)
              for q in o.solitaire[:5]]
    return lines


def plain_text(digest: Digest) -> str:
    """The digest as plain lines (terminal output, e-mail body, the model's material)."""
    lines = [title(digest), ""]
    for block in blocks(digest):
        if block.title:
            lines += ["#" * block.level + " " + block.title]
        lines += [("    " if line.sub else "- ") + line.text if block.title else line.text for line in block.lines]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
