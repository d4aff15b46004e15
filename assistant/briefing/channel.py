"""Delivery channels: where a digest or an alert goes, to whom, and what a message looks like there.

A channel has a kind (the app's inbox, a folder, a 企业微信 / 飞书 / 钉钉 group robot, e-mail) and an
explicit audience: ``admin`` (a private chat or mailbox of the operator) or ``group`` (a chat the
members read). The audience is never guessed: a group-audience channel accepts only one group's
digest, and personal data in what it sends is always masked, whatever the policy.

Messages are Markdown with our own structure (headings, lists) around text that came from chat
exports; that text is made inert for IM Markdown (no link, image, @-mention or HTML can form) by
:func:`inert`. Long content is split at line ends within each platform's size limit, measured
in UTF-8 bytes as the platforms count them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlparse, urlunparse

from ..errors import InputError
from ..i18n import t

INBOX, FOLDER, WECOM, FEISHU, DINGTALK, EMAIL = "inbox", "folder", "wecom", "feishu", "dingtalk", "email"
KINDS = {
    INBOX: {"zh": "应用内收件箱", "en": "app inbox"},
    FOLDER: {"zh": "文件夹", "en": "folder"},
    WECOM: {"zh": "企业微信群机器人", "en": "WeCom group robot"},
    FEISHU: {"zh": "飞书机器人", "en": "Feishu bot"},
    DINGTALK: {"zh": "钉钉机器人", "en": "DingTalk robot"},
    EMAIL: {"zh": "电子邮件", "en": "e-mail"},
}
ADMIN, GROUP = "admin", "group"
AUDIENCES = {ADMIN: {"zh": "私下发给管理员", "en": "privately to the admin"},
             GROUP: {"zh": "发到群里", "en": "to the group"}}
# Bytes of Markdown per message: WeCom documents 4,096 for markdown content; Feishu 20 KB for the
# whole request body (we keep room for the JSON around it); DingTalk is kept as small as WeCom.
LIMITS = {WECOM: 4_096, FEISHU: 18_000, DINGTALK: 4_000}
SECRET_FIELDS = ("secret", "password")
_REQUIRED = {FOLDER: ("path",), WECOM: ("url",), FEISHU: ("url",), DINGTALK: ("url",),
             EMAIL: ("host", "sender", "to")}
_INERT = str.maketrans({"<": "＜", ">": "＞", "[": "［", "]": "］", "(": "（", ")": "）", "*": "＊", "_": "＿",
                        "`": "｀", "#": "＃", "@": "＠", "!": "！", "|": "｜", "~": "～", "\\": "＼"})
_ADDRESS = re.compile(r"(?i)(?:https?|ftp):?//[^\s）]+|www\.[^\s）]+")


@dataclass(frozen=True)
class Channel:
    name: str
    kind: str
    audience: str
    config: dict = field(default_factory=dict)

    def checked(self, language: str = "zh") -> Channel:
        """The channel, or an :class:`InputError` in ``language`` saying which setting to fix."""
        names = t("tool.names", language)
        if self.kind not in KINDS:
            raise InputError(t("channel.error.kind", language, kinds=names.join(KINDS), kind=self.kind))
        if self.audience not in AUDIENCES:
            raise InputError(t("channel.error.audience", language))
        if not self.name.strip():
            raise InputError(t("channel.error.name", language))
        missing = [f for f in _REQUIRED.get(self.kind, ()) if not self.config.get(f)]
        if missing:
            raise InputError(t("channel.error.missing", language, kind=KINDS[self.kind][language], fields=names.join(missing)))
        url = self.config.get("url")
        if url and urlparse(url).scheme not in ("http", "https"):
            raise InputError(t("channel.error.url", language, url=public_url(url)))
        if self.kind == EMAIL and self.config.get("tls", "starttls") not in ("starttls", "ssl", "none"):
            raise InputError(t("channel.error.tls", language))
        return self

    def public(self, language: str = "zh") -> dict:
        """The channel as it may be shown or printed: secrets and webhook keys never appear."""
        shown = {}
        for key, value in self.config.items():
            if key in SECRET_FIELDS:
                shown[key] = t("channel.secret_set", language) if value else ""
            elif key == "url":
                shown[key] = public_url(value)
            else:
                shown[key] = value
        return {"name": self.name, "kind": self.kind, "audience": self.audience, "config": shown}

    def to_row(self) -> tuple[str, str, str, str]:
        return self.name, self.kind, self.audience, json.dumps(self.config, ensure_ascii=False)


def folder_refusal(path: str, roots: Sequence[Path]) -> str | None:
    """Why a folder channel may not write to ``path`` (an error key), or ``None`` when it may.

    The app's settings page lets an admin name the folder, so a stolen admin session must not be
    able to write into ``~/.ssh`` or ``/etc``: the folder, symlinks followed, lies inside one of
    ``roots`` and no part of it below the root is hidden (``.config``, ``.ssh`` …)."""
    folder = Path(path).expanduser().resolve()
    for root in (Path(r).expanduser().resolve() for r in roots):
        if folder == root or root in folder.parents:
            hidden = any(part.startswith(".") for part in folder.relative_to(root).parts)
            return "delivery.folder_hidden" if hidden else None
    return "delivery.folder_outside"


def public_url(url: str) -> str:
    """A webhook address with the token in it shortened to its last four characters."""
    parts = urlparse(url)
    query = "&".join(f"{k}={_hide(v)}" for k, v in parse_qsl(parts.query))
    path = re.sub(r"(/hook/)([^/]+)$", lambda m: m.group(1) + _hide(m.group(2)), parts.path)
    return urlunparse(parts._replace(path=path, query=query))


def _hide(value: str) -> str:
    return "…" + value[-4:] if len(value) > 4 else "****"


def inert(text: str) -> str:
    """Chat text made inert for IM Markdown: it reads the same but forms no link, image, mention
    or tag (full-width look-alikes for the characters that build them)."""
    flat = " ".join(str(text).split()).translate(_INERT)
    return _ADDRESS.sub(lambda m: m.group(0).replace(":", "：").replace(".", "．"), flat)


def split(markdown: str, limit: int) -> list[str]:
    """``markdown`` cut at line ends into parts of at most ``limit`` UTF-8 bytes (a single longer
    line is cut at a character boundary)."""
    parts, current = [], ""
    for line in markdown.splitlines():
        candidate = f"{current}\n{line}" if current else line
        if len(candidate.encode("utf-8")) <= limit:
            current = candidate
            continue
        if current:
            parts.append(current)
        while len(line.encode("utf-8")) > limit:
            cut = _cut(line, limit)
            parts.append(line[:cut])
            line = line[cut:]
        current = line
    if current.strip():
        parts.append(current)
    return parts


def _cut(line: str, limit: int) -> int:
    size = 0
    for index, char in enumerate(line):
        size += len(char.encode("utf-8"))
        if size > limit:
            return max(index, 1)
    return len(line)
