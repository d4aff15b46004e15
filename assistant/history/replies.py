"""Replies: a reply names its target by the platform's message id; the store turns that into the key.

Message keys are content hashes computed when rows are merged, so an importer cannot know the key of
the message a reply quotes. It writes ``pmid:<platform message id>`` instead (ChatLab's
``replyToMessageId``, QQChatExporter's reply element), and after every import the group's pending
references are pointed at the stored message with that id. A target that arrives in a later file
(an older export imported afterwards) is linked then.
"""

from __future__ import annotations

import duckdb

PREFIX = "pmid:"


def ref(platform_msg_id: object) -> str | None:
    """The placeholder an importer stores in ``reply_to`` for a platform message id."""
    text = str(platform_msg_id or "").strip()
    return PREFIX + text if text and text != "0" else None


def link(con: duckdb.DuckDBPyConnection, group_ids: list[int]) -> None:
    """Point the groups' ``pmid:`` replies at the keys of the messages they quote, where stored."""
    if not group_ids:
        return
    con.execute(
        f"""
        UPDATE messages m SET reply_to = t.msg_key
        FROM (SELECT group_id, platform_msg_id, min(msg_key) AS msg_key FROM messages
              WHERE group_id IN (SELECT unnest($1::INTEGER[])) AND platform_msg_id IS NOT NULL
              GROUP BY ALL) t
        WHERE m.group_id = t.group_id AND m.reply_to = '{PREFIX}' || t.platform_msg_id
        """,
        [group_ids],
    )
