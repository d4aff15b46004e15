"""Every text a person reads on a page rendered by Streamlit's AppTest: headings, captions,
markdown, alerts, widget labels and options, button labels, tab and expander labels, metric labels,
table column names and the cells of label-like columns.

The language tests walk the whole element tree with this instead of listing element kinds per page,
so a text added to any page is checked without touching the test.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from tests.support.history_file import read_only

_TEXT_ATTRIBUTES = ("label", "placeholder", "help")


def texts(node) -> Iterator[str]:
    """The texts under ``node`` (an AppTest block or element), depth first."""
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for attribute in _TEXT_ATTRIBUTES:
            value = getattr(node, attribute, None)
            if isinstance(value, str) and value:
                yield value
        for child in children.values():
            yield from texts(child)
        return
    yield from _element_texts(node)


def _element_texts(element) -> Iterator[str]:
    kind = getattr(element, "type", "")
    proto = getattr(element, "proto", None)
    for attribute in _TEXT_ATTRIBUTES:
        value = getattr(proto, attribute, None) if proto is not None else None
        if isinstance(value, str) and value:
            yield value
    if kind in ("arrow_data_frame", "table"):
        yield from _frame_texts(element.value)
        return
    for attribute in ("options",):
        for option in getattr(element, attribute, None) or []:
            yield str(option)
    if kind in ("markdown", "caption", "title", "header", "subheader", "alert", "exception", "error", "warning",
                "info", "success", "code", "text", "json", "latex", "toast"):
        value = getattr(element, "value", None)
        if isinstance(value, str):
            yield value
    if kind == "metric":
        yield str(element.label)
        if element.proto.delta:
            yield str(element.proto.delta)
    if kind == "button" or kind == "download_button":
        yield str(getattr(element, "label", "") or "")
    body = getattr(proto, "body", None) if proto is not None else None
    if kind not in ("markdown", "caption", "code") and isinstance(body, str) and body:
        yield body


def _frame_texts(frame) -> Iterator[str]:
    if isinstance(frame, pd.io.formats.style.Styler):
        frame = frame.data
    for column in frame.columns:
        yield str(column)
    for index in ([frame.index] if frame.index.dtype == object else []):
        yield from (str(value) for value in index)
    for column in frame.columns:
        if frame[column].dtype == object:
            yield from (str(value) for value in frame[column].dropna().unique())


def user_data(history_db: Path) -> list[str]:
    """Names a page shows as the user's own data: senders, groups, members, campaigns (longest first,
    so a name is removed before any shorter name inside it)."""
    with read_only(history_db) as con:
        names = [r[0] for r in con.execute(
            "SELECT DISTINCT sender_name FROM messages WHERE sender_name IS NOT NULL UNION "
            "SELECT DISTINCT name FROM groups UNION SELECT DISTINCT display_name FROM members "
            "WHERE display_name IS NOT NULL UNION SELECT DISTINCT campaign FROM member_events "
            "WHERE campaign IS NOT NULL").fetchall()]
    return sorted({n for n in names if n}, key=len, reverse=True)
