"""What every command needs: the façade built from the current settings."""

from __future__ import annotations

from ..config import load_settings
from ..service import Assistant


def build_assistant() -> Assistant:
    return Assistant.from_settings(load_settings())
