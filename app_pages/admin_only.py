"""What an operator finds at the settings page's address: a refusal (the real page is not registered)."""

from __future__ import annotations

from app_pages import access, state

access.require_admin(state.settings().language)
