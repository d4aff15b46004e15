"""The morning briefing: group digests, keyword and intent alerts, schedules and delivery.

Domain parts only (composing, rendering, matching, storing, sending); the use cases that front
ends call are in :mod:`assistant.app`.
"""
