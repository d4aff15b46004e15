"""Today's exports, end to end: each is sniffed by content, imports exactly as many messages as an
independent count of the file finds, imports nothing the second time, and a cut-off copy is refused
with the store unchanged.

The independent counts read the fixture's own structure (JSON fields, header lines, CSV rows) and
never call the importers. Red packets and 接龙 posts are group events by design (see merge.py), and
system notices become member or group events, so both are left out of the message count.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.history.exports import FIXTURES, qce_chunked_zip, weflow_xlsx, whatsapp_zip

WEFLOW = FIXTURES / "weflow"
QCE = FIXTURES / "qce"
NOTICE_WORDS = ("加入了群聊", "加入群聊", "移出了群聊", "撤回了一条消息", "拍了拍", "戳了戳", "邀请你加入", "退出了群聊")
EVENTS_NOT_MESSAGES = ("恭喜发财，大吉大利", "[接龙]", "[红包]")


def _chatlab_count(messages: list[dict], group: str) -> int:
    def counted(m: dict) -> bool:
        notice = m["type"] in (22, 80, 81) or m["sender"] in (group, "SYSTEM")
        return not notice and m["type"] != 20 and not str(m["content"]).startswith(EVENTS_NOT_MESSAGES)

    return sum(map(counted, messages))


def count_chatlab_json(path: Path) -> int:
    doc = json.loads(path.read_text(encoding="utf-8"))
    return _chatlab_count(doc["messages"], doc["meta"]["groupId"])


def count_chatlab_jsonl(path: Path) -> int:
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    return _chatlab_count([i for i in items if i["_type"] == "message"], items[0]["meta"]["groupId"])


def count_weflow_txt(path: Path) -> int:
    blocks = re.split(r"(?m)^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d '.*'\n", path.read_text(encoding="utf-8"))[1:]
    return sum(1 for b in blocks if not any(w in b for w in NOTICE_WORDS) and not b.startswith(EVENTS_NOT_MESSAGES))


def count_weflow_xlsx(path: Path) -> int:
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    start = next(n for n, row in enumerate(rows) if row and row[0] == "序号")
    kind, content = rows[start].index("消息类型"), rows[start].index("内容")
    return sum(1 for row in rows[start + 1 :] if row[kind] != "系统消息" and not str(row[content]).startswith(EVENTS_NOT_MESSAGES))


def _qce_count(messages: list[dict]) -> int:
    def counted(m: dict) -> bool:
        return m["type"] != "system" and not any(e["type"] == "wallet" for e in m["content"]["elements"])

    return sum(map(counted, messages))


def count_qce_json(path: Path) -> int:
    return _qce_count(json.loads(path.read_text(encoding="utf-8"))["messages"])


def count_qce_chunked(path: Path) -> int:
    chunks = sorted((path / "chunks").glob("*.jsonl"))
    return _qce_count([json.loads(line) for c in chunks for line in c.read_text(encoding="utf-8").splitlines() if line])


def count_liuhen_csv(path: Path) -> int:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return sum(1 for row in csv.DictReader(handle) if row["类型"] not in ("系统消息", "拍一拍", "红包"))


def count_whatsapp(path: Path) -> int:
    lines = (FIXTURES / "whatsapp" / "_chat.txt").read_text(encoding="utf-8").splitlines()
    authors = [m[1] for line in lines if (m := re.match(r"^\u200e?\[[^\]]+\] ([^:]+): (.*)$", line))]
    group = "Maple Street Moms"  # iOS writes notices as the group's own messages
    return sum(1 for a in authors if a != group)


CASES: list[tuple[str, str, Callable[[Path], Path], Callable[[Path], int]]] = [
    ("weflow_chatlab_json", "chatlab_json", lambda tmp: WEFLOW / "群聊_幸福里团购3群.json", count_chatlab_json),
    ("weflow_chatlab_jsonl", "chatlab_jsonl", lambda tmp: WEFLOW / "群聊_幸福里团购3群_20260601-20260602.jsonl",
     count_chatlab_jsonl),
    ("weflow_txt", "weflow_txt", lambda tmp: WEFLOW / "群聊_幸福里团购3群.txt", count_weflow_txt),
    ("weflow_xlsx", "weflow_xlsx", lambda tmp: weflow_xlsx(tmp / "幸福里团购3群.xlsx", streaming=False), count_weflow_xlsx),
    ("qce_json", "qce_json", lambda tmp: QCE / "幸福里团购QQ群.json", count_qce_json),
    ("qce_chunked", "qce_chunked", lambda tmp: QCE / "幸福里团购QQ群_chunked_jsonl", count_qce_chunked),
    ("liuhen_csv", "liuhen_table", lambda tmp: FIXTURES / "liuhen" / "幸福里团购4群.csv", count_liuhen_csv),
    ("whatsapp_zip", "whatsapp_txt", lambda tmp: whatsapp_zip(tmp / "WhatsApp Chat - Maple Street Moms.zip"),
     count_whatsapp),
]  # fmt: skip


@pytest.mark.parametrize(("fmt", "build", "count"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_exact_counts_no_op_reimport_and_a_cut_copy_refused(history, tmp_path, dump, fmt, build, count) -> None:
    path = build(tmp_path)
    [report] = history.import_files([path])
    assert (report.status, report.format) == ("ok", fmt), report.error
    assert report.messages == report.messages_added == count(path)
    before = dump()
    [again] = history.import_files([path])
    assert again.status == "duplicate" and dump() == before
    cut = _cut_copy(path, tmp_path)
    [refused] = history.import_files([cut])
    assert refused.status == "failed" and any(word in refused.error for word in ("不完整", "截断")), refused.error
    if cut.suffix in (".xlsx", ".zip"):  # the archive's directory is gone: its local headers still say what it was
        assert ("Excel" if cut.suffix == ".xlsx" else "_chat.txt") in refused.error
    else:
        assert refused.format == fmt and refused.format_label in "\n".join(refused.lines())
    assert dump() == before


def _cut_copy(path: Path, tmp: Path) -> Path:
    """The export as an interrupted copy leaves it: the last 30 % missing (for a folder, of its last chunk)."""
    if path.is_dir():
        copy = tmp / "cut" / path.name
        for file in sorted(path.rglob("*")):
            if file.is_file():
                (copy / file.relative_to(path)).parent.mkdir(parents=True, exist_ok=True)
                (copy / file.relative_to(path)).write_bytes(file.read_bytes())
        last = sorted((copy / "chunks").glob("*.jsonl"))[-1]
        last.write_bytes(last.read_bytes()[: int(last.stat().st_size * 0.7)])
        return copy
    data = path.read_bytes()
    copy = tmp / f"cut-{path.name}"
    copy.write_bytes(data[: int(len(data) * 0.7)])
    return copy


def test_every_new_format_is_sniffed_by_content_not_by_name(history, tmp_path) -> None:
    samples = {
        "chatlab_json": WEFLOW / "群聊_幸福里团购3群.json", "chatlab_jsonl": WEFLOW / "群聊_幸福里团购3群_20260601-20260602.jsonl",
        "weflow_txt": WEFLOW / "群聊_幸福里团购3群.txt", "weclone_csv": WEFLOW / "群聊_幸福里团购3群_weclone.csv",
        "qce_json": QCE / "阿甲的社区团购群_v4.json", "qce_txt": QCE / "幸福里团购QQ群.txt",
        "liuhen_table": FIXTURES / "liuhen" / "幸福里团购4群.csv", "echotrace_json": next((FIXTURES / "echotrace").iterdir()),
        "pywxdump_csv": FIXTURES / "pywxdump" / "old_20007770000@chatroom_0_5000.csv",
        "whatsapp_txt": FIXTURES / "whatsapp" / "WhatsApp Chat with Sunny Court Group Buy.txt",
        "line_txt": FIXTURES / "line" / "[LINE] Chat history in 幸福里LINE团购.txt", "qq_txt": FIXTURES / "qq" / "无表头_12小时制.txt",
        "weflow_xlsx": weflow_xlsx(tmp_path / "w.xlsx", streaming=True), "qce_chunked": qce_chunked_zip(tmp_path / "q.zip"),
    }  # fmt: skip
    for fmt, path in samples.items():
        renamed = tmp_path / f"export-{fmt}.dat"
        renamed.write_bytes(path.read_bytes())
        assert history.sniff(renamed) == fmt, fmt
