"""The digest as a file: Markdown, one self-contained HTML page, or a PNG of that page.

Text from chat exports is escaped in both (``reports.exports.markdown.escape``, ``html.escape``),
so a message full of Markdown or tags shows as written. The PNG is the HTML page photographed by
headless Chromium when one is installed (``chromium`` or ``chromium-browser`` on the PATH); the
browser runs with networking off and the page has no script or remote resource. Without Chromium
the export says so and how to fix it: nothing is downloaded.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from html import escape as html_escape
from pathlib import Path

from ..errors import InputError
from ..reports.exports.markdown import escape
from .digest import Digest
from .layout import blocks, title
from .texts import tr

EXTENSIONS = (".md", ".html", ".png")
STYLE = """
body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;max-width:860px;margin:20px auto;
padding:0 14px;color:#222;line-height:1.6;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;border-bottom:2px solid #2f6fde;padding-bottom:3px;margin-top:26px}
h3{font-size:16px;margin:18px 0 4px;color:#2f6fde}ul{padding-left:20px;margin:4px 0}li{margin:2px 0}
.quote{color:#444;list-style:none;margin-left:-4px;border-left:3px solid #ccd8ee;padding-left:8px;font-size:14px}
.meta{color:#666;font-size:13px}.notice{background:#fff4e5;border-left:4px solid #f0a202;padding:6px 10px}
"""


def markdown(digest: Digest) -> str:
    lines = [f"# {escape(title(digest))}", ""]
    for block in blocks(digest):
        if block.title:
            lines += ["#" * block.level + " " + escape(block.title), ""]
        for line in block.lines:
            text = escape(line.text)
            lines.append(f"    - {text}" if line.sub else f"- {text}" if block.title else f"> {text}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def html(digest: Digest) -> str:
    parts = []
    for block in blocks(digest):
        if not block.title:
            parts += [f'<p class="notice">{html_escape(line.text)}</p>' for line in block.lines]
            continue
        parts.append(f"<h{block.level}>{html_escape(block.title)}</h{block.level}>")
        if block.lines:
            items = "".join(f'<li class="{"quote" if line.sub else "line"}">{html_escape(line.text)}</li>'
                            for line in block.lines)
            parts.append(f"<ul>{items}</ul>")
    mode = digest.narrative.mode if digest.narrative else "offline"
    lang = digest.language
    meta = tr("digest.generated", lang, at=digest.last_day, mode=tr("digest.offline", lang) if mode == "offline" else mode)
    name = html_escape(title(digest))
    return (f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{name}</title>'
            f"<style>{STYLE}</style></head><body><h1>{name}</h1><p class=\"meta\">{html_escape(meta)}</p>"
            f"{''.join(parts)}</body></html>\n")


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def png(digest: Digest, width: int = 900, browser: str | None = None) -> bytes:
    """A screenshot of the HTML page by headless Chromium; :class:`InputError` when there is none."""
    browser = browser or chromium()
    if browser is None:
        raise InputError(tr("digest.png_unavailable", digest.language))
    with tempfile.TemporaryDirectory(prefix="digest-png-") as folder:
        page, shot = Path(folder) / "digest.html", Path(folder) / "digest.png"
        page.write_text(html(digest), encoding="utf-8")
        height = 400 + 26 * sum(len(b.lines) + 2 for b in blocks(digest))
        command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                   "--hide-scrollbars", "--no-first-run", "--disable-background-networking",
                   "--disable-component-update", "--disable-sync", f"--user-data-dir={folder}/profile",
                   "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                   f"--window-size={width},{min(height, 16000)}", f"--screenshot={shot}", page.as_uri()]
        try:
            subprocess.run(command, capture_output=True, timeout=90, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise InputError(f"{tr('digest.png_unavailable', digest.language)} ({exc})") from exc
        if not shot.exists():
            raise InputError(tr("digest.png_unavailable", digest.language))
        return shot.read_bytes()


def render(digest: Digest, extension: str) -> bytes:
    """``digest`` in the format of ``extension`` (``.md``, ``.html`` or ``.png``)."""
    extension = ".html" if extension.lower() == ".htm" else extension.lower()
    if extension == ".md":
        return markdown(digest).encode("utf-8")
    if extension == ".html":
        return html(digest).encode("utf-8")
    if extension == ".png":
        return png(digest)
    raise InputError(tr("digest.error.extension", digest.language, extension=extension))
