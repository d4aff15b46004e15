"""The machine a benchmark ran on, in one paragraph: figures mean nothing without it.

CPU model and the cores this process may use (a container often gets fewer than the host has),
memory, OS, Python and the versions of the engines being measured, the commit, and the load
average when the run began (another job on a 2-core machine halves every figure).
"""

from __future__ import annotations

import os
import platform
import subprocess
from datetime import datetime
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENGINES = ("duckdb", "chromadb", "streamlit", "jieba", "numpy", "langchain-openai")


def describe() -> dict[str, str]:
    load = os.getloadavg()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "CPU": f"{_cpu_model()}, {usable} usable cores ({os.cpu_count()} logical)",
        "Memory": f"{_memory_gb():.1f} GB",
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "Engines": ", ".join(f"{name} {_version(name)}" for name in ENGINES),
        "Commit": _commit(),
        "Load average at start": f"{load[0]:.2f} (1 min), {load[1]:.2f} (5 min)",
        "Date": datetime.now().astimezone().isoformat(timespec="minutes"),
    }


def _cpu_model() -> str:
    for line in _read("/proc/cpuinfo").splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def _memory_gb() -> float:
    for line in _read("/proc/meminfo").splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 1024 / 1024
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def _commit() -> str:
    def git(*args: str) -> str:
        run = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
        return run.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return f"{commit} (with uncommitted changes)" if git("status", "--porcelain", "--untracked-files=no") else commit


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
