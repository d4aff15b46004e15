"""Exact membership: with no member-list snapshot, `history stats --json` reports exactly the joins
and exits the export states, and `inferred: 0`, on every platform family the product imports.

Each export tells the same day of one group, written the way its platform writes it:

* 08:00 阿乙 speaks; 09:00 a notice says 阿乙 joined (re-invited after a leave nobody recorded);
* 10:00 and 11:00 the same invite notice for 阿丙, twice;
* 12:00 阿丁 speaks; 13:00 阿丁 is removed; 14:00 阿丁 speaks again (back without a notice);
* 15:00 阿戊 leaves (where the platform records voluntary leaves); 16:00 阿戊 speaks.

The old walk turned these into an exit before 阿乙's notice, an exit between 阿丙's two notices and
joins for 阿丁 and 阿戊: counts nobody stated. Inference needs two snapshots, and the last test shows
it still works when they exist.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from assistant.analytics.population import load_spans
from assistant.cli.history import history as history_cli
from assistant.config import load_settings
from assistant.history.database import open_db

ZONE = ZoneInfo("Asia/Shanghai")
GROUP = "精确群"


def at(hour: int, day: int = 1) -> datetime:
    return datetime(2024, 6, day, hour, tzinfo=ZONE)


def ts(hour: int) -> int:
    return int(at(hour).timestamp())


def local(hour: int) -> str:
    return at(hour).strftime("%Y-%m-%d %H:%M:%S")


# --- one writer per platform family: (files, joins stated, voluntary leaves, removals) -------------


def memotrace_csv(tmp: Path) -> tuple[list[Path], int, int, int]:
    ids = {"阿甲": "wxid_jia_demo", "阿乙": "wxid_yi_demo", "阿丙": "wxid_bing_demo", "阿丁": "wxid_ding_demo"}
    rows: list[list[object]] = []

    def said(hour: int, who: str, text: str) -> None:
        rows.append([len(rows) + 1, 35, 1, 0, 0, ts(hour), 2, text, local(hour), who, who, ids[who]])

    def system(hour: int, text: str) -> None:
        rows.append([len(rows) + 1, 35, 10000, 0, 0, ts(hour), 4, text, local(hour), "", "", ""])

    said(7, "阿甲", "早")
    said(7, "阿丙", "在")
    said(8, "阿乙", "大家好")
    system(9, '"阿甲"邀请"阿乙"加入了群聊')
    system(10, '"阿甲"邀请"阿丙"加入了群聊')
    system(11, '"阿甲"邀请"阿丙"加入了群聊')
    said(12, "阿丁", "有货吗")
    system(13, '你将"阿丁"移出了群聊')
    said(14, "阿丁", "我又回来了")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow("localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender".split(","))
    writer.writerows(reversed(rows))  # MemoTrace writes newest first
    path = tmp / "精确群_utf8.csv"
    path.write_text("\ufeff" + out.getvalue(), encoding="utf-8")
    return [path], 3, 0, 1


def memotrace_txt(tmp: Path) -> tuple[list[Path], int, int, int]:
    blocks = [
        f"{local(8)} 阿乙\n大家好",
        f'{local(9)} "阿甲"邀请"阿乙"加入了群聊',
        f'{local(10)} "阿甲"邀请"阿丙"加入了群聊',
        f'{local(11)} "阿甲"邀请"阿丙"加入了群聊',
        f"{local(12)} 阿丁\n有货吗",
        f'{local(13)} 你将"阿丁"移出了群聊',
        f"{local(14)} 阿丁\n我又回来了",
    ]
    path = tmp / "精确群.txt"
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    return [path], 3, 0, 1


def telegram(tmp: Path) -> tuple[list[Path], int, int, int]:
    ids = {"阿甲": "user1", "阿乙": "user2", "阿丙": "user3", "阿丁": "user4", "阿戊": "user5"}
    messages: list[dict] = []

    def add(hour: int, **fields: object) -> None:
        messages.append({"id": len(messages) + 1, "date": at(hour).strftime("%Y-%m-%dT%H:%M:%S"),
                         "date_unixtime": str(ts(hour)), "text": "", "text_entities": [], **fields})  # fmt: skip

    def said(hour: int, who: str, text: str) -> None:
        add(hour, type="message", **{"from": who, "from_id": ids[who], "text": text})

    def service(hour: int, actor: str, action: str, **extra: object) -> None:
        add(hour, type="service", actor=actor, actor_id=ids[actor], action=action, **extra)

    said(8, "阿乙", "大家好")
    service(9, "阿乙", "join_group_by_link", inviter="阿甲")
    service(10, "阿甲", "invite_members", members=["阿丙"])
    service(11, "阿甲", "invite_members", members=["阿丙"])
    said(11, "阿丙", "谢邀")
    said(12, "阿丁", "有货吗")
    service(13, "阿甲", "remove_members", members=["阿丁"])
    said(14, "阿丁", "我又回来了")
    service(15, "阿戊", "remove_members", members=["阿戊"])  # removed themselves: a voluntary leave
    said(16, "阿戊", "手滑")
    path = tmp / "result.json"
    export = {"name": GROUP, "type": "private_supergroup", "id": 42, "messages": messages}
    path.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    return [path], 3, 1, 1


def qq_txt(tmp: Path) -> tuple[list[Path], int, int, int]:
    def block(hour: int, who: str, text: str) -> str:
        return f"{at(hour).strftime('%Y-%m-%d %-H:%M:%S')} {who}\n{text}\n"

    system = "系统消息(10000)"
    lines = [
        "消息记录（此消息记录为文本格式，不支持重新导入）\n",
        "================================================================\n消息分组:我的QQ群\n"
        f"================================================================\n消息对象:{GROUP}\n"
        "================================================================\n",
        block(7, "阿甲(10001)", "早"),
        block(8, "阿乙(10002)", "大家好"),
        block(9, system, "阿乙加入本群。"),
        block(10, system, "阿丙加入本群。"),
        block(11, system, "阿丙加入本群。"),
        block(11, "阿丙(10003)", "谢邀"),
        block(12, "阿丁(10004)", "有货吗"),
        block(13, system, "阿丁被阿甲移出本群。"),
        block(14, "阿丁(10004)", "我又回来了"),
        block(15, system, "阿戊退出本群。"),
        block(16, "阿戊(10005)", "手滑"),
    ]
    path = tmp / "全部消息记录.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return [path], 3, 1, 1


def wecom(tmp: Path) -> tuple[list[Path], int, int, int]:
    room = "wrEXACTroom"
    said = [(8, "wmEXACT_yi", "大家好"), (12, "wmEXACT_ding", "有货吗"), (14, "wmEXACT_ding", "我又回来了"),
            (16, "wmEXACT_wu", "手滑"), (7, "zhangsan", "早")]  # fmt: skip
    archive = tmp / "archive.jsonl"
    archive.write_text("".join(
        json.dumps({"msgid": f"m{n}", "action": "send", "from": who, "tolist": ["zhangsan"], "roomid": room,
                    "msgtime": ts(hour) * 1000, "msgtype": "text", "text": {"content": text}}) + "\n"
        for n, (hour, who, text) in enumerate(said)
    ), encoding="utf-8")  # fmt: skip

    def change(hour: int, detail: str, scene: str, member: str) -> str:
        tag = "JoinScene" if detail == "add_member" else "QuitScene"
        return (f"<xml><ToUserName><![CDATA[wwEXACT]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>"
                f"<CreateTime>{ts(hour)}</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                f"<Event><![CDATA[change_external_chat]]></Event><ChatId><![CDATA[{room}]]></ChatId>"
                f"<ChangeType><![CDATA[update]]></ChangeType><UpdateDetail><![CDATA[{detail}]]></UpdateDetail>"
                f"<{tag}>{scene}</{tag}><MemChangeCnt>1</MemChangeCnt>"
                f"<MemChangeList><Item><![CDATA[{member}]]></Item></MemChangeList></xml>\n")  # fmt: skip

    events = tmp / "change_external_chat.xml"
    events.write_text(
        change(9, "add_member", "0", "wmEXACT_yi") + change(10, "add_member", "0", "wmEXACT_bing")
        + change(11, "add_member", "0", "wmEXACT_bing") + change(13, "del_member", "1", "wmEXACT_ding")
        + change(15, "del_member", "0", "wmEXACT_wu"),
        encoding="utf-8",
    )  # fmt: skip
    return [archive, events], 3, 1, 1


def discord_json(tmp: Path) -> tuple[list[Path], int, int, int]:
    people = {"阿乙": "301", "阿丙": "302", "阿丁": "303"}

    def message(n: int, hour: int, kind: str, who: str, text: str = "") -> dict:
        author = {"id": people[who], "name": who, "discriminator": "0000", "nickname": who, "isBot": False,
                  "roles": []}  # fmt: skip
        return {"id": str(1000 + n), "type": kind, "timestamp": at(hour).isoformat(), "timestampEdited": None,
                "isPinned": False, "content": text, "author": author, "attachments": [], "embeds": [],
                "stickers": [], "reactions": [], "mentions": []}  # fmt: skip

    timeline = [(8, "Default", "阿乙", "大家好"), (9, "GuildMemberJoin", "阿乙", ""),
                (10, "GuildMemberJoin", "阿丙", ""), (11, "GuildMemberJoin", "阿丙", ""),
                (12, "Default", "阿丁", "有货吗")]  # fmt: skip
    export = {
        "guild": {"id": "800", "name": GROUP, "iconUrl": ""},
        "channel": {"id": "900", "type": "GuildTextChat", "categoryId": "1", "category": "团购", "name": "团购",
                    "topic": None},
        "dateRange": {"after": None, "before": None}, "exportedAt": at(20).isoformat(),
        "messages": [message(n, *item) for n, item in enumerate(timeline)], "messageCount": len(timeline),
    }  # fmt: skip
    path = tmp / f"{GROUP} - 团购 - 团购 [900].json"
    path.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    return [path], 3, 0, 0


# --- today's exporters (issue 15): the same day as ChatLab, QQChatExporter, WhatsApp and LINE write it ---


def _qq_notices() -> list[tuple[int, str | None, str]]:
    """The day as (hour, speaker or None for a gray tip, text) in QQ NT's wording."""
    return [(7, "阿甲", "早"), (8, "阿乙", "大家好"), (9, None, "阿甲邀请阿乙加入了群聊"),
            (10, None, "阿甲邀请阿丙加入了群聊"), (11, None, "阿甲邀请阿丙加入了群聊"), (12, "阿丁", "有货吗"),
            (13, None, "阿丁被阿甲移出了群聊"), (14, "阿丁", "我又回来了"), (15, None, "阿戊退出了群聊"),
            (16, "阿戊", "手滑")]  # fmt: skip


QQ_IDS = {"阿甲": "20001", "阿乙": "20002", "阿丙": "20003", "阿丁": "20004", "阿戊": "20005"}


def chatlab_qq(tmp: Path) -> tuple[list[Path], int, int, int]:
    """ChatLab JSON v0.0.2 of a QQ group: gray tips from the reserved sender ``SYSTEM`` (type 80)."""
    messages = []
    for n, (hour, who, text) in enumerate(_qq_notices()):
        if who is None:
            messages.append({"sender": "SYSTEM", "accountName": "系统消息", "timestamp": ts(hour), "type": 80,
                             "content": text})
        else:
            messages.append({"sender": QQ_IDS[who], "accountName": who, "timestamp": ts(hour), "type": 0,
                             "content": text, "platformMessageId": f"q{n}"})
    export = {"chatlab": {"version": "0.0.2", "exportedAt": ts(20), "generator": "ChatLab"},
              "meta": {"name": GROUP, "platform": "qq", "type": "group", "groupId": "700800901"},
              "members": [{"platformId": pid, "accountName": name} for name, pid in QQ_IDS.items()],
              "messages": messages}  # fmt: skip
    path = tmp / "精确群.json"
    path.write_text(json.dumps(export, ensure_ascii=False, indent=2), encoding="utf-8")
    return [path], 3, 1, 1


def chatlab_weflow(tmp: Path) -> tuple[list[Path], int, int, int]:
    """WeFlow's ChatLab JSON of a WeChat group: ``platform: "wechat"``, the group id first among the
    members and the sender of the notices (type 80), WeChat's quoted wording (no voluntary leaves)."""
    room = "4477001@chatroom"
    ids = {"阿甲": "wxid_jia_demo", "阿乙": "wxid_yi_demo", "阿丙": "wxid_bing_demo", "阿丁": "wxid_ding_demo"}
    timeline = [(7, "阿甲", "早"), (8, "阿乙", "大家好"), (9, None, '"阿甲"邀请"阿乙"加入了群聊'),
                (10, None, '"阿甲"邀请"阿丙"加入了群聊'), (11, None, '"阿甲"邀请"阿丙"加入了群聊'),
                (12, "阿丁", "有货吗"), (13, None, '你将"阿丁"移出了群聊'), (14, "阿丁", "我又回来了")]  # fmt: skip
    messages = [
        {"sender": room if who is None else ids[who], "accountName": GROUP if who is None else who,
         "timestamp": ts(hour), "type": 80 if who is None else 0, "content": text,
         "platformMessageId": str(9000 + n)}
        for n, (hour, who, text) in enumerate(timeline)
    ]  # fmt: skip
    export = {"chatlab": {"version": "0.0.2", "exportedAt": ts(20), "generator": "WeFlow"},
              "meta": {"name": GROUP, "platform": "wechat", "type": "group", "groupId": room},
              "members": [{"platformId": room, "accountName": GROUP}]
              + [{"platformId": wxid, "accountName": name} for name, wxid in ids.items()],
              "messages": messages}  # fmt: skip
    path = tmp / f"群聊_{GROUP}.json"
    path.write_text(json.dumps(export, ensure_ascii=False, indent=2), encoding="utf-8")
    return [path], 3, 0, 1


def qce_json(tmp: Path) -> tuple[list[Path], int, int, int]:
    """QQChatExporter's current JSON: gray tips from ``{uid: "未知", name: "系统消息"}``, ms timestamps."""
    system = {"uid": "未知", "name": "系统消息"}
    messages = []
    for n, (hour, who, text) in enumerate(_qq_notices()):
        sender = system if who is None else {"uid": f"u_{QQ_IDS[who]}", "uin": QQ_IDS[who], "name": who}
        kind = "system" if who is None else "text"
        messages.append({
            "id": str(7500000000000000000 + n), "seq": str(2000 + n), "timestamp": ts(hour) * 1000,
            "time": at(hour).astimezone(ZoneInfo("UTC")).strftime("%Y-%m-%dT%H:%M:%S.000Z"), "sender": sender,
            "type": kind, "content": {"text": text, "html": "", "elements": [{"type": kind, "data": {"text": text}}],
                                      "resources": [], "mentions": []},
            "recalled": False, "system": who is None,
        })  # fmt: skip
    export = {"metadata": {"name": "QQChatExporter", "copyright": "https://github.com/shuakami/qq-chat-exporter",
                           "version": "1.4.2"},
              "chatInfo": {"name": GROUP, "type": "group", "selfUid": "u_20001", "selfUin": "20001", "selfName": "阿甲",
                           "participantCount": 5},
              "statistics": {"totalMessages": len(messages)}, "messages": messages}  # fmt: skip
    path = tmp / f"{GROUP}.json"
    path.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    return [path], 3, 1, 1


def whatsapp_txt(tmp: Path) -> tuple[list[Path], int, int, int]:
    """WhatsApp for Android: notices have no sender; ``added`` twice for one person, ``removed``, ``left``."""
    def line(hour: int, text: str) -> str:
        return f"{at(hour).strftime('%d/%m/%Y, %H:%M')} - {text}"

    lines = [line(7, "Ann: morning all"), line(8, "Ben: hi"), line(9, "Ben joined using this group's invite link"),
             line(10, "Ann added Cat"), line(11, "Ann added Cat"), line(12, "Dan: any strawberries left?"),
             line(13, "Ann removed Dan"), line(14, "Dan: I'm back"), line(15, "Eve left"), line(16, "Eve: oops")]  # fmt: skip
    path = tmp / f"WhatsApp Chat with {GROUP}.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [path], 3, 1, 1


def line_txt(tmp: Path) -> tuple[list[Path], int, int, int]:
    """LINE's TXT: tab-separated, notices with an empty name, CRLF."""
    rows = [(7, "Ann", "morning"), (8, "Ben", "hi"), (9, "", "Ben joined the group."),
            (10, "", "Ann added Cat to the group."), (11, "", "Ann added Cat to the group."),
            (12, "Dan", "any peaches?"), (13, "", "Ann removed Dan from the group."), (14, "Dan", "back again"),
            (15, "", "Eve left the group."), (16, "Eve", "oops")]  # fmt: skip
    body = [f"[LINE] Chat history in {GROUP}", "Saved on: 2024/06/02 21:00", "", "2024.06.01 Saturday"]
    body += [f"{hour:02d}:00\t{who}\t{text}" for hour, who, text in rows]
    path = tmp / f"[LINE] Chat history in {GROUP}.txt"
    path.write_text("\r\n".join(body) + "\r\n", encoding="utf-8")
    return [path], 3, 1, 1


WRITERS: dict[str, Callable[[Path], tuple[list[Path], int, int, int]]] = {
    "wechat_memotrace_csv": memotrace_csv,
    "wechat_memotrace_txt": memotrace_txt,
    "telegram_json": telegram,
    "qq_txt": qq_txt,
    "wecom_archive_and_callbacks": wecom,
    "discord_json": discord_json,
    "chatlab_json_qq": chatlab_qq,
    "weflow_chatlab_json": chatlab_weflow,
    "qce_json": qce_json,
    "whatsapp_txt": whatsapp_txt,
    "line_txt": line_txt,
}


def cli(*args: str):
    result = CliRunner().invoke(history_cli, list(args))
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize("platform", WRITERS)
def test_without_snapshots_stats_are_exactly_the_stated_events(platform: str, tmp_path: Path) -> None:
    files, joins, leaves, removals = WRITERS[platform](tmp_path)
    for path in files:
        cli("import", str(path), "--group", GROUP, "--tz", "Asia/Shanghai")
    [group] = json.loads(cli("stats", "--json").output)["groups"]
    assert group["snapshots"] == 0
    assert (group["joins"]["total"], group["joins"]["stated"], group["joins"]["inferred"]) == (joins, joins, 0)
    assert group["exits"] == {"total": leaves + removals, "voluntary": leaves, "removed": removals, "inferred": 0,
                              "inferred_note": None}  # fmt: skip
    imported = json.loads(cli("import", str(files[0]), "--group", GROUP, "--tz", "Asia/Shanghai", "--json").output)
    assert imported[0]["inferred_exits"] == imported[0]["inferred_joins"] == 0


def test_analytics_count_the_same_joins_and_exits_as_stats(tmp_path: Path) -> None:
    """Spans follow the statements: every stated join starts one, every stated exit ends one."""
    files, joins, leaves, removals = telegram(tmp_path)
    cli("import", str(files[0]), "--group", GROUP)
    con = open_db(load_settings(env_file=None).history_db)
    try:
        spans = load_spans(con, 1)
    finally:
        con.close()
    assert sum(s.joined for s in spans) == joins and sum(s.exited for s in spans) == leaves + removals
    assert not any(s.end_inferred for s in spans)
    # 阿丁 and 阿戊 speak after leaving: members again from that message, with no join counted
    [group] = json.loads(cli("stats", "--json").output)["groups"]
    assert group["members_now"] == 4 and group["joins"]["total"] == joins


def test_two_snapshots_still_infer_what_lies_between_them(tmp_path: Path) -> None:
    """The Telegram day above, with member lists before and after it: the unrecorded join and
    leave between them are inferred, and the stated ones are not counted twice."""
    files, *_ = telegram(tmp_path)
    cli("import", str(files[0]), "--group", GROUP)
    before = tmp_path / "before.csv"
    before.write_text("user_id,昵称\nuser1,阿甲\nuser2,阿乙\nuser4,阿丁\nuser5,阿戊\nuser6,阿己\n", encoding="utf-8")
    after = tmp_path / "after.csv"
    after.write_text("user_id,昵称\nuser1,阿甲\nuser2,阿乙\nuser3,阿丙\nuser4,阿丁\nuser7,阿庚\n", encoding="utf-8")
    cli("import", str(before), "--group", GROUP, "--format", "member_list", "--at", "2024-06-01 06:00")
    cli("import", str(after), "--group", GROUP, "--format", "member_list", "--at", "2024-06-02 06:00")
    [group] = json.loads(cli("stats", "--json").output)["groups"]
    # 阿乙 was listed before their 09:00 notice: they left unseen in between (inferred exit);
    # 阿己 is gone and 阿庚 arrived without a word (inferred exit and join); 阿丁 is listed again
    # after the stated removal (inferred join); 阿戊 stated their leave and is absent: not counted
    # twice; 阿丙's second notice is no exit.
    assert (group["joins"]["stated"], group["joins"]["inferred"]) == (3, 2)
    assert (group["exits"]["voluntary"], group["exits"]["removed"], group["exits"]["inferred"]) == (1, 1, 2)
    assert group["members_now"] == 5 and group["members_basis"] == "snapshot"
