"""The application layer: one use-case module per area, over small protocols, returning plain data.

Front ends (``app_pages/``, ``assistant/cli/``, the scheduler worker) call these and nothing deeper.
So far: digests, alerts, schedules and delivery (the morning briefing); the other areas move here
with issue 17.
"""


from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import public

if TYPE_CHECKING:
    from .alerts import Alert, Alerts, CheckReport
    from .answers import Answers
    from .delivery import Delivered, Delivery, InboxItem
    from .digests import Digests
    from .root import Briefing
    from .schedules import Run, Schedules, parse_now

# each use case is imported when first named: the alert check after an import loads no delivery or LLM code
__getattr__, __all__ = public(__name__, {
    "Alert": ".alerts", "Alerts": ".alerts", "CheckReport": ".alerts",
    "Delivered": ".delivery", "Delivery": ".delivery", "InboxItem": ".delivery",
    "Digests": ".digests", "Briefing": ".root", "Answers": ".answers", "Run": ".schedules", "Schedules": ".schedules", "parse_now": ".schedules",
})
