"""WeChat via PyWxDump: ``users.json`` next to the CSV parts, the senders' names by wxid.

It covers senders who appear in the export, not every member (docs/formats.md §1.3), and belongs to
no group: it goes to the platform-wide contact directory that identity matching consults.
"""

from __future__ import annotations

from ...i18n import t
from ..batch import Batch
from ..options import ImportOptions
from ..records import Contact
from ..source import Source
from .base import clean, load_json

NAME = "pywxdump_users"
LABEL = "微信 · PyWxDump users.json（联系人昵称）"
PLATFORM = "wechat"


def sniff(source: Source) -> bool:
    head = source.head.lstrip()
    return head.startswith("{") and '"wxid"' in head and '"nickname"' in head and '"headImgUrl"' in head


def read(source: Source, options: ImportOptions, batch: Batch) -> None:
    for key, user in load_json(source).items():
        if not isinstance(user, dict):
            batch.skip(key, t("import.skip.not_contact", batch.language))
            continue
        wxid = user.get("wxid") or key
        batch.contacts.append(
            Contact(wxid, clean(user.get("nickname")), clean(user.get("remark")), clean(user.get("account")))
        )
