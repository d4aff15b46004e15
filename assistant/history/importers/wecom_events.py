"""WeCom customer-group change callbacks (``Event=change_external_chat``), as saved XML or JSON.

``UpdateDetail`` says what changed: ``add_member`` with ``JoinScene`` (0 invited, including by link;
3 by QR code — other codes than groupchat/get uses) and ``del_member`` with ``QuitScene`` (0 left by
themselves, 1 removed by owner or admin); ``MemChangeList`` names who (docs/formats.md §3.2). Older
callbacks without the list only give a count, kept as an event of the group.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from ...i18n import t
from ..batch import Batch
from ..clock import from_epoch
from ..options import ImportOptions
from ..records import GroupEvent, MemberEvent
from ..source import Source
from .base import json_records

NAME = "wecom_events"
LABEL = "企业微信 · 客户群变更事件 change_external_chat"
PLATFORM = "wecom"
JOIN_SCENES = {"0": "invite", "3": "qr"}
QUIT_SCENES = {"0": "leave", "1": "removed"}
GROUP_CHANGES = {"change_name": "rename", "change_owner": "owner_change", "change_notice": "notice"}
_XML_BLOCK = re.compile(r"<xml>.*?</xml>", re.S)


def sniff(source: Source) -> bool:
    return "change_external_chat" in source.head


def read(source: Source, options: ImportOptions, batch: Batch) -> None:
    for number, event in enumerate(_events(source), start=1):
        if event.get("Event") != "change_external_chat":
            batch.skip(number, t("import.skip.not_event", batch.language, event=event.get("Event")))
            continue
        _event(batch, event, number)


def _events(source: Source) -> list[dict]:
    if source.text.lstrip().startswith("<"):
        return [_from_xml(block) for block in _XML_BLOCK.findall(source.text)]
    return json_records(source, "events")


def _from_xml(block: str) -> dict:
    root = ET.fromstring(block)
    event: dict = {child.tag: (child.text or "").strip() for child in root}
    event["MemChangeList"] = [item.text for item in root.iter("Item") if item.text]
    return event


def _event(batch: Batch, event: dict, number: int) -> None:
    chat_id, detail = event.get("ChatId"), event.get("UpdateDetail")
    grp = batch.group(chat_id, chat_id=chat_id, kind="客户群")
    at = from_epoch(event["CreateTime"])
    members = event.get("MemChangeList") or []
    if isinstance(members, str):
        members = json.loads(members)
    if detail in ("add_member", "del_member") and not members:
        batch.warn(t("import.warn.mem_change_list", batch.language))
        kind = "members_added" if detail == "add_member" else "members_removed"
        batch.group_events.append(GroupEvent(at, kind, detail=str(event.get("MemChangeCnt")), grp=grp))
    elif detail == "add_member":
        via = JOIN_SCENES.get(str(event.get("JoinScene")), "invite")
        batch.member_events += [
            MemberEvent(at, "join", m, None, None, None, via, None, "platform_event", grp) for m in members
        ]
    elif detail == "del_member":
        kind = QUIT_SCENES.get(str(event.get("QuitScene")), "leave")
        batch.member_events += [
            MemberEvent(at, kind, m, None, None, None, None, None, "platform_event", grp) for m in members
        ]
    else:
        batch.group_events.append(GroupEvent(at, GROUP_CHANGES.get(detail, "system"), detail=detail, grp=grp))
