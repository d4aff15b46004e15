"""A real Chroma server on 127.0.0.1 for the tests of ``ASSISTANT_CHROMA_URL``.

It is the ``chroma run`` command of the installed chromadb package (the same server a deployment
runs), started on a free loopback port with its data in a temporary folder, waited for until its
heartbeat answers, and stopped when the test ends. Its own telemetry is switched off through the
environment, so it never reaches beyond this machine either.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

from tests.support.readiness import wait_until_answering

STARTUP_SECONDS = 30


class ChromaServer:
    """``start()`` it; ``url`` is then ``http://127.0.0.1:<port>``; ``stop()`` ends the process."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._log = data_dir.parent / f"chroma-{self.port}.log"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> ChromaServer:
        command = [_chroma_command(), "run", "--path", str(self.data_dir), "--port", str(self.port), "--host", "127.0.0.1"]
        environment = {**os.environ, "ANONYMIZED_TELEMETRY": "False", "CHROMA_TELEMETRY": "False"}
        with self._log.open("wb") as log:
            self._process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=environment)
        self._wait_for_heartbeat()
        return self

    def stop(self) -> None:
        if self._process is None:
            return
        self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process = None

    def _wait_for_heartbeat(self) -> None:
        assert self._process is not None
        problem = wait_until_answering(f"{self.url}/api/v2/heartbeat", self._process, STARTUP_SECONDS, 0.1)
        if problem:
            self.stop()
            raise RuntimeError(f"chroma run {problem}: {self._tail()}")

    def _tail(self) -> str:
        return self._log.read_text(encoding="utf-8", errors="replace")[-2000:] if self._log.exists() else ""


def _chroma_command() -> str:
    """The ``chroma`` script installed beside this interpreter (the venv's), else on PATH."""
    beside = Path(sys.executable).with_name("chroma")
    found = str(beside) if beside.exists() else shutil.which("chroma")
    if not found:
        raise RuntimeError("the chroma command is missing: install the chromadb package")
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
