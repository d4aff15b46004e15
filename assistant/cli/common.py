"""What every command needs: the façade built from the current settings, and the audit log."""

from __future__ import annotations

from ..audit import AuditLog, cli_actor
from ..config import load_settings
from ..service import Assistant


def build_assistant() -> Assistant:
    return Assistant.from_settings(load_settings())


def audit(action: str, detail: dict | None = None) -> None:
    """Record a command's action in the workspace's audit log as ``cli:<os user>``."""
    AuditLog(load_settings().data_dir).record(cli_actor(), action, detail)
