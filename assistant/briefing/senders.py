"""Sending one message over one channel, speaking each platform's own protocol.

- 企业微信群机器人: ``{"msgtype": "markdown", "markdown": {"content": …}}`` to the robot's webhook,
  4,096 bytes a message; the HTML file is attached by ``upload_media`` (type ``file``) and sent as
  a ``file`` message. Success is ``errcode`` 0.
- 飞书自定义机器人: an ``interactive`` card with one markdown element; with a secret, ``timestamp``
  (seconds) and ``sign`` = Base64(HMAC-SHA256(key = "timestamp\\nsecret", message = "")). Success
  is ``code`` 0 (older deployments answer ``StatusCode`` 0). Custom bots cannot send files.
- 钉钉自定义机器人: ``{"msgtype": "markdown", "markdown": {"title", "text"}}``; with a secret,
  ``timestamp`` (milliseconds) and ``sign`` = URL-encoded Base64(HMAC-SHA256(key = secret,
  message = "timestamp\\nsecret")) in the query. Success is ``errcode`` 0. No files either.
- E-mail over SMTP (STARTTLS, implicit TLS or plain, login when a user is set), HTML with a
  plain-text alternative and the digest attached.
- A folder (Markdown and HTML files) and the app's inbox are local.

Transient failures (connection errors, HTTP 429 and 5xx, the platforms' rate-limit codes) are
retried with exponential backoff; anything else fails at once with the platform's own message.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import smtplib
import ssl
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import parse_qsl, quote_plus, urlencode, urlparse, urlunparse
from urllib.request import Request, urlopen

from ..errors import DeliveryError
from ..i18n import t
from .channel import DINGTALK, EMAIL, FEISHU, FOLDER, LIMITS, WECOM, Channel, public_url, split

RATE_LIMITED = {45009, 130101, 11232, 9499}  # WeCom, DingTalk, Feishu "too many requests"
TIMEOUT = 15


@dataclass(frozen=True)
class Outgoing:
    """One thing to deliver: a subject, IM Markdown, an HTML page and plain text, maybe a file."""

    subject: str
    markdown: str
    html: str
    text: str
    attachment: tuple[str, bytes, str] | None = None  # (file name, data, MIME type)


@dataclass(frozen=True)
class Retry:
    attempts: int = 3
    backoff: float = 1.0  # seconds before the second attempt, doubled after each


class Refused(Exception):
    """A failure another attempt would not mend: a catalogue key and its values, worded by :func:`send`
    in the workspace language."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key, self.values = key, values

    def text(self, language: str) -> str:
        return t(self.key, language, **self.values)


class Transient(Refused):
    """A failure worth another attempt."""


def send(channel: Channel, message: Outgoing, retry: Retry, sleep: Callable[[float], None] = time.sleep,
         language: str = "zh") -> tuple[int, int]:
    """Deliver ``message``; returns ``(parts sent, attempts made)``. Raises :class:`DeliveryError` in ``language``."""
    sender = {WECOM: _wecom, FEISHU: _feishu, DINGTALK: _dingtalk, EMAIL: _email, FOLDER: _folder}[channel.kind]
    attempts = 0
    for attempt in range(1, retry.attempts + 1):
        attempts = attempt
        try:
            return sender(channel, message), attempts
        except Transient as exc:
            if attempt == retry.attempts:
                raise DeliveryError(t("delivery.failed", language, name=channel.name, attempts=attempts,
                                      reason=exc.text(language))) from exc
            sleep(retry.backoff * 2 ** (attempt - 1))
        except Refused as exc:
            raise DeliveryError(exc.text(language)) from exc
    raise AssertionError("unreachable")


def _parts(channel: Channel, message: Outgoing) -> list[str]:
    limit = LIMITS[channel.kind] - 16  # room for the "(1/3)" header
    parts = split(message.markdown, limit)
    if len(parts) == 1:
        return parts
    return [f"({n}/{len(parts)})\n{part}" for n, part in enumerate(parts, start=1)]


def _wecom(channel: Channel, message: Outgoing) -> int:
    url = channel.config["url"]
    parts = _parts(channel, message)
    for part in parts:
        _check(_post_json(url, {"msgtype": "markdown", "markdown": {"content": part}}), "errcode", channel)
    if message.attachment and channel.config.get("attach", True):
        media = _wecom_upload(url, *message.attachment, channel=channel)
        _check(_post_json(url, {"msgtype": "file", "file": {"media_id": media}}), "errcode", channel)
        return len(parts) + 1
    return len(parts)


def _wecom_upload(url: str, name: str, data: bytes, mime: str, channel: Channel) -> str:
    parts = urlparse(url)
    query = dict(parse_qsl(parts.query)) | {"type": "file"}
    upload = urlunparse(parts._replace(path=parts.path.rsplit("/", 1)[0] + "/upload_media", query=urlencode(query)))
    boundary = uuid.uuid4().hex
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="media"; filename="{quote_plus(name)}"; '
            f'filelength={len(data)}\r\nContent-Type: {mime}\r\n\r\n').encode() + data + f"\r\n--{boundary}--\r\n".encode()
    reply = _post(upload, body, f"multipart/form-data; boundary={boundary}")
    _check(reply, "errcode", channel)
    return str(reply["media_id"])


def _feishu(channel: Channel, message: Outgoing) -> int:
    parts = _parts(channel, message)
    for part in parts:
        payload: dict = {"msg_type": "interactive", "card": {
            "header": {"title": {"tag": "plain_text", "content": message.subject}},
            "elements": [{"tag": "markdown", "content": part}]}}
        secret = channel.config.get("secret")
        if secret:
            stamp = str(int(time.time()))
            key = f"{stamp}\n{secret}".encode()
            payload |= {"timestamp": stamp, "sign": base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()}
        reply = _post_json(channel.config["url"], payload)
        _check(reply, "code" if "code" in reply else "StatusCode", channel)
    return len(parts)


def _dingtalk(channel: Channel, message: Outgoing) -> int:
    parts = _parts(channel, message)
    for part in parts:
        url = channel.config["url"]
        secret = channel.config.get("secret")
        if secret:
            stamp = str(int(time.time() * 1000))
            digest = hmac.new(secret.encode(), f"{stamp}\n{secret}".encode(), hashlib.sha256).digest()
            url += ("&" if "?" in url else "?") + f"timestamp={stamp}&sign={quote_plus(base64.b64encode(digest))}"
        payload = {"msgtype": "markdown", "markdown": {"title": message.subject, "text": part}}
        _check(_post_json(url, payload), "errcode", channel)
    return len(parts)


def _post_json(url: str, payload: dict) -> dict:
    return _post(url, json.dumps(payload, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")


def _post(url: str, body: bytes, content_type: str) -> dict:
    request = Request(url, data=body, method="POST", headers={"Content-Type": content_type})
    try:
        with urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 - the user's configured webhook
            raw = response.read()
    except HTTPError as exc:
        if exc.code == 429 or exc.code >= 500:
            raise Transient("delivery.http", code=exc.code) from exc
        raise Refused("delivery.http_refused", url=public_url(url), code=exc.code) from exc
    except (URLError, TimeoutError, ConnectionError) as exc:
        raise Transient("delivery.unreachable", url=public_url(url), reason=getattr(exc, "reason", exc)) from exc
    try:
        reply = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Transient("delivery.not_json", url=public_url(url)) from exc
    if not isinstance(reply, dict):
        raise Transient("delivery.unreadable", url=public_url(url))
    return reply


def _check(reply: dict, field: str, channel: Channel) -> None:
    code = reply.get(field, 0)
    if code in (0, "0", None):
        return
    text = reply.get("errmsg") or reply.get("msg") or reply.get("StatusMessage") or ""
    if int(code) in RATE_LIMITED:
        raise Transient("delivery.rate_limited", code=code, text=text)
    raise Refused("delivery.platform_error", name=channel.name, code=code, text=text)


def _email(channel: Channel, message: Outgoing) -> int:
    c = channel.config
    mail = EmailMessage()
    mail["Subject"], mail["From"] = message.subject, c["sender"]
    recipients = c["to"] if isinstance(c["to"], list) else [a.strip() for a in str(c["to"]).split(",") if a.strip()]
    mail["To"] = ", ".join(recipients)
    mail.set_content(message.text)
    mail.add_alternative(message.html, subtype="html")
    if message.attachment:
        name, data, mime = message.attachment
        main, _, sub = mime.partition("/")
        mail.add_attachment(data, maintype=main, subtype=sub, filename=name)
    tls, port = c.get("tls", "starttls"), int(c.get("port") or (465 if c.get("tls") == "ssl" else 587))
    try:
        smtp_class = smtplib.SMTP_SSL if tls == "ssl" else smtplib.SMTP
        kwargs = {"context": ssl.create_default_context()} if tls == "ssl" else {}
        with smtp_class(c["host"], port, timeout=TIMEOUT, **kwargs) as server:
            if tls == "starttls":
                server.starttls(context=ssl.create_default_context())
            if c.get("user"):
                server.login(c["user"], c.get("password", ""))
            server.send_message(mail, to_addrs=recipients)
    except smtplib.SMTPAuthenticationError as exc:
        raise Refused("delivery.smtp_login", name=channel.name, code=exc.smtp_code) from exc
    except smtplib.SMTPNotSupportedError as exc:
        raise Refused("delivery.smtp_tls", name=channel.name) from exc
    except (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError) as exc:
        raise Transient("delivery.smtp_unreachable", host=c["host"], port=port, reason=exc) from exc
    except smtplib.SMTPException as exc:  # refused sender or recipients: another attempt would not help
        raise Refused("delivery.smtp_refused", name=channel.name, reason=exc) from exc
    except OSError as exc:  # connection refused, timeout, TLS handshake
        raise Transient("delivery.smtp_unreachable", host=c["host"], port=port, reason=exc) from exc
    return 1


def _folder(channel: Channel, message: Outgoing) -> int:
    folder = Path(channel.config["path"]).expanduser()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        stem = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in message.subject)[:80]
        (folder / f"{stem}.md").write_text(message.text, encoding="utf-8")
        (folder / f"{stem}.html").write_text(message.html, encoding="utf-8")
    except OSError as exc:
        raise Refused("delivery.folder", folder=folder, reason=exc.strerror) from exc
    return 1
