"""The application layer: one use-case module per area, over small protocols, returning plain data.

Front ends (``app_pages/``, ``assistant/cli/``, the scheduler worker) call these and nothing deeper.
So far: digests, alerts, schedules and delivery (the morning briefing); the other areas move here
with issue 17.
"""

from .alerts import Alert, Alerts, CheckReport
from .delivery import Delivered, Delivery, InboxItem
from .digests import Digests
from .root import Briefing
from .schedules import Run, Schedules, parse_now

__all__ = ["Alert", "Alerts", "Briefing", "CheckReport", "Delivered", "Delivery", "Digests", "InboxItem", "Run",
           "Schedules", "parse_now"]
