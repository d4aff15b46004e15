"""The application layer: one use-case module per area, over small protocols, returning plain data.

Front ends (``app_pages/``, ``assistant/cli/``, the scheduler worker) import from here, from
``assistant`` (the façade, settings, errors) and from ``assistant.i18n``, and nothing deeper (a test
in ``tests/test_architecture.py`` checks). Use cases: chat answers, the groups' numbers
(``analytics``), imports (``history``), the knowledge base, history search (``conversations``),
saved chats, digests, alerts, schedules and delivery. Besides them this module re-exports,
httpx-style, the plain data types, constants and page helpers the front ends name (a draft request,
a report's export formats, the history's default time zone, the Markdown escapes, the chart
modules…), each under one unambiguous name; the modules behind them stay free to move.
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
    "Digests": ".digests", "Briefing": ".root", "Answers": ".answers",
    **{name: f"..{where}" for name, where in {
        # the front ends' vocabulary: name -> module[:name there]
        "Accounts": "accounts", "ROLES": "accounts", "AuditLog": "audit", "cli_actor": "audit",
        "ChurnReport": "analytics.churn", "MetricsReport": "analytics.metrics", "RATES": "analytics.metrics",
        "segment_summary": "analytics.segments:summary", "segments_csv": "analytics.segments:to_csv",
        "AdminList": "analytics.admins",
        "admins_text": "analytics.admins",
        "chat_text": "chats.texts",
        "Channel": "briefing.channel", "AUDIENCES": "briefing.channel", "CHANNEL_KINDS": "briefing.channel:KINDS",
        "RuleDraft": "briefing.rules", "INTENTS": "briefing.rules", "RULE_KINDS": "briefing.rules:KINDS",
        "SCHEDULE_JOBS": "briefing.timetable:JOBS", "plain_text": "briefing.layout",
        "digest_message": "briefing.outgoing", "Outgoing": "briefing.senders",
        "Conversations": "conversations", "Topic": "conversations.topics",
        "COMPLAINTS": "conversations.topics", "QUESTIONS": "conversations.topics",
        "DRAFT_JOBS": "jobs.draft_specs:JOBS", "DraftRequest": "jobs.draft", "read_input": "jobs.draft",
        "History": "history", "ImportReport": "history", "GroupStats": "history",
        "parse_time": "history.clock", "zone": "history.clock",
        "DEFAULT_SEED": "history.demo", "DEFAULT_TZ": "history.options", "via_text": "history.stats",
        "COLLECTIONS": "retrieval.passage", "AddResult": "retrieval", "Passage": "retrieval",
        "FillProgress": "retrieval.filler", "VectorFiller": "retrieval.filler",
        "evaluate": "retrieval.evaluation", "read_cases": "retrieval.evaluation",
        "REPORT_FORMATS": "reports.exports:FORMATS", "export_report": "reports.exports:export",
        "format_for": "reports.exports",
        "export_workspace": "workspace:export", "restore_workspace": "workspace:restore",
        # the pages' vocabulary: sign-in, rule and channel kinds, what a page shows and offers to download
        "ADMIN_ROLE": "accounts:ADMIN", "serves_only_this_machine": "accounts",
        "INTENT_RULE": "briefing.rules:INTENT", "KEYWORD_RULE": "briefing.rules:KEYWORD",
        "REGEX_RULE": "briefing.rules:REGEX", "RULE_KIND_LABELS": "briefing.rules:KIND_LABELS",
        "EMAIL_CHANNEL": "briefing.channel:EMAIL", "FOLDER_CHANNEL": "briefing.channel:FOLDER",
        "INBOX_CHANNEL": "briefing.channel:INBOX", "DAILY_DIGEST": "briefing.timetable",
        "WEEKDAY_LABELS": "briefing.timetable", "chromium": "briefing.exports",
        "digest_blocks": "briefing.layout:blocks", "digest_title": "briefing.layout:title",
        "ChatConversation": "chats:Conversation", "ChatTurn": "chats:Turn", "highlight_problems": "jobs.compliance:highlight",
        "CONTEXT_SPAN": "conversations.context:SPAN", "Upload": "history.uploads",
        "MessageRef": "conversations.reference",
        "BUNDLED": "retrieval", "USER": "retrieval",
        "Period": "analytics.periods", "day_period": "analytics.periods:day", "parse_range": "analytics.periods",
        "parse_week": "analytics.periods", "WeeklyReport": "reports", "report_sections": "reports.layout:sections",
        "report_markdown": "reports.exports.markdown:render", "ReportTable": "reports.model:Table",
        "in_language": "reports.model",
        "charts": "reports.charts:", "dashboard": "reports.dashboard:",
        # untrusted text on a Markdown page (assistant.safety.markup says which to use where)
        "escape_markdown": "reports.exports.markdown:escape", "neutralize": "safety.markup",
        "keep_line_breaks": "safety.markup", "plain_markdown": "safety.markup:plain",
        "markdown_to_text": "safety.markup:to_plain",
    }.items()}, "Run": ".schedules", "Numbers": ".analytics", "Imports": ".history", "Knowledge": ".knowledge",
    "Threads": ".conversations", "Schedules": ".schedules", "parse_now": ".schedules",
    "ALERT_STATUSES": ".alerts:STATUSES",
})
