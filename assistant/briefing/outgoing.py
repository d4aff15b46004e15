"""Turning a digest or a batch of alerts into an :class:`~assistant.briefing.senders.Outgoing`.

The IM Markdown is built from the same layout blocks as every other view; text from chat exports
goes through :func:`~assistant.briefing.channel.inert`, so a member who writes ``[点我](http://…)``
or ``<@all>`` gets neither a link nor a mention in the operator's robot message.
"""

from __future__ import annotations

from html import escape

from ..safety.pii import Masker
from .channel import inert
from .digest import Digest
from .exports import html
from .layout import blocks, plain_text, title
from .senders import Outgoing


def digest_message(digest: Digest, attach: bool = True) -> Outgoing:
    lines = [f"## {inert(title(digest))}"]
    for block in blocks(digest):
        if block.title:
            lines.append(("### " if block.level <= 2 else "#### ") + inert(block.title))
        lines += [("> " if line.sub else "- ") + inert(line.text) for line in block.lines]
    page = html(digest)
    name = f"digest-{digest.first_day}{'' if digest.first_day == digest.last_day else '-' + digest.last_day}.html"
    return Outgoing(title(digest), "\n".join(lines), page, plain_text(digest),
                    (name, page.encode("utf-8"), "text/html") if attach else None)


def alerts_message(subject: str, rows: list[tuple[str, str]]) -> Outgoing:
    """A batch of new alerts: ``(heading, quoted message)`` pairs."""
    md = [f"## {inert(subject)}"] + [f"- {inert(head)}\n> {inert(said)}" for head, said in rows]
    text = subject + "\n\n" + "\n".join(f"- {head}\n  {said}" for head, said in rows)
    page = f"<h2>{escape(subject)}</h2><ul>" + "".join(
        f"<li>{escape(head)}<br><q>{escape(said)}</q></li>" for head, said in rows) + "</ul>"
    return Outgoing(subject, "\n".join(md), page, text)


def masked(message: Outgoing) -> Outgoing:
    """``message`` with personal data replaced by placeholders (one masker: one value, one name)."""
    masker = Masker()
    attachment = message.attachment
    if attachment:
        name, data, mime = attachment
        attachment = (name, masker.mask(data.decode("utf-8")).encode("utf-8"), mime)
    return Outgoing(masker.mask(message.subject), masker.mask(message.markdown), masker.mask(message.html),
                    masker.mask(message.text), attachment)

