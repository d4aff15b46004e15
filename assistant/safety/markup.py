"""Untrusted text on a page that renders Markdown: shown as text, never as images, links or markup.

Chat exports and uploaded documents are written by strangers. Rendered as Markdown, a message
``![x](http://evil.example/p.png)`` becomes an image the browser fetches the moment an answer
quotes it (a tracking and exfiltration channel), ``[点我](http://…)`` a link dressed as anything,
and ``:red[…]`` or ``$…$`` styling. Two tools, for two kinds of text:

- :func:`plain` for text that is untrusted as a whole (a message, a sender, a file name, a
  heading): every ASCII punctuation character is backslash-escaped, which CommonMark defines to
  show the character itself, so nothing in it can form markup; and since escapes do not stop GFM
  from turning ``http://…``, ``www.…`` and e-mail addresses into links (checked in Chromium), an
  invisible word joiner goes inside each of those triggers.
- :func:`neutralize` for Markdown we compose or a model writes around quoted untrusted text (an
  answer, a draft, a report): its emphasis, lists and tables stay, but images become their alt
  text, links their label followed by the address as code, bare addresses code, and reference
  definitions and raw HTML tags visible text. Nothing on the page then loads or links anywhere.
"""

from __future__ import annotations

import re

from ..i18n import t

_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$@&=%\"'/,;?^])")
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\s*(?:\([^)\n]*\)|\[[^\]\n]*\])")
_LINK = re.compile(r"(?<!\\)\[([^\]\n]*)\]\s*\(\s*<?([^)\s>]*)>?(?:\s+[\"'][^\n]*?[\"'])?\s*\)")
_REFERENCE_LINK = re.compile(r"(?<!\\)\[([^\]\n]+)\]\[[^\]\n]*\]")
_DEFINITION = re.compile(r"^( {0,3})\[([^\]\n]+)\]:", re.M)
_AUTOLINK = re.compile(r"<((?:[a-z][a-z0-9+.-]{1,31}:|www\.)[^>\s]*|[^>\s@]+@[^>\s]+)>", re.I)
_BARE_URL = re.compile(r"(?<![`\w/])((?:https?|ftp|file|data|javascript)://[^\s`<>\]\)]+|www\.[^\s`<>\]\)]+)", re.I)
_BARE_MAIL = re.compile(r"(?<![`\w.+-])([\w.+-]+@[\w-]+(?:\.[\w-]+)+)")
_AUTOLINK_TRIGGER = re.compile(r"(?<=[A-Za-z])(?=://)|(?<=www)(?=\.)|(?=@[\w-]+\.)", re.I)
JOINER = "\u2060"  # invisible, and breaks the "http://", "www." and "x@y." that GFM links by itself
_TAG = re.compile(r"<(/?[a-z!?][^>\n]*)>", re.I)


def plain(text: object) -> str:
    """``text`` escaped so that Markdown shows exactly these characters and nothing else."""
    return _PUNCTUATION.sub(r"\\\1", break_autolinks(str(text)))


def break_autolinks(text: str) -> str:
    """``text`` whose addresses read the same but are not turned into links by GFM viewers."""
    return _AUTOLINK_TRIGGER.sub(JOINER, text)


def neutralize(markdown: str, language: str = "zh") -> str:
    """``markdown`` without anything that loads, links or injects markup (an image is named, in
    ``language``, by its description)."""
    text = _IMAGE.sub(lambda m: t("markup.image", language, alt=m.group(1).strip() or t("markup.no_alt", language)),
                      markdown)
    text = _LINK.sub(_link_as_text, text)
    text = _REFERENCE_LINK.sub(r"\1", text)
    text = _DEFINITION.sub(r"\1\\[\2\\]:", text)
    text = _AUTOLINK.sub(lambda m: _code(m.group(1)), text)
    text = _BARE_URL.sub(lambda m: _code(m.group(1)), text)
    text = _BARE_MAIL.sub(lambda m: _code(m.group(1)), text)
    return _TAG.sub(r"&lt;\1&gt;", text)


def _link_as_text(match: re.Match[str]) -> str:
    label, target = match.group(1).strip(), match.group(2).strip()
    return f"{label} {_code(target)}" if target and target != label else label


def _code(text: str) -> str:
    """``text`` as an inline code span (never a link), whatever backticks it holds."""
    fence = "``" if "`" in text else "`"
    return f"{fence} {text} {fence}" if fence == "``" else f"`{text}`"


_PLAIN_HEADING = re.compile(r"^ {0,3}#{1,6}\s+", re.M)
_PLAIN_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![A-Za-z0-9*\\])\*(?![\s*])([^*\n]+?)(?<!\s)\*(?![A-Za-z0-9*])")
_PLAIN_CODE = re.compile(r"`{1,2}\s?([^`]+?)\s?`{1,2}")
_PLAIN_RULE = re.compile(r"^ {0,3}(?:-{3,}|\*{3,}|_{3,})\s*$", re.M)
_PLAIN_QUOTE = re.compile(r"^ {0,3}>\s?", re.M)
_PLAIN_BREAK = re.compile(r" {2,}$|\\$", re.M)


def to_plain(markdown: str) -> str:
    """``markdown`` as the plain text a group chat shows: what the copy buttons copy (no ``**``,
    ``#`` or backticks; links as "label address"; images as their description; lists kept)."""
    text = _IMAGE.sub(lambda m: m.group(1).strip(), markdown)
    text = _LINK.sub(lambda m: f"{m.group(1).strip()} {m.group(2).strip()}".strip(), text)
    text = _PLAIN_RULE.sub("", text)
    text = _PLAIN_HEADING.sub("", text)
    text = _PLAIN_QUOTE.sub("", text)
    text = _PLAIN_EMPHASIS.sub(lambda m: m.group(2) or m.group(3), text)
    text = _PLAIN_CODE.sub(r"\1", text)
    text = _PLAIN_BREAK.sub("", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>~])", r"\1", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def keep_line_breaks(markdown: str) -> str:
    """``markdown`` whose single line breaks show as breaks (Markdown joins them into one line,
    which turns an announcement's lines into a paragraph)."""
    return re.sub(r"(?<=[^\n])\n(?=[^\n])", "  \n", markdown)
