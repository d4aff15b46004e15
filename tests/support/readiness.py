"""Waiting for a server the tests started (Streamlit, ``chroma run``) to answer on loopback."""

from __future__ import annotations

import subprocess
import time
import urllib.request


def wait_until_answering(url: str, process: subprocess.Popen, seconds: float, pause: float) -> str | None:
    """Poll ``url`` until it answers 200; ``None`` when it did, else why not (exited, or timed out)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return f"exited with {process.returncode}"
        try:
            with urllib.request.urlopen(url, timeout=2) as reply:
                if reply.status == 200:
                    return None
        except OSError:
            time.sleep(pause)
    return f"did not answer within {seconds:.0f} s"
